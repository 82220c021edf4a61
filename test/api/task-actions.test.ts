// Task actions on the shipped Hainan package over HTTP (server/tasks/README.md): 认领 / 释放,
// 转办, 委派, 暂存, 撤回, 批量办理 — each recorded with who and why, each refused precisely where
// the regulation's roles and the court hierarchy say no, and concurrent actions on one task
// giving exactly one winner.
import { describe, expect, it } from 'vitest';
import { useHainanCases } from './helpers/hainanCases';
import { sample } from '../scenarios/hainan/samples';

const { h, as, openCase, historyOf } = useHainanCases();

describe('认领 / 释放', () => {
  it('one 审查人员 claims the review; the other sees who holds it and may neither claim nor submit it', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const mine = await as('hi-gy-shencha');
    const other = await as('hi-gy-shencha2');
    expect((await mine.get(`/api/tasks/${t.id}`)).body.actions.may.claim).toBe(true);
    const r = await mine.post(`/api/tasks/${t.id}/claim`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.task.claimedBy).toBe('hi-gy-shencha');
    const seen = await other.get(`/api/tasks/${t.id}`);
    expect(seen.body.actions.holder).toBe('hi-gy-shencha');
    expect(seen.body.people['hi-gy-shencha'].label).toBe('海南高院审查人员（海南省高级人民法院）');
    expect(seen.body.mayComplete).toBe(false);
    const refused = await other.post(`/api/tasks/${t.id}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('该任务已由海南高院审查人员（海南省高级人民法院）认领办理');
    const submit = await other.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { decision: '不予督办' }) });
    expect(submit.status).toBe(403);
    expect(submit.body.error.message).toContain('认领办理');
    // A user of another role of the same court may not claim at all.
    expect((await (await as('hi-gy-chengban')).post(`/api/tasks/${t.id}/claim`)).status).toBe(403);
    // Only the holder releases; then the other may claim.
    expect((await other.post(`/api/tasks/${t.id}/release`)).status).toBe(403);
    expect((await mine.post(`/api/tasks/${t.id}/release`, { reason: '另有急务' })).status).toBe(200);
    expect((await other.post(`/api/tasks/${t.id}/claim`)).status).toBe(200);
    const entries = [...await historyOf(id, 'taskClaimed'), ...await historyOf(id, 'taskReleased')];
    expect(entries.map((e) => [e.type, e.actor, e.data.reason ?? null])).toEqual([
      ['taskClaimed', 'hi-gy-shencha', null], ['taskClaimed', 'hi-gy-shencha2', null], ['taskReleased', 'hi-gy-shencha', '另有急务'],
    ]);
  });

  it('claims racing on one task: exactly one winner, the others 409, one history entry', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const users = [await as('hi-gy-shencha'), await as('hi-gy-shencha2')];
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => users[i % 2].post(`/api/tasks/${t.id}/claim`)));
    const statuses = replies.map((r) => r.status);
    // A repeated claim by the winner is idempotent (200): count distinct winners instead.
    const winners = new Set(replies.filter((r) => r.status === 200).map((r) => r.body.task.claimedBy));
    expect(winners.size, JSON.stringify(statuses)).toBe(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(await historyOf(id, 'taskClaimed')).toHaveLength(1);
  });

  it('a claim and a transfer racing: one wins, nothing is half written', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const [a, b] = await Promise.all([
      (await as('hi-gy-shencha2')).post(`/api/tasks/${t.id}/claim`),
      (await as('hi-gy-shencha')).post(`/api/tasks/${t.id}/transfer`, { to: 'hi-gy-shencha2', reason: '回避' }),
    ]);
    // Whichever lands first, the other is refused (409 when both read the same version, 403
    // when the claim came first) or is a repeat of the same holder (200): one entry, one holder.
    expect([a.status, b.status].every((s) => [200, 403, 409].includes(s))).toBe(true);
    const after = await h.task(id, 'reviewComplaint');
    const entries = [...await historyOf(id, 'taskClaimed'), ...await historyOf(id, 'taskTransferred')];
    expect(entries).toHaveLength(1);
    expect((after as any).claimedBy).toBe('hi-gy-shencha2');
  });
});

describe('转办', () => {
  it('refuses another court, another role, oneself and a missing reason; hands to a colleague of the same court and role', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const mine = await as('hi-gy-shencha');
    const toCourt = await mine.post(`/api/tasks/${t.id}/transfer`, { to: 'hi-hk-shencha', reason: '请中院审查' });
    expect(toCourt.status).toBe(422);
    expect(toCourt.body.error.message).toBe('海口中院审查人员（海口市中级人民法院）不是本任务所属法院的人员，只能转办给同一法院、同一角色的人员');
    const toRole = await mine.post(`/api/tasks/${t.id}/transfer`, { to: 'hi-gy-chengban', reason: '请承办人办理' });
    expect(toRole.status).toBe(422);
    expect(toRole.body.error.message).toContain('不具有“审查人员”角色');
    expect((await mine.post(`/api/tasks/${t.id}/transfer`, { to: 'hi-gy-shencha', reason: 'x' })).status).toBe(422);
    expect((await mine.post(`/api/tasks/${t.id}/transfer`, { to: 'hi-gy-shencha2' })).status).toBe(400);
    // A court that may see the case but is not the task's (the 中院) may not hand it on.
    expect((await (await as('hi-hk-shencha')).post(`/api/tasks/${t.id}/transfer`, { to: 'hi-gy-shencha2', reason: 'x' })).status).toBe(403);
    const r = await mine.post(`/api/tasks/${t.id}/transfer`, { to: 'hi-gy-shencha2', reason: '本人出差' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await historyOf(id, 'taskTransferred')).map((e) => [e.actor, e.data.to, e.data.reason])).toEqual([['hi-gy-shencha', 'hi-gy-shencha2', '本人出差']]);
    expect((await mine.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { decision: '不予督办' }) })).status).toBe(403);
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' }, 'hi-gy-shencha2');
  });
});

describe('委派', () => {
  it('the delegate works the form and hands it back; only then the delegator submits', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const owner = await as('hi-gy-shencha');
    const delegate = await as('hi-gy-shencha2');
    expect((await owner.post(`/api/tasks/${t.id}/delegate`, { to: 'hi-qs-chengban', reason: 'x' })).status).toBe(422);
    expect((await owner.post(`/api/tasks/${t.id}/delegate`, { to: 'hi-gy-shencha2', reason: '请先核对材料' })).status).toBe(200);
    const own = await owner.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { decision: '不予督办' }) });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('该任务已委派给海南高院审查人员乙（海南省高级人民法院），待其交回后再办理');
    expect((await delegate.put(`/api/tasks/${t.id}/draft`, { data: { opinion: '材料齐全' } })).status).toBe(200);
    const early = await delegate.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { decision: '不予督办' }) });
    expect(early.status).toBe(403);
    expect(early.body.error.message).toContain('请先“交回委派人”');
    expect((await delegate.post(`/api/tasks/${t.id}/return-delegation`, { reason: '已核对' })).status).toBe(200);
    const view = await owner.get(`/api/tasks/${t.id}`);
    expect(view.body.actions.draft.data).toEqual({ opinion: '材料齐全' });
    expect(view.body.actions.holder).toBe('hi-gy-shencha');
    expect((await delegate.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { decision: '不予督办' }) })).status).toBe(403);
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' }, 'hi-gy-shencha');
    expect((await h.history(id)).filter((e) => ['taskDelegated', 'taskSaved', 'delegationReturned'].includes(e.type)).map((e) => [e.type, e.actor])).toEqual([
      ['taskDelegated', 'hi-gy-shencha'], ['taskSaved', 'hi-gy-shencha2'], ['delegationReturned', 'hi-gy-shencha2'],
    ]);
  });
});

describe('暂存', () => {
  it('saves the form without moving the case, takes the task, and is refused for bad data', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const mine = await as('hi-gy-shencha');
    expect((await mine.put(`/api/tasks/${t.id}/draft`, { data: [1] })).status).toBe(400);
    const r = await mine.put(`/api/tasks/${t.id}/draft`, { data: { decision: '督办', opinion: '待补充' } });
    expect(r.status).toBe(200);
    await h.expectOpen(id, ['reviewComplaint']);
    expect((await mine.get(`/api/tasks/${t.id}`)).body.actions.draft.data).toEqual({ decision: '督办', opinion: '待补充' });
    // Saving took the task: a colleague does not start the same form meanwhile.
    expect((await (await as('hi-gy-shencha2')).put(`/api/tasks/${t.id}/draft`, { data: {} })).status).toBe(403);
    // The inbox row says it has a saved form, without carrying the data.
    const inbox = await mine.get('/api/tasks');
    const row = inbox.body.items.find((x: any) => x.id === t.id);
    expect(row.draftAt).toBeTruthy();
    expect(row.draft).toBeUndefined();
  });
});

describe('撤回', () => {
  it('the submitter takes back a submission while the next step is untouched; not another user, not after it started', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' }, 'hi-gy-shencha');
    expect((await (await as('hi-gy-shencha2')).post(`/api/tasks/${t.id}/withdraw`, { reason: 'x' })).status).toBe(403);
    expect((await (await as('hi-gy-shencha')).post(`/api/tasks/${t.id}/withdraw`, {})).status).toBe(400);
    const r = await (await as('hi-gy-shencha')).post(`/api/tasks/${t.id}/withdraw`, { reason: '结论有误' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const back = await h.task(id, 'reviewComplaint');
    expect((back as any).claimedBy).toBe('hi-gy-shencha');
    expect((await historyOf(id, 'taskWithdrawn')).map((e) => [e.actor, e.data.reason])).toEqual([['hi-gy-shencha', '结论有误']]);
    // Submitted again, and the next step claimed by its 承办人: too late.
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' }, 'hi-gy-shencha');
    const next = await h.task(id, 'transferDirectly');
    expect((await (await as('hi-gy-chengban')).post(`/api/tasks/${next.id}/claim`)).status).toBe(200);
    const latest = (await historyOf(id, 'taskCompleted')).at(-1)!;
    const late = await (await as('hi-gy-shencha')).post(`/api/tasks/${latest.data.taskId}/withdraw`, { reason: '再改' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('下一步骤已经开始办理，不能撤回');
  });
});

describe('批量办理', () => {
  it('only where the form allows it (催报 does; 审查信访材料 does not)', async () => {
    const a = await openCase();
    const b = await openCase();
    const ta = await h.task(a, 'reviewComplaint');
    const tb = await h.task(b, 'reviewComplaint');
    const r = await (await as('hi-gy-shencha')).post('/api/tasks/batch', { taskIds: [ta.id, tb.id], data: sample(ta.formKey, { decision: '不予督办' }) });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toBe('任务「审查信访材料」的表单不允许批量办理');
    expect((await (await as('hi-gy-shencha')).post('/api/tasks/batch', { taskIds: [], data: {} })).status).toBe(400);
  });
});
