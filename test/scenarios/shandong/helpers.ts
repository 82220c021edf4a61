// The Shandong package walked through HTTP with the manual clock. The platform is started on a
// packages root holding only processes/shandong + forms/shandong (the shipped files, copied), so
// it is installed and published exactly as at a first start, and nothing else is installed.
// Cases are opened with the package's start forms as the demo users of seeds/demo-accounts.json;
// each task is completed by a demo user of the court + role it is assigned to, with the form's
// sample (samples.ts) plus the fields the step is about.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { expect } from 'vitest';
import { startEmbeddedMongo } from '../../../server/embedded-mongo';
import { bj, startScenario } from '../helpers';
import { sample, SAMPLES } from './samples';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const manifest = JSON.parse(readFileSync(path.join(ROOT, 'processes/shandong/manifest.json'), 'utf8'));
const ACCOUNTS: { username: string; court: string; roles: string[] }[] = JSON.parse(
  readFileSync(path.join(ROOT, 'seeds/demo-accounts.json'), 'utf8'),
);
export { bj };

/** A demo account of the court holding the role (first match). */
export function userFor(court: string, role: string): string {
  const hit = ACCOUNTS.find((a) => a.court === court && a.roles.includes(role));
  if (!hit) throw new Error(`no demo account for ${court} ${role}`);
  return hit.username;
}

export interface Task { id: string; elementId: string; name: string; formKey: string; dueAt?: string; assignment: { court?: string; role?: string; user?: string } }

/** The packages root: a temporary copy of the shipped Shandong package only. */
async function shandongRoot(): Promise<{ root: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-shandong-'));
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'shandong'), path.join(dir, kind, 'shandong'), { recursive: true });
  return { root: dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The platform's first start happens at `at` (Beijing): the manual clock is stored in the database
 * before the platform starts, so the package is installed — and its timer start events armed from
 * their deploy — at that instant, not at the real time the test runs.
 */
export async function startShandong(at = '2026-03-02 10:00') {
  const pkgs = await shandongRoot();
  const db = await startEmbeddedMongo({ dir: path.join(pkgs.root, 'db'), port: 0 });
  const uri = `${db.uri}/duban_shandong`;
  const conn = await mongoose.createConnection(uri).asPromise();
  await conn.collection<{ _id: string; now: Date }>('settings').insertOne({ _id: 'clock', now: new Date(bj(at)) });
  await conn.close();
  const s = await startScenario({ packagesRoot: pkgs.root, env: { MONGODB_URI: uri } });
  // The 高院's administrator sees every Shandong case (the platform's `admin` is Hainan's).
  const view = async (id: string) => {
    const r = await (await s.as('sd-admin')).get(`/api/cases/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const h = {
    s,
    setClock: s.setClock,
    view,
    async close() {
      await s.close();
      await db.close();
      await pkgs.dispose();
    },

    /** Opens a case with the process's start form (its sample + `data`) as `starter`. */
    async open(process: string, supervisedCourt: string, starter: string, data: Record<string, unknown> = {}) {
      const start = (manifest.startForms as { process: string; form: string }[]).find((f) => f.process === process)!;
      const r = await (await s.as(starter)).post('/api/cases', { process, supervisedCourt, data: { ...structuredClone(SAMPLES[start.form.slice(9)]), ...data } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    },

    async tasks(caseId: string): Promise<Task[]> {
      return (await view(caseId)).tasks;
    },

    async expectOpen(caseId: string, elementIds: string[]) {
      expect((await h.tasks(caseId)).map((t) => t.elementId).sort()).toEqual([...elementIds].sort());
    },

    async task(caseId: string, elementId: string): Promise<Task> {
      const tasks = await h.tasks(caseId);
      const hits = tasks.filter((t) => t.elementId === elementId);
      expect(hits.map((t) => t.elementId), `open: ${tasks.map((t) => t.elementId)}`).toEqual([elementId]);
      return hits[0];
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

    /** Completes the open task as a demo user of its court + role, with the form sample + `over`. */
    async complete(caseId: string, elementId: string, over: Record<string, unknown> = {}) {
      const t = await h.task(caseId, elementId);
      const who = t.assignment.user ?? userFor(t.assignment.court!, t.assignment.role!);
      const r = await (await s.as(who)).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, over) });
      expect(r.status, `${elementId} by ${who}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    },

    async status(caseId: string) {
      return (await view(caseId)).case.status as string;
    },

    /** Ledger entries about `court` of `kind`, as the 高院's 院领导 reads them. */
    async ledger(kind: string, court?: string) {
      const r = await (await s.as('sd-gy-lingdao')).get(`/api/ledger?kind=${encodeURIComponent(kind)}${court ? `&court=${court}` : ''}&pageSize=100`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items ?? r.body.entries) as { kind: string; court: string; reason?: string; caseId?: string; issuer?: string }[];
    },

    /** Cases of a process, as the 高院's administrator sees them. */
    async casesOf(process: string) {
      const r = await (await s.as('sd-admin')).get(`/api/cases?process=${process}&pageSize=100`);
      expect(r.status).toBe(200);
      return r.body.items as { id: string; createdAt: string; supervisedCourt: string }[];
    },

    /** Feeds 执行案件 records as the 济南中院's 承办人 (its own court and below). */
    async feed(records: Record<string, unknown>[]) {
      const r = await (await s.as('sd-jn-chengban')).post('/api/enforcement/records', { records });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    },
  };
  return h;
}
export type Shandong = Awaited<ReturnType<typeof startShandong>>;
