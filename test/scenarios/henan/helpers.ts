// The Henan package walked through HTTP with the manual clock. The platform installs and
// publishes the shipped package at its first start, exactly as `npm start` does (manifest,
// start forms, monitoring rules, ledger ranking included) — from a root holding only Henan, so a
// test installs nothing else. Each task is completed as a demo user of the court + role it is
// assigned to, with a submission that passes its form (samples.ts) plus the step's own fields.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { bj, startScenario, type Scenario } from '../helpers';
import { SAMPLES } from './samples';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ACCOUNTS: { username: string; court: string; roles: string[] }[] = JSON.parse(
  readFileSync(path.join(ROOT, 'seeds/demo-accounts.json'), 'utf8'),
);
export const manifest = JSON.parse(readFileSync(path.join(ROOT, 'processes/henan/manifest.json'), 'utf8'));
export { bj };

/** Courts of the demo seed (seeds/courts/henan.json). */
export const LANKAO = 'ha-kf-lk';
export const KAIFENG = 'ha-kf-zy';
export const HIGH = 'ha-gy';

/** A demo account of the court holding the role (first match), skipping excluded users (回避). */
export function userFor(court: string, role: string, excluded: string[] = []): string {
  const hit = ACCOUNTS.find((a) => a.court === court && a.roles.includes(role) && !excluded.includes(a.username));
  if (!hit) throw new Error(`no demo account for ${court} ${role}`);
  return hit.username;
}

export interface Task {
  id: string;
  elementId: string;
  name: string;
  formKey: string;
  dueAt?: string;
  instance?: { index: number; count: number; member?: unknown };
  assignment: { court?: string; role?: string; user?: string; excludedUsers?: string[]; error?: string };
}

/** The submission for a form: its sample with `over` on top (a key set to undefined is removed). */
export function sample(formKey: string, over: Record<string, unknown> = {}) {
  const base = SAMPLES[formKey.replace(/^henan\//, '')];
  if (!base) throw new Error(`no sample for ${formKey}`);
  const data: Record<string, unknown> = { ...structuredClone(base), ...over };
  for (const [k, v] of Object.entries(data)) if (v === undefined || v === null) delete data[k];
  return { ...data, submit: true };
}

export async function startHenan() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-henan-'));
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'henan'), path.join(dir, kind, 'henan'), { recursive: true });
  const s = await startScenario({ packagesRoot: dir });
  const pkg = await s.admin.get('/api/packages/henan');
  expect(pkg.status, JSON.stringify(pkg.body)).toBe(200);
  expect(pkg.body.package.status).toBe('published');
  return henan(s, async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });
}

export function henan(s: Scenario, close: () => Promise<void>) {
  // The 河南高院's administrator reads every Henan case (the seed's `admin` is Hainan's).
  const view = async (caseId: string) => {
    const r = await (await s.as('ha-admin')).get(`/api/cases/${caseId}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const h = {
    s,
    close,
    view,
    setClock: s.setClock,

    /** Opens a case through its start form (sample + `data`) as `starter`, against `court` (own court by default). */
    async open(process: string, data: Record<string, unknown>, starter: string, court?: string) {
      const account = ACCOUNTS.find((a) => a.username === starter)!;
      const form = (manifest.startForms as { process: string; form: string }[]).find((f) => f.process === process)!.form;
      const { submit: _, ...start } = sample(form, data);
      const r = await (await s.as(starter)).post('/api/cases', { process, supervisedCourt: court ?? account.court, data: start });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    },

    async tasks(caseId: string): Promise<Task[]> {
      return (await view(caseId)).tasks;
    },

    async expectOpen(caseId: string, elementIds: string[]) {
      const open = (await h.tasks(caseId)).map((t) => t.elementId).sort();
      expect(open).toEqual([...elementIds].sort());
    },

    /** The open task of that element (exactly one). */
    async task(caseId: string, elementId: string): Promise<Task> {
      const tasks = await h.tasks(caseId);
      const hits = tasks.filter((t) => t.elementId === elementId);
      expect(hits.map((t) => t.elementId), `open: ${tasks.map((t) => t.elementId)}`).toEqual([elementId]);
      return hits[0];
    },

    /** Who may complete the task: its named user, else a demo account of its court + role. */
    who(t: Task) {
      return t.assignment.user ?? userFor(t.assignment.court!, t.assignment.role!, t.assignment.excludedUsers ?? []);
    },

    async submit(t: Task, over: Record<string, unknown> = {}, as?: string) {
      return (await s.as(as ?? h.who(t))).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, over) });
    },

    /** Completes the open task of that element; the answer must be 200. */
    async complete(caseId: string, elementId: string, over: Record<string, unknown> = {}, as?: string) {
      const t = await h.task(caseId, elementId);
      const r = await h.submit(t, over, as);
      expect(r.status, `${elementId} by ${as ?? h.who(t)}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    },

    /** Completing is refused with `status`; the case does not move. */
    async refused(caseId: string, elementId: string, status: number, over: Record<string, unknown> = {}, as?: string) {
      const before = await view(caseId);
      const t = await h.task(caseId, elementId);
      const r = await h.submit(t, over, as);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      const after = await view(caseId);
      expect(after.history.length).toBe(before.history.length);
      return r.body.error as { message: string; details?: { field: string; message: string }[] };
    },

    async variables(caseId: string) {
      return (await view(caseId)).case.variables as Record<string, any>;
    },

    async history(caseId: string) {
      return (await view(caseId)).history as { type: string; element?: string; data?: any; actor: string }[];
    },

    /** The due instant (UTC ISO) of the case's timer on that element. */
    async timer(caseId: string, elementId: string) {
      const timers = (await view(caseId)).timers as { elementId: string; dueAt: string }[];
      const t = timers.find((x) => x.elementId === elementId);
      expect(t, `timers: ${timers.map((x) => x.elementId)}`).toBeDefined();
      return new Date(t!.dueAt).toISOString();
    },

    async due(caseId: string, elementId: string) {
      const t = await h.task(caseId, elementId);
      return t.dueAt ? new Date(t.dueAt).toISOString() : undefined;
    },

    async status(caseId: string) {
      return (await view(caseId)).case.status as string;
    },

    /** An attachment uploaded for the task by whoever may complete it (a one-page PDF). */
    async upload(t: Task, name = '上传回执.pdf') {
      const { agent, csrfToken } = await s.p.login(h.who(t));
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const r = await agent.post(`/api/attachments?task=${t.id}`).set('X-CSRF-Token', csrfToken).attach('file', pdf, { filename: name, contentType: 'application/pdf' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return [{ storage: 'url', name: r.body.name, originalName: name, url: r.body.url, size: r.body.size, type: r.body.type, data: r.body }];
    },
  };
  return h;
}
export type Henan = Awaited<ReturnType<typeof startHenan>>;
