// Timer and message start events with the manual clock, across a restart on the same data:
// 每日点名 (每个工作日 9:00, the issuing court's own case) and a monthly 督导 of each 中院
// (每月5日前, start.courts = 中院) are started by the scheduler at each occurrence, exactly once;
// a lower court's request (a durable message) starts the upper court's case.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario } from './helpers';

let dataDir: string;
let s: Scenario;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-starts-'));
  s = await startScenario({ dataDir, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
}, 60_000);
afterAll(async () => {
  await s?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const casesOf = (process: string) => s.p.db.connection.collection('cases')
  .find({ 'definition.key': process }, { projection: { engineState: 0, history: 0 } }).sort({ createdAt: 1, supervisedCourt: 1 }).toArray();

describe('timer start events', () => {
  it('deployed on 2026-09-30: nothing starts before the first occurrence; a hand start is refused', async () => {
    await s.setClock('2026-09-30 10:00');
    await s.deploy('timer-start-rollcall.bpmn');
    await s.deploy('timer-start-monthly.bpmn');
    await s.setClock('2026-09-30 23:00');
    expect(await casesOf('dailyRollCall')).toHaveLength(0);
    const r = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'dailyRollCall', supervisedCourt: 'hi-hk-zy', data: {} });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toMatch(/定时器（每个工作日 9:00）自动立案/);
  });

  it('10-01: one monthly 督导 case per 中院 of 海南, supervised by the 高院, due by the 5th (rolled past 国庆)', async () => {
    await s.setClock('2026-10-01 08:00');
    const monthly = await casesOf('monthlyInspection');
    expect(monthly.map((c) => c.supervisedCourt)).toEqual(['hi-hk-zy', 'hi-sy-zy', 'hi-zy1', 'hi-zy2']);
    for (const c of monthly) {
      expect(c.supervisingCourt).toBe('hi-gy');
      expect(new Date(c.createdAt).toISOString()).toBe(bj('2026-10-01 00:00'));
      expect(c.variables.monthStart).toMatchObject({ at: bj('2026-10-01 00:00'), count: 1, dueBy: '2026-10-08' });
      expect(c.openTasks[0].deadline.lastDay).toBe('2026-10-08');
    }
    expect(await casesOf('dailyRollCall')).toHaveLength(0); // 国庆: no working day yet
  });

  it('10-08 09:00: the first 点名 case, under the issuing court', async () => {
    await s.setClock('2026-10-08 09:00');
    const roll = await casesOf('dailyRollCall');
    expect(roll).toHaveLength(1);
    expect(roll[0]).toMatchObject({ supervisingCourt: 'hi-gy', supervisedCourt: 'hi-gy' });
    expect(roll[0].variables.rollCallDue).toMatchObject({ at: bj('2026-10-08 09:00'), count: 1 });
    expect(roll[0].openTasks[0].assignment).toMatchObject({ court: 'hi-gy', role: '承办人' });
  });

  it('after a restart: 10-09 and the 调休 Saturday 10-10 each start once; the same instant again starts nothing', async () => {
    await s.close();
    s = await startScenario({ dataDir, env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    await s.setClock('2026-10-10 09:00');
    let roll = await casesOf('dailyRollCall');
    expect(roll.map((c) => new Date(c.createdAt).toISOString())).toEqual([bj('2026-10-08 09:00'), bj('2026-10-09 09:00'), bj('2026-10-10 09:00')]);
    expect(roll.map((c) => c.variables.rollCallDue.count)).toEqual([1, 2, 3]);
    await s.setClock('2026-10-10 09:00');
    await s.p.platform.services.scheduler.fireDue();
    roll = await casesOf('dailyRollCall');
    expect(roll).toHaveLength(3);
    expect(await casesOf('monthlyInspection')).toHaveLength(4);
  });

  it('11-01: the next month starts the four 中院 cases again, count 2', async () => {
    await s.setClock('2026-11-01 00:00');
    const monthly = await casesOf('monthlyInspection');
    expect(monthly).toHaveLength(8);
    expect(monthly.slice(4).map((c) => c.variables.monthStart.count)).toEqual([2, 2, 2, 2]);
  });
});

describe('message start events', () => {
  it('a lower court\'s request starts the 中院\'s case with the payload, exactly once', async () => {
    await s.deploy('message-start-request.bpmn');
    await s.deploy('message-start-sender.bpmn');
    const r = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'requestSupervision', supervisedCourt: 'hi-hk-qs', data: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const senderId = r.body.case.id;
    const task = (await s.caseOf(senderId)).tasks.find((t: any) => t.elementId === 'writeRequest');
    const done = await (await s.as('hi-qs-chengban')).post(`/api/tasks/${task.id}/complete`, { data: { result: '未执结', report: '被执行人下落不明，请求督导' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    let started = await casesOf('superviseOnRequest');
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ supervisingCourt: 'hi-hk-zy', supervisedCourt: 'hi-hk-qs' });
    expect(started[0].variables.requestReceived).toEqual({ result: '未执结', report: '被执行人下落不明，请求督导' });
    expect(started[0].openTasks[0].assignment).toMatchObject({ court: 'hi-hk-zy', role: '承办人' });
    const msg = await s.p.db.connection.collection('messages').findOne({ name: 'test/请求上级督导' });
    expect(msg).toMatchObject({ status: 'consumed', consumed: { caseId: String(started[0]._id), waitId: 'start', element: 'requestReceived' } });

    // The sweep (every pass) finds nothing more to do.
    await s.advance('PT1H');
    started = await casesOf('superviseOnRequest');
    expect(started).toHaveLength(1);
    const seen = await (await s.as('hi-hk-chengban')).get(`/api/cases/${started[0]._id}/messages`);
    expect(seen.status).toBe(200);
  });
});
