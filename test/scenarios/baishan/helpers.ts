// The Baishan package walked through HTTP with the manual clock: the platform starts with every
// shipped package installed (as `npm start` does: 白山中院 is the issuer of `baishan`), cases are
// opened by 白山中院 staff, and each task is completed by a demo user of the court + role it is
// assigned to, with a submission that passes its form (samples.ts) plus the fields of the step.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { bj, startScenario, type Scenario } from '../helpers';
import { sample } from './samples';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ACCOUNTS: { username: string; court: string; roles: string[] }[] = JSON.parse(
  readFileSync(path.join(ROOT, 'seeds/demo-accounts.json'), 'utf8'),
);
export { bj };
export const manifest = JSON.parse(readFileSync(path.join(ROOT, 'processes/baishan/manifest.json'), 'utf8'));

/** A demo account of the court holding the role (first match). */
export function userFor(court: string, role: string): string {
  const hit = ACCOUNTS.find((a) => a.court === court && a.roles.includes(role));
  if (!hit) throw new Error(`no demo account for ${court} ${role}`);
  return hit.username;
}

export interface Task {
  id: string;
  elementId: string;
  name: string;
  formKey: string;
  assignment: { court?: string; role?: string; user?: string };
  dueAt?: string;
  basis?: string;
}

export const START_DATA = {
  receivedAt: '2026-09-28', sources: { s1: false, s2: false, s3: false, s5: false, s6: true, s7: false },
  enforcementCaseNo: '（2026）吉0602执88号', parties: '申请执行人甲，被执行人乙', summary: '申请执行人来信反映执行法院久拖不执。', urgent: false,
};

/**
 * The platform with the shipped Baishan package installed at first start, exactly as `npm start`
 * installs it — from a copy of processes/baishan + forms/baishan alone, so that the other
 * provinces' packages do not slow every start.
 */
export async function startBaishan() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-baishan-'));
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'baishan'), path.join(dir, kind, 'baishan'), { recursive: true });
  const s = await startScenario({ packagesRoot: dir });
  const h = baishan(s);
  return { ...h, close: async () => { await s.close(); await rm(dir, { recursive: true, force: true }); } };
}

export function baishan(s: Scenario) {
  // 白山中院's 督察 reads every case of its jurisdiction (the default admin is Hainan's).
  const view = async (caseId: string) => {
    const r = await (await s.as('jl-bs-ducha')).get(`/api/cases/${caseId}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const h = {
    s,
    setClock: s.setClock,
    close: () => s.close(),
    view,
    /** Opens a case as `starter` (default: 白山中院 审查人员) against `supervisedCourt`. */
    async open(process: string, supervisedCourt: string, data: Record<string, unknown> = {}, starter = 'jl-bs-shencha') {
      const r = await (await s.as(starter)).post('/api/cases', { process, supervisedCourt, data: process === 'baishanSupervision' ? { ...START_DATA, ...data } : data });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    },
    async tasks(caseId: string): Promise<Task[]> {
      return (await view(caseId)).tasks;
    },
    async task(caseId: string, elementId: string): Promise<Task> {
      const tasks = await h.tasks(caseId);
      const hits = tasks.filter((t) => t.elementId === elementId);
      expect(hits.map((t) => t.elementId), `open: ${tasks.map((t) => t.elementId)}`).toEqual([elementId]);
      return hits[0];
    },
    async expectOpen(caseId: string, elementIds: string[]) {
      expect((await h.tasks(caseId)).map((t) => t.elementId).sort()).toEqual([...elementIds].sort());
    },
    async due(caseId: string, elementId: string) {
      const t = await h.task(caseId, elementId);
      return t.dueAt ? new Date(t.dueAt).toISOString() : undefined;
    },
    async timer(caseId: string, elementId: string) {
      const timers = (await view(caseId)).timers as { elementId: string; dueAt: string }[];
      const t = timers.find((x) => x.elementId === elementId);
      expect(t, `timers: ${timers.map((x) => x.elementId)}`).toBeDefined();
      return new Date(t!.dueAt).toISOString();
    },
    /** Completes the open task as a user of its court + role (or `as`), with the sample + `over`. */
    async complete(caseId: string, elementId: string, over: Record<string, unknown> = {}, as?: string) {
      const t = await h.task(caseId, elementId);
      const who = as ?? t.assignment.user ?? userFor(t.assignment.court!, t.assignment.role!);
      const r = await (await s.as(who)).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, over) });
      expect(r.status, `${elementId} by ${who}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    },
    /** Completing as `as` is refused with `status`. */
    async refused(caseId: string, elementId: string, as: string, status: number, over: Record<string, unknown> = {}) {
      const t = await h.task(caseId, elementId);
      const r = await (await s.as(as)).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, over) });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      return r.body;
    },
    async variables(caseId: string) {
      return (await view(caseId)).case.variables as Record<string, any>;
    },
    async status(caseId: string) {
      return (await view(caseId)).case.status as string;
    },
    /** Moves the clock to the due instant of the case's timer on `elementId` (it fires). */
    async until(caseId: string, elementId: string) {
      const due = await h.timer(caseId, elementId);
      await s.setClock(new Date(Date.parse(due) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
      return due;
    },
    /** Ledger entries of a year as 白山中院's 院领导 sees them. */
    async ledger(query = 'year=2026') {
      const r = await (await s.as('jl-bs-lingdao')).get(`/api/ledger?${query}&pageSize=200`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items ?? r.body.entries) as any[];
    },
  };
  return h;
}
export type Baishan = Awaited<ReturnType<typeof startBaishan>>;
