// 常用筛选 stored on the server (server/savedFilters): per user and list, replaced by name,
// optionally shared with the colleagues of the owner's court, deleted only by the owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type SignedIn, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let owner: SignedIn; // 海南高院 承办人
let colleague: SignedIn; // 海南高院 审查人员
let other: SignedIn; // 海口中院 承办人
beforeAll(async () => {
  p = await startTestPlatform();
  [owner, colleague, other] = [await p.login('hi-gy-chengban'), await p.login('hi-gy-shencha'), await p.login('hi-hk-chengban')];
}, 120_000);
afterAll(() => p?.close());

const save = (who: SignedIn, body: object) => who.agent.post('/api/filters').set('X-CSRF-Token', who.csrfToken).send(body);
const names = async (who: SignedIn, list: string) => ((await who.agent.get(`/api/filters?list=${list}`)).body.items as any[]).map((f) => f.name);

describe('saved filters', () => {
  it('saves per user and list; the same name replaces; a shared one reaches the court only', async () => {
    const a = await save(owner, { list: 'cases', name: '本周到期', params: { due: 'week', sort: 'firstDueAt', order: 'asc' } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.filter).toMatchObject({ name: '本周到期', shared: false, mine: true, params: { due: 'week', sort: 'firstDueAt', order: 'asc' } });
    const b = await save(owner, { list: 'cases', name: '本周到期', params: { due: 'overdue' } });
    expect(b.body.filter.id).toBe(a.body.filter.id);
    expect(b.body.filter.params).toEqual({ due: 'overdue' });
    expect(await names(owner, 'cases')).toEqual(['本周到期']);
    expect(await names(owner, 'inbox-open')).toEqual([]);
    expect(await names(colleague, 'cases')).toEqual([]);

    const shared = await save(owner, { list: 'cases', name: '海口中院在办', params: { court: 'hi-hk-zy', status: 'running' }, shared: true });
    expect(shared.status).toBe(201);
    const seen = (await colleague.agent.get('/api/filters?list=cases')).body.items;
    expect(seen).toEqual([expect.objectContaining({ name: '海口中院在办', mine: false, shared: true, ownerLabel: '海南高院承办人（海南省高级人民法院）' })]);
    expect(await names(other, 'cases')).toEqual([]);

    // Only the owner deletes; another court does not even see it.
    const id = shared.body.filter.id;
    const byColleague = await colleague.agent.delete(`/api/filters/${id}`).set('X-CSRF-Token', colleague.csrfToken);
    expect([byColleague.status, byColleague.body.error.message]).toEqual([409, '只有保存人可以删除共享的常用筛选']);
    expect((await other.agent.delete(`/api/filters/${id}`).set('X-CSRF-Token', other.csrfToken)).status).toBe(404);
    expect((await owner.agent.delete(`/api/filters/${id}`).set('X-CSRF-Token', owner.csrfToken)).status).toBe(204);
    expect(await names(colleague, 'cases')).toEqual([]);
  });

  it('refuses unknown lists, parameters a list does not have, bad names, and anonymous users', async () => {
    expect((await owner.agent.get('/api/filters?list=ledger')).status).toBe(400);
    const bad = await save(owner, { list: 'inbox-open', name: '', params: { status: 'running', q: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { field: 'name', message: '名称为 1 至 20 个字' },
      { field: 'params.status', message: '该列表没有筛选条件“status”' },
      { field: 'params.q', message: '须为不超过 200 字的文字' },
    ]);
    expect((await save(owner, { list: 'cases', name: 'x', params: {}, shared: 'yes' })).status).toBe(400);
    expect((await p.request().get('/api/filters?list=cases')).status).toBe(401);
    expect((await owner.agent.delete('/api/filters/not-an-id').set('X-CSRF-Token', owner.csrfToken)).status).toBe(404);
  });
});
