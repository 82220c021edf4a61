// Timers survive anything: the platform is killed with SIGKILL between steps, started again
// on the same data directory, and the deadline still fires when the clock reaches it.
// Also: SIGTERM shuts down gracefully (exit 0) and a second process on the same data
// directory is refused with a clear message.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startChildPlatform } from '../helpers/childPlatform';
import { bj, fixture, saveFixtureForms } from './helpers';

const PASSWORD = 'restart-test-2026';
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-restart-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const env = () => ({ DATA_DIR: dataDir, DUBAN_CLOCK: 'manual', DUBAN_SEED_PASSWORD: PASSWORD });

describe('restart between steps', () => {
  it('a case started before a kill -9 has its deadline fire after the restart', async () => {
    const first = await startChildPlatform(env());
    const admin = await signIn(first.url, 'admin', PASSWORD);
    await saveFixtureForms(admin); // main.ts seeds only the shipped forms
    expect((await admin.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') })).status).toBe(201);
    expect((await admin.post('/api/clock', { set: bj('2026-09-28 15:30') })).status).toBe(200);
    const starter = await signIn(first.url, 'hi-gy-chengban', PASSWORD);
    const started = await starter.post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
    expect(started.status).toBe(201);
    const id = started.body.case.id;

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startChildPlatform(env());
    try {
      const admin2 = await signIn(second.url, 'admin', PASSWORD);
      // The manual clock continues from where it was.
      expect((await admin2.get('/api/clock')).body.now).toBe(bj('2026-09-28 15:30'));
      const before = await admin2.get(`/api/cases/${id}`);
      expect(before.body.tasks.map((t: any) => t.elementId)).toEqual(['reportInWriting']);
      const fired = await admin2.post('/api/clock', { set: bj('2026-10-09 00:00') });
      expect(fired.body.fired).toBeGreaterThanOrEqual(2); // the warning, then the deadline
      const after = await admin2.get(`/api/cases/${id}`);
      expect(after.body.tasks.map((t: any) => t.elementId)).toEqual(['urgeReport']);

      // A second process on the same data directory is refused, clearly.
      const third = startChildPlatform(env());
      await expect(third).rejects.toThrow(/已被进程|in use/);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('shutdown complete');
    }
  }, 120_000);
});
