// /api/notifications and /api/cases/:id/urge on the real store (server/notifications/README.md):
// every message is the recipient's own; a message lost between a case write and its projection
// comes back from the case's pending flag with the same id, once; refusals are 4xx in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario, type User } from '../scenarios/helpers';

let s: Scenario;
const as = (username: string) => s.as(username);
let lower: User;
let caseId: string;

beforeAll(async () => {
  s = await startScenario();
  lower = await as('hi-hk-chengban');
  expect((await s.deploy('report-supervision.bpmn')).key).toBe('reportSupervision');
  await s.setClock('2026-08-03 10:00');
  const r = await (await as('hi-gy-chengban')).post('/api/cases', { process: 'reportSupervision', supervisedCourt: 'hi-hk-zy' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  caseId = r.body.case.id;
});
afterAll(() => s?.close());

const messagesOf = async (u: User) => (await u.get('/api/notifications?pageSize=100')).body;

describe('the message centre', () => {
  it('lists the signed-in person\'s own messages, newest first, with the unread count', async () => {
    const body = await messagesOf(lower);
    expect(body.items).toEqual([expect.objectContaining({ kind: '新任务', caseId, title: '新任务：书面报告', read: false })]);
    expect(body.unread).toBe(1);
    // 5日 from Monday 3 August ends on Saturday 8 August, moved to Monday 10 August (民诉法 第八十五条).
    expect(body.items[0].body).toContain('办理期限 2026年8月10日 24:00');
    expect((await messagesOf(await as('hi-qs-chengban'))).items).toEqual([]);
    expect((await (await as('hi-qs-chengban')).get('/api/notifications/unread-count')).body).toEqual({ unread: 0 });
  });

  it('a message lost between the case write and its projection comes back once, with the same id', async () => {
    const coll = s.p.db.connection.collection('notifications');
    const before = (await coll.find({ caseId }).toArray()).map((d) => String(d._id)).sort();
    expect(before.length).toBeGreaterThan(0);
    // As if the process died after the guarded case write: the flag stays, the messages never came.
    await coll.deleteMany({ caseId });
    await s.p.db.connection.collection('cases').updateOne({ _id: new (await import('mongoose')).Types.ObjectId(caseId) }, { $set: { notifyPending: true }, $unset: { notifiedSeq: 1 } });
    const added = await Promise.all([s.p.platform.services.notifications.catchUp(), s.p.platform.services.notifications.catchUp()]);
    expect(added[0] + added[1]).toBe(before.length);
    expect((await coll.find({ caseId }).toArray()).map((d) => String(d._id)).sort()).toEqual(before);
    expect(await s.p.platform.services.notifications.catchUp()).toBe(0);
  });

  it('marks one or all read; another person\'s message is 404', async () => {
    const [m] = (await messagesOf(lower)).items;
    expect((await (await as('hi-hk-shenpi')).post(`/api/notifications/${encodeURIComponent(m.id)}/read`)).status).toBe(404);
    expect((await lower.post(`/api/notifications/${encodeURIComponent(m.id)}/read`)).status).toBe(200);
    expect((await lower.get('/api/notifications/unread-count')).body.unread).toBe(0);
    expect((await lower.get('/api/notifications?unread=1')).body.items).toEqual([]);
    expect((await lower.post('/api/notifications/read')).body).toEqual({ marked: 0 });
  });

  it('bad input is a 4xx in Chinese; signed out is 401', async () => {
    const page = await lower.get('/api/notifications?page=0');
    expect(page.status).toBe(400);
    expect(page.body.error.message).toBe('参数 page 应为 1–100000 的整数');
    expect((await lower.get('/api/notifications?unread=yes')).body.error.message).toBe('参数 unread 应为 1 或 0');
    const ids = await lower.post('/api/notifications/read', { ids: 'all' });
    expect(ids.status).toBe(400);
    expect(ids.body.error.message).toBe('ids 应为消息编号的列表（至多 500 个）');
    expect((await s.p.request().get('/api/notifications')).status).toBe(401);
  });
});

describe('人工催办', () => {
  it('only the supervising court, with a reason, on a case with a lower court\'s task; the package decides the ledger', async () => {
    const gy = await as('hi-gy-chengban');
    expect((await lower.post(`/api/cases/${caseId}/urge`, { reason: '催' })).status).toBe(403);
    expect((await (await as('hi-qs-shenpi')).post(`/api/cases/${caseId}/urge`, { reason: '催' })).status).toBe(404);
    expect((await gy.post('/api/cases/not-an-id/urge', { reason: '催' })).status).toBe(404);
    const long = await gy.post(`/api/cases/${caseId}/urge`, { reason: '催'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe('催办事由不能超过500字');
    const r = await gy.post(`/api/cases/${caseId}/urge`, { reason: '请尽快书面报告' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // The test package does not record 催办 in the ledger (manifest ledger.recordUrges absent).
    expect(r.body.ledger).toBe(false);
    expect(r.body.recipients.map((x: { username: string }) => x.username).sort()).toEqual(['hi-hk-chengban', 'hi-hk-shenpi']);
    expect((await messagesOf(lower)).items.filter((m: { kind: string }) => m.kind === '催办')).toHaveLength(1);
    const ledger = await (await as('hi-gy-lingdao')).get('/api/ledger?kind=催办');
    expect(ledger.body.total).toBe(0);
  });
});
