// Timer cycles with the manual clock, across a restart of the platform on the same data:
// Shandong's 每日点名 (每个工作日 9:00) and Hainan's quarterly 通报 (每季度首月10日前) as
// non-interrupting boundary cycles on the supervision task. Each occurrence fires exactly once,
// on the legal calendar (国庆 skipped, the 调休 Saturday counted), and is armed again for the next.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario } from './helpers';

let dataDir: string;
let s: Scenario;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-cycles-'));
  s = await startScenario({ dataDir });
}, 60_000);
afterAll(async () => {
  await s?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const fired = (c: any, el: string) => c.history.filter((h: any) => h.type === 'timerFired' && h.element === el);
const timer = (c: any, el: string) => c.timers.find((t: any) => t.elementId === el);

describe('每日点名 and the quarterly 通报 across a restart', () => {
  let id: string;
  it('a case started on 2026-09-30 arms 点名 for 10-08 09:00 (国庆) and 通报 for 10-01', async () => {
    await s.deploy('cycles.bpmn');
    await s.setClock('2026-09-30 10:00');
    const r = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'cycleSupervision', supervisedCourt: 'hi-hk-zy', data: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.case.id;
    const c = await s.caseOf(id);
    expect(new Date(timer(c, 'dailyRollCall').dueAt).toISOString()).toBe(bj('2026-10-08 09:00'));
    expect(new Date(timer(c, 'quarterlyNotice').dueAt).toISOString()).toBe(bj('2026-10-01 00:00'));
  });

  it('the 通报 occurrence fires once at 10-01 and its task is due by 10-10; the next is 2027-01-01', async () => {
    await s.setClock('2026-10-01 00:00');
    const c = await s.caseOf(id);
    expect(fired(c, 'quarterlyNotice')).toHaveLength(1);
    const task = c.tasks.find((t: any) => t.elementId === 'quarterlyReport');
    expect(task.deadline.lastDay).toBe('2026-10-10');
    expect(new Date(timer(c, 'quarterlyNotice').dueAt).toISOString()).toBe(bj('2027-01-01 00:00'));
  });

  it('after a restart on the same data, 点名 fires once per working day, counting the 调休 Saturday', async () => {
    await s.close();
    s = await startScenario({ dataDir });
    await s.setClock('2026-10-10 09:00'); // 10-08, 10-09 and 10-10 (调休 Saturday) are due
    let c = await s.caseOf(id);
    expect(fired(c, 'dailyRollCall').map((h: any) => new Date(h.data.dueAt).toISOString())).toEqual(
      [bj('2026-10-08 09:00'), bj('2026-10-09 09:00'), bj('2026-10-10 09:00')],
    );
    expect(c.case.variables.dailyRollCall).toMatchObject({ count: 3 });
    // Setting the clock again to the same instant fires nothing more.
    await s.setClock('2026-10-10 09:00');
    c = await s.caseOf(id);
    expect(fired(c, 'dailyRollCall')).toHaveLength(3);
    expect(new Date(timer(c, 'dailyRollCall').dueAt).toISOString()).toBe(bj('2026-10-12 09:00')); // Sunday 10-11 skipped
    expect(fired(c, 'quarterlyNotice')).toHaveLength(1);
  });

  it('when the supervision ends, the cycles end with it', async () => {
    const c = await s.caseOf(id);
    const task = c.tasks.find((t: any) => t.elementId === 'superviseCase');
    const r = await (await s.as('hi-gy-chengban')).post(`/api/tasks/${task.id}/complete`, { data: { opinion: '督办结束' } });
    expect([200], JSON.stringify(r.body)).toContain(r.status);
    const after = await s.caseOf(id);
    expect(after.timers).toEqual([]);
    await s.setClock('2026-10-20 09:00');
    expect(fired(await s.caseOf(id), 'dailyRollCall')).toHaveLength(3);
  });
});
