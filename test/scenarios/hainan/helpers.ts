// The Hainan package walked through HTTP with the manual clock: install it the way an
// administrator would (forms, then diagrams), open cases as the 高院/中院 staff, and complete
// each task as a demo user of the court + role the task is assigned to, with a submission that
// passes the task's form (samples.ts) plus the fields the step is about.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../../api/helpers/testPlatform';
import { bj, startScenario, type Scenario } from '../helpers';
import { sample } from './samples';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PROCESSES = path.join(ROOT, 'processes/hainan');
const FORMS = path.join(ROOT, 'forms/hainan');
const ACCOUNTS: { username: string; court: string; roles: string[] }[] = JSON.parse(
  readFileSync(path.join(ROOT, 'seeds/demo-accounts.json'), 'utf8'),
);

export { bj };
export const manifest = JSON.parse(readFileSync(path.join(PROCESSES, 'manifest.json'), 'utf8'));

/**
 * Second holders of a role, created by the tests through the users API: 另行组成合议庭 (D19)
 * needs a 审查人员 who did not review the complaint, and a named 专人 (D20) a second 承办人.
 */
export const EXTRA_ACCOUNTS = [
  { username: 'hi-gy-shencha2', name: '海南高院审查人员乙', court: 'hi-gy', roles: ['审查人员'] },
  { username: 'hi-hk-chengban2', name: '海口中院承办人乙', court: 'hi-hk-zy', roles: ['承办人'] },
  { username: 'hi-qs-chengban2', name: '琼山法院承办人乙', court: 'hi-hk-qs', roles: ['承办人'] },
];

/** A demo account of the court holding the role (first match), skipping excluded users (回避). */
export function userFor(court: string, role: string, excluded: string[] = []): string {
  const hit = [...ACCOUNTS, ...EXTRA_ACCOUNTS].find((a) => a.court === court && a.roles.includes(role) && !excluded.includes(a.username));
  if (!hit) throw new Error(`no demo account for ${court} ${role}`);
  return hit.username;
}

export interface Task {
  id: string;
  elementId: string;
  name: string;
  formKey: string;
  assignment: { court?: string; role?: string; user?: string; exclude?: string[]; excludedUsers?: string[]; error?: string };
  dueAt?: string;
  basis?: string;
}

/**
 * shipped: the package installed and published as `npm start` does, so its manifest (ledger
 * rules included) is live; otherwise only its forms and diagrams, as an administrator would —
 * `diagramsDir` then names other diagrams (an older edition, for migration).
 */
export async function startHainan(opts: { shipped?: boolean; diagramsDir?: string } = {}) {
  const s = await startScenario(opts.shipped ? { packagesRoot: ROOT } : {});
  if (!opts.shipped) await installHainan(s, opts.diagramsDir);
  for (const a of EXTRA_ACCOUNTS) {
    const r = await s.admin.post('/api/users', { ...a, password: TEST_PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return hainan(s);
}

/** Forms first (a diagram whose forms do not exist is refused), then every diagram. */
export async function installHainan(s: Scenario, diagramsDir = PROCESSES) {
  for (const file of readdirSync(FORMS).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(FORMS, file), 'utf8'));
    const r = await s.admin.post(`/api/forms/${encodeURIComponent(`hainan/${file.slice(0, -5)}`)}/revisions`, { schema });
    expect([200, 201], `${file}: ${JSON.stringify(r.body)}`).toContain(r.status);
  }
  for (const p of (manifest.processes as { key: string; file: string }[]).filter((x) => existsSync(path.join(diagramsDir, x.file)))) {
    const xml = readFileSync(path.join(diagramsDir, p.file), 'utf8');
    const r = await s.admin.post('/api/definitions', { packageId: 'hainan', xml });
    expect([200, 201], `${p.file}: ${JSON.stringify(r.body)}`).toContain(r.status);
    expect(r.body.key).toBe(p.key);
  }
}

export function hainan(s: Scenario) {
  const view = async (caseId: string) => s.caseOf(caseId);
  const h = {
    s,
    setClock: s.setClock,
    advance: s.advance,
    close: () => s.close(),
    view,

    /** Opens a case as `starter` (default: the 高院's 审查人员) against `supervisedCourt`. */
    async open(process: string, supervisedCourt: string, data: Record<string, unknown> = {}, starter = 'hi-gy-shencha') {
      const r = await (await s.as(starter)).post('/api/cases', {
        // 当事人: the shipped package's start form requires it (manifest startForms).
        process, supervisedCourt, data: { enforcementCaseNo: '（2026）琼01执123号', source: '本院申诉信访系统录入交办', parties: '申请执行人甲，被执行人乙', ...data },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    },

    async tasks(caseId: string): Promise<Task[]> {
      return (await view(caseId)).tasks;
    },

    async open_(caseId: string) {
      return (await h.tasks(caseId)).map((t) => t.elementId).sort();
    },

    /** The open task of that element (exactly one). */
    async task(caseId: string, elementId: string): Promise<Task> {
      const tasks = await h.tasks(caseId);
      const hits = tasks.filter((t) => t.elementId === elementId);
      expect(hits.map((t) => t.elementId), `open: ${tasks.map((t) => t.elementId)}`).toEqual([elementId]);
      return hits[0];
    },

    async expectOpen(caseId: string, elementIds: string[]) {
      expect(await h.open_(caseId)).toEqual([...elementIds].sort());
    },

    /** The task's due instant (UTC ISO) or undefined. */
    async due(caseId: string, elementId: string) {
      const t = await h.task(caseId, elementId);
      return t.dueAt ? new Date(t.dueAt).toISOString() : undefined;
    },

    async timer(caseId: string, elementId: string) {
      const timers = (await view(caseId)).timers as { elementId: string; dueAt: string; kind: string }[];
      const t = timers.find((x) => x.elementId === elementId);
      expect(t, `timers: ${timers.map((x) => x.elementId)}`).toBeDefined();
      return new Date(t!.dueAt).toISOString();
    },

    async timers(caseId: string) {
      return ((await view(caseId)).timers as { elementId: string }[]).map((t) => t.elementId).sort();
    },

    /** Completes the open task as a user of its court + role, with the form sample + `over`. */
    async complete(caseId: string, elementId: string, over: Record<string, unknown> = {}, as?: string) {
      const t = await h.task(caseId, elementId);
      const who = as ?? (t.assignment.user ?? userFor(t.assignment.court!, t.assignment.role!, t.assignment.excludedUsers ?? []));
      const r = await (await s.as(who)).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, over) });
      expect(r.status, `${elementId} by ${who}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    },

    /** Completing as `as` is refused with `status` (e.g. 403 for the wrong role). */
    async refused(caseId: string, elementId: string, as: string, status: number, over: Record<string, unknown> = {}) {
      const t = await h.task(caseId, elementId);
      const r = await (await s.as(as)).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, over) });
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      return r.body;
    },

    async variables(caseId: string) {
      return (await view(caseId)).case.variables as Record<string, any>;
    },

    async history(caseId: string) {
      return (await view(caseId)).history as { type: string; element?: string; data?: any; actor: string }[];
    },

    /** Moves the clock to the due instant of the case's timer on `elementId` (it fires). */
    async until(caseId: string, elementId: string) {
      const due = await h.timer(caseId, elementId);
      await s.setClock(new Date(Date.parse(due) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
      return due;
    },

    /** The user's inbox (待办): element ids of the tasks of this case it lists. */
    async inbox(caseId: string, username: string) {
      const r = await (await s.as(username)).get('/api/tasks');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return ((r.body.items ?? r.body.tasks) as { elementId: string; case: { id: string } }[]).filter((t) => t.case.id === caseId).map((t) => t.elementId).sort();
    },

    async status(caseId: string) {
      return (await view(caseId)).case.status as string;
    },
  };
  return h;
}
export type Hainan = Awaited<ReturnType<typeof startHainan>>;
