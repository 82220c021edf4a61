// Durable messages between cases, with the manual clock: a lower court's report case sends
// 执行情况报告 keyed by the 执行案号; the upper court's case waits for it in a receive task.
// Delivered exactly once, whichever comes first, and kept (until it expires) when it arrives
// before any case waits for it. The crash paths are replayed on the stored records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from './helpers';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario({ env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
  await s.deploy('lower-report.bpmn');
  await s.deploy('await-report.bpmn');
  await s.setClock('2026-03-02 09:00');
}, 60_000);
afterAll(() => s?.close());

const messages = () => s.p.db.connection.collection('messages');

async function start(process: 'lowerReport' | 'awaitReport', enforcementCaseNo: string) {
  const starter = await s.as('hi-gy-chengban');
  const r = await starter.post('/api/cases', { process, supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo, source: '来信' } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case.id as string;
}

/** The lower court's 承办人 writes the report: the send task records the message. */
async function report(lowerId: string, result = '已执结') {
  const task = (await s.caseOf(lowerId)).tasks.find((t: any) => t.elementId === 'writeReport');
  const lower = await s.as('hi-hk-chengban');
  const r = await lower.post(`/api/tasks/${task.id}/complete`, { data: { result } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

const elements = async (id: string) => (await s.caseOf(id)).tasks.map((t: any) => t.elementId);

describe('a message between two cases', () => {
  it('arriving BEFORE the upper case waits: kept, then delivered the moment it starts waiting', async () => {
    const lowerId = await start('lowerReport', '（2026）琼01执1号');
    await report(lowerId);
    const sent = await (await s.as('hi-gy-chengban')).get(`/api/cases/${lowerId}/messages`);
    expect(sent.status).toBe(200);
    expect(sent.body.items).toEqual([expect.objectContaining({
      name: 'test/执行情况报告', key: '（2026）琼01执1号', direction: 'sent', status: 'pending', statusLabel: '待投递',
    })]);
    expect((await s.caseOf(lowerId)).case.status).toBe('completed');

    await s.advance('P3D');
    const upperId = await start('awaitReport', '（2026）琼01执1号');
    const upper = await s.caseOf(upperId);
    expect(upper.tasks.map((t: any) => t.elementId)).toEqual(['reviewReport']);
    expect(upper.messageWaits).toEqual([]);
    expect(upper.timers).toEqual([]); // the 报告逾期 boundary went with the receive task
    expect(upper.case.variables.reportResult).toBe('已执结');
    const received = upper.history.filter((h: any) => h.type === 'messageReceived');
    expect(received).toHaveLength(1);
    expect(received[0].data).toMatchObject({ name: 'test/执行情况报告', from: { caseId: lowerId } });
    const seen = await (await s.as('hi-gy-chengban')).get(`/api/cases/${upperId}/messages`);
    expect(seen.body.items).toEqual([expect.objectContaining({ direction: 'received', status: 'consumed', consumed: expect.objectContaining({ caseId: upperId, element: 'receiveReport' }) })]);
  });

  it('arriving AFTER: the waiting case moves on when the report is sent; a second waiter for the same key keeps waiting', async () => {
    const first = await start('awaitReport', '（2026）琼01执2号');
    const second = await start('awaitReport', '（2026）琼01执2号');
    const waiting = await s.caseOf(first);
    expect(waiting.messageWaits).toEqual([expect.objectContaining({ elementId: 'receiveReport', name: 'test/执行情况报告', key: '（2026）琼01执2号' })]);
    expect(waiting.tasks).toEqual([]);

    const lowerId = await start('lowerReport', '（2026）琼01执2号');
    await report(lowerId, '未执结');
    expect(await elements(first)).toEqual(['reviewReport']); // the longest waiting gets it
    expect((await s.caseOf(first)).case.variables.receiveReport).toEqual({ result: '未执结', court: 'hi-hk-zy' });
    expect(await elements(second)).toEqual([]);
    expect((await s.caseOf(second)).messageWaits).toHaveLength(1);
    // Another key never matches.
    const other = await start('lowerReport', '（2026）琼01执3号');
    await report(other);
    expect((await s.caseOf(second)).messageWaits).toHaveLength(1);
  });

  it('an undelivered message expires after its period (message.expires 30日) and is then never delivered', async () => {
    const lowerId = await start('lowerReport', '（2026）琼01执4号');
    await report(lowerId);
    // Sent 2026-03-05: day 30 is 04-04 (清明), rolled to 04-07, so it expires 04-08 00:00.
    await s.setClock('2026-04-07 23:59');
    expect(await messages().findOne({ 'from.caseId': lowerId })).toMatchObject({ status: 'pending' });
    await s.advance('PT1M'); // the scheduler pass sweeps
    const m = await messages().findOne({ 'from.caseId': lowerId });
    expect(m).toMatchObject({ status: 'expired' });
    const upperId = await start('awaitReport', '（2026）琼01执4号');
    expect((await s.caseOf(upperId)).messageWaits).toHaveLength(1);
    expect(await elements(upperId)).toEqual([]);
  });
});

describe('exactly once across crashes (the stored records as a crash leaves them)', () => {
  it('a crash after the case got the message but before it was marked: the sweep only marks it', async () => {
    const upperId = await start('awaitReport', '（2026）琼01执5号');
    const lowerId = await start('lowerReport', '（2026）琼01执5号');
    await report(lowerId);
    expect(await elements(upperId)).toEqual(['reviewReport']);
    // Back to "claimed by a process that died, not yet marked": the lease ran out.
    const m = await messages().findOne({ 'from.caseId': lowerId });
    await messages().updateOne({ _id: m!._id }, {
      $set: { status: 'pending', claim: { owner: 'dead-process', until: new Date(Date.now() - 1000), caseId: upperId, waitId: m!.consumed.waitId } },
      $unset: { consumed: '' },
    });
    // A second waiter for the same key must not get it a second time.
    const other = await start('awaitReport', '（2026）琼01执5号');
    await s.advance('PT1M'); // a scheduler pass: the sweep
    expect(await messages().findOne({ _id: m!._id })).toMatchObject({ status: 'consumed', consumed: { caseId: upperId } });
    expect(await elements(other)).toEqual([]);
    const upper = await s.caseOf(upperId);
    expect(upper.history.filter((h: any) => h.type === 'messageReceived')).toHaveLength(1);
  });

  it('a crash after the sending case was saved but before the message was published: the sweep publishes it once', async () => {
    const lowerId = await start('lowerReport', '（2026）琼01执6号');
    await report(lowerId);
    const m = await messages().findOne({ 'from.caseId': lowerId });
    // As if the process had died right after the case write: the outbox still holds the
    // message, and the messages collection does not have it yet.
    await messages().deleteOne({ _id: m!._id });
    const cases = s.p.db.connection.collection('cases');
    const { _id, from: _from, status: _status, claim: _claim, ...rest } = m!;
    await cases.updateOne({ caseNo: (await s.caseOf(lowerId)).case.caseNo }, { $set: { outbox: [{ id: _id, element: 'sendReport', ...rest }] } });
    const upperId = await start('awaitReport', '（2026）琼01执6号');
    expect(await elements(upperId)).toEqual([]); // not published yet: nothing to deliver
    await s.advance('PT1M');
    expect(await elements(upperId)).toEqual(['reviewReport']);
    expect(await messages().countDocuments({ 'from.caseId': lowerId })).toBe(1);
    expect((await cases.findOne({ caseNo: (await s.caseOf(lowerId)).case.caseNo }))!.outbox).toEqual([]);
    // Publishing the same outbox entry again inserts nothing and delivers nothing twice.
    await cases.updateOne({ caseNo: (await s.caseOf(lowerId)).case.caseNo }, { $set: { outbox: [{ id: _id, element: 'sendReport', ...rest }] } });
    await s.advance('PT1M');
    expect(await messages().countDocuments({ 'from.caseId': lowerId })).toBe(1);
    expect((await s.caseOf(upperId)).history.filter((h: any) => h.type === 'messageReceived')).toHaveLength(1);
  });

  it('another court cannot read a case’s messages (404, as the case itself)', async () => {
    const lowerId = await start('lowerReport', '（2026）琼01执7号');
    const outsider = await s.as('ha-gy-chengban'); // 河南高院
    const r = await outsider.get(`/api/cases/${lowerId}/messages`);
    expect(r.status).toBe(404);
  });
});
