// Several server processes on one database: each timer fires exactly once. Three platforms
// (real child processes) share one MongoDB-compatible server; the clock moves in one of them
// and all three race to fire the 60 timers that became due.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../server/embedded-mongo';
import { signIn, startChildPlatform, type ChildPlatform } from '../helpers/childPlatform';
import { bj, fixture, saveFixtureForms } from './helpers';

const PASSWORD = 'multi-process-2026';
const CASES = 30;
let dir: string;
let db: Awaited<ReturnType<typeof startEmbeddedMongo>>;
const platforms: ChildPlatform[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duban-multi-'));
  db = await startEmbeddedMongo({ dir: path.join(dir, 'db'), port: 0 });
  const env = (n: number) => ({
    MONGODB_URI: `${db.uri}/duban`,
    DATA_DIR: path.join(dir, `p${n}`),
    SESSION_SECRET: 'a-shared-secret-for-all-three-processes',
    DUBAN_SEED_PASSWORD: PASSWORD, DUBAN_DEMO: 'open',
    DUBAN_CLOCK: 'manual',
    DUBAN_SCHEDULER_POLL_MS: '25',
  });
  platforms.push(await startChildPlatform(env(1))); // seeds first, alone
  platforms.push(...(await Promise.all([startChildPlatform(env(2)), startChildPlatform(env(3))])));
}, 420_000); // three starts, each allowed childPlatform's 180 s on a busy machine

afterAll(async () => {
  for (const p of platforms) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('three processes, one database', () => {
  it('every due timer fires exactly once', async () => {
    const [a, b, c] = platforms;
    const admin = await signIn(a.url, 'admin', PASSWORD);
    await saveFixtureForms(admin); // main.ts seeds only the shipped forms
    expect((await admin.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') })).status).toBe(201);
    expect((await admin.post('/api/clock', { set: bj('2026-09-28 15:30') })).status).toBe(200);
    const starters = await Promise.all([a, b, c].map((p) => signIn(p.url, 'hi-gy-chengban', PASSWORD)));
    const ids: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const r = await starters[i % 3].post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
      expect(r.status).toBe(201);
      ids.push(r.body.case.id);
    }
    // The clock moves in process A; B and C pick it up within their 25 ms polls.
    expect((await admin.post('/api/clock', { set: bj('2026-10-09 00:00') })).status).toBe(200);

    const deadline = Date.now() + 60_000;
    let cases: any[] = [];
    for (;;) {
      cases = await Promise.all(ids.map(async (id) => (await admin.get(`/api/cases/${id}`)).body));
      if (cases.every((x) => x.tasks.map((t: any) => t.elementId).join() === 'urgeReport')) break;
      if (Date.now() > deadline) throw new Error('timers did not all fire within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const owners = new Set(cases.flatMap((x) => x.history.filter((h: any) => h.type === 'timerFired').map((h: any) => h.data.firedBy)));
    expect(owners.size, 'more than one process took part').toBeGreaterThanOrEqual(2);
    for (const x of cases) {
      const fired = x.history.filter((h: any) => h.type === 'timerFired').map((h: any) => h.element).sort();
      expect(fired).toEqual(['reportOverdue', 'reportWarning']);
      expect(x.history.filter((h: any) => h.type === 'taskOpened' && h.element === 'urgeReport')).toHaveLength(1);
      expect(x.history.map((h: any) => h.seq)).toEqual(x.history.map((_: any, i: number) => i + 1));
    }
  }, 120_000);

  it('a timer start event starts each occurrence\'s cases exactly once (server/starts)', async () => {
    const [a] = platforms;
    const admin = await signIn(a.url, 'admin', PASSWORD);
    await saveFixtureForms(admin);
    expect((await admin.post('/api/clock', { set: bj('2026-10-09 00:00') })).status).toBe(200);
    expect((await admin.post('/api/definitions', { packageId: 'test', xml: fixture('timer-start-monthly.bpmn') })).status).toBe(201);
    // 11-01 and 12-01: two occurrences, one case per 中院 of 海南 (4) each, raced for by three processes.
    expect((await admin.post('/api/clock', { set: bj('2026-12-01 00:00') })).status).toBe(200);
    const deadline = Date.now() + 60_000;
    let rows: any[] = [];
    for (;;) {
      const r = await admin.get('/api/cases?process=monthlyInspection&pageSize=100');
      rows = r.body.items ?? r.body.cases ?? [];
      if (rows.length >= 8) break;
      if (Date.now() > deadline) throw new Error(`only ${rows.length} of 8 cases started within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Every process polls every 25 ms: give a duplicate the time to appear if one could.
    await new Promise((r) => setTimeout(r, 1000));
    const again = await admin.get('/api/cases?process=monthlyInspection&pageSize=100');
    const all = again.body.items ?? again.body.cases;
    const keys = all.map((c: any) => `${c.supervisedCourt?.code ?? c.supervisedCourt}@${c.createdAt}`);
    expect(all, JSON.stringify(keys)).toHaveLength(8);
    expect(new Set(keys).size).toBe(8);
  }, 120_000);
});
