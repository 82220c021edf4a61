// Messages with two server processes on one database, and across a kill -9: six upper cases
// wait for the same 执行案号 while six lower cases report through both processes at once —
// every message is consumed exactly once and every waiting case gets exactly one. Then a
// message sent before anyone waits survives a SIGKILL of the process that sent it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../server/embedded-mongo';
import { signIn, startChildPlatform, type ChildPlatform } from '../helpers/childPlatform';
import { bj, fixture, saveFixtureForms } from './helpers';

const PASSWORD = 'messages-2026';
const N = 6;
let dir: string;
let db: Awaited<ReturnType<typeof startEmbeddedMongo>>;
const platforms: ChildPlatform[] = [];
const env = (n: number) => ({
  MONGODB_URI: `${db.uri}/duban`,
  DATA_DIR: path.join(dir, `p${n}`),
  SESSION_SECRET: 'a-shared-secret-for-both-processes',
  DUBAN_SEED_PASSWORD: PASSWORD,
  DUBAN_CLOCK: 'manual',
  DUBAN_SCHEDULER_POLL_MS: '50',
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duban-messages-'));
  db = await startEmbeddedMongo({ dir: path.join(dir, 'db'), port: 0 });
  platforms.push(await startChildPlatform(env(1))); // seeds first, alone
  platforms.push(await startChildPlatform(env(2)));
}, 400_000);

afterAll(async () => {
  for (const p of platforms) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('two processes, one database', () => {
  it('concurrent reports to waiting cases: each message once, each case once', async () => {
    const [a, b] = platforms;
    const admin = await signIn(a.url, 'admin', PASSWORD);
    await saveFixtureForms(admin);
    for (const f of ['lower-report.bpmn', 'await-report.bpmn']) {
      expect((await admin.post('/api/definitions', { packageId: 'test', xml: fixture(f) })).status).toBe(201);
    }
    expect((await admin.post('/api/clock', { set: bj('2026-03-02 09:00') })).status).toBe(200);
    const starters = await Promise.all([a, b].map((p) => signIn(p.url, 'hi-gy-chengban', PASSWORD)));
    const handlers = await Promise.all([a, b].map((p) => signIn(p.url, 'hi-hk-chengban', PASSWORD)));
    const start = async (i: number, process: string, key: string) => {
      const r = await starters[i % 2].post('/api/cases', { process, supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: key } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.case.id as string;
    };
    const KEY = '（2026）琼01执88号';
    const upper: string[] = [];
    for (let i = 0; i < N; i++) upper.push(await start(i, 'awaitReport', KEY));
    const lower: string[] = [];
    for (let i = 0; i < N; i++) lower.push(await start(i, 'lowerReport', KEY));
    const tasks = await Promise.all(lower.map(async (id) => (await admin.get(`/api/cases/${id}`)).body.tasks[0].id as string));
    // All reports at once, half through each process.
    const done = await Promise.all(tasks.map((t, i) => handlers[i % 2].post(`/api/tasks/${t}/complete`, { data: { result: '已执结' } })));
    expect(done.map((r) => r.status)).toEqual(tasks.map(() => 200));

    const cases = await until('every waiting case got its report', async () => {
      const all = await Promise.all(upper.map(async (id) => (await admin.get(`/api/cases/${id}`)).body));
      return all.every((c) => c.tasks.map((t: any) => t.elementId).join() === 'reviewReport') ? all : undefined;
    });
    const received = cases.flatMap((c) => c.history.filter((h: any) => h.type === 'messageReceived').map((h: any) => h.data.messageId));
    expect(received).toHaveLength(N);
    expect(new Set(received).size).toBe(N);
    const sent = (await Promise.all(lower.map(async (id) => (await admin.get(`/api/cases/${id}/messages`)).body.items))).flat();
    expect(sent).toHaveLength(N);
    expect(sent.every((m: any) => m.status === 'consumed')).toBe(true);
    expect(new Set(sent.map((m: any) => m.consumed.caseId))).toEqual(new Set(upper));
  }, 300_000);

  it('a message sent before anyone waits survives a kill -9 of the process that sent it', async () => {
    const [a] = platforms;
    const handler = await signIn(a.url, 'hi-hk-chengban', PASSWORD);
    const starter = await signIn(a.url, 'hi-gy-chengban', PASSWORD);
    const KEY = '（2026）琼01执99号';
    const r = await starter.post('/api/cases', { process: 'lowerReport', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: KEY } });
    expect(r.status).toBe(201);
    const task = (await starter.get(`/api/cases/${r.body.case.id}`)).body.tasks[0].id;
    expect((await handler.post(`/api/tasks/${task}/complete`, { data: { result: '未执结' } })).status).toBe(200);
    a.child.kill('SIGKILL');
    await a.exited;
    platforms[0] = await startChildPlatform(env(1));
    const again = await signIn(platforms[0].url, 'hi-gy-chengban', PASSWORD);
    const upper = await again.post('/api/cases', { process: 'awaitReport', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: KEY } });
    expect(upper.status).toBe(201);
    // Delivered by whichever process gets to it first: the starting request's own or the
    // other process's sweep (then a moment later).
    const c = await until('the kept message reached the new case', async () => {
      const x = (await again.get(`/api/cases/${upper.body.case.id}`)).body;
      return x.tasks.length ? x : undefined;
    });
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['reviewReport']);
    expect(c.history.filter((h: any) => h.type === 'messageReceived')).toHaveLength(1);
    expect(c.case.variables.reportResult).toBe('未执结');
  }, 300_000);
});
