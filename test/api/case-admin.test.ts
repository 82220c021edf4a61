// Cockpit-style case administration on the shipped Hainan package: the supervising court's
// 系统管理员 reads the variables by their Chinese labels, changes who holds a task, moves a
// waiting token within its stage (refused across stages, as migration refuses), and cancels a
// case with a reason; nobody else may.
import { describe, expect, it } from 'vitest';
import { useHainanCases } from './helpers/hainanCases';

const { h, as, openCase } = useHainanCases();

describe('case administration', () => {
  it('variables by their Chinese labels; only the supervising court’s 系统管理员', async () => {
    const id = await openCase();
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' });
    const r = await (await as('admin')).get(`/api/cases/${id}/admin`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const label = (name: string) => r.body.variables.find((v: any) => v.name === name)?.label;
    expect(label('complaintReceivedAt')).toBe('收到信访材料之日');
    expect(label('supervisedCourt')).toBe('被督办法院');
    expect(label('reviewComplaint')).toBe('「审查信访材料」表单');
    expect(r.body.openTasks.map((t: any) => t.elementId)).toEqual(['transferDirectly']);
    expect(r.body.openTasks[0].moveTargets.map((t: any) => t.id)).toContain('reviewComplaint');
    const lower = await (await as('hi-hk-admin')).get(`/api/cases/${id}/admin`);
    expect(lower.status).toBe(403);
    expect(lower.body.error.message).toBe('只有督办法院（或其上级法院）的系统管理员可以管理本案');
    expect((await (await as('hi-gy-chengban')).get(`/api/cases/${id}/admin`)).status).toBe(403);
    expect((await (await as('admin')).get('/api/cases/000000000000000000000000/admin')).status).toBe(404);
  });

  it('changes who holds a task (same court and role only), recorded with the reason', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const admin = await as('admin');
    expect((await admin.post(`/api/cases/${id}/admin/assignee`, { taskId: t.id, to: 'hi-hk-shencha', reason: 'x' })).status).toBe(422);
    expect((await admin.post(`/api/cases/${id}/admin/assignee`, { taskId: t.id, to: 'hi-gy-shencha2' })).status).toBe(400);
    const r = await admin.post(`/api/cases/${id}/admin/assignee`, { taskId: t.id, to: 'hi-gy-shencha2', reason: '原审查人员病休' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.task.claimedBy).toBe('hi-gy-shencha2');
    expect((await (await as('hi-gy-shencha')).post(`/api/tasks/${t.id}/claim`)).status).toBe(409);
    const entry = (await h.history(id)).find((e) => e.type === 'assigneeChanged')!;
    expect(entry).toMatchObject({ actor: 'admin', data: { to: 'hi-gy-shencha2', reason: '原审查人员病休' } });
  });

  it('moves the token back within the stage; across stages or ahead it is refused and nothing changes', async () => {
    const id = await openCase();
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' });
    const t = await h.task(id, 'transferDirectly');
    const admin = await as('admin');
    const across = await admin.post(`/api/cases/${id}/admin/move`, { taskId: t.id, to: 'designateHandler', reason: '直接交下级法院' });
    expect(across.status).toBe(422);
    expect(across.body.error.message).toContain('不是与「直接转办」同一阶段、且不在其后的用户任务');
    expect((await admin.post(`/api/cases/${id}/admin/move`, { taskId: t.id, to: 'handleTransferred', reason: '跳过' })).status).toBe(422);
    await h.expectOpen(id, ['transferDirectly']);
    const r = await admin.post(`/api/cases/${id}/admin/move`, { taskId: t.id, to: 'reviewComplaint', reason: '审查结论需合议庭复核' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await h.expectOpen(id, ['reviewComplaint']);
    expect((await h.history(id)).find((e) => e.type === 'tokenMoved')).toMatchObject({ actor: 'admin', element: 'transferDirectly', data: { to: 'reviewComplaint', reason: '审查结论需合议庭复核' } });
  });

  it('cancels (撤销) a case with a reason: no task, no timer, the record kept', async () => {
    const id = await openCase();
    const admin = await as('admin');
    expect((await admin.post(`/api/cases/${id}/admin/close`, { kind: '撤销' })).status).toBe(400);
    expect((await admin.post(`/api/cases/${id}/admin/close`, { kind: '删除', reason: 'x' })).status).toBe(400);
    const r = await admin.post(`/api/cases/${id}/admin/close`, { kind: '撤销', reason: '重复立案' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = await h.view(id);
    expect([c.case.status, c.tasks.length, c.timers.length]).toEqual(['completed', 0, 0]);
    expect(c.history.find((e: any) => e.type === 'caseClosedByAdmin')).toMatchObject({ actor: 'admin', data: { kind: '撤销', reason: '重复立案' } });
    expect((await admin.post(`/api/cases/${id}/admin/close`, { kind: '撤销', reason: '再次' })).status).toBe(409);
    expect(await h.inbox(id, 'hi-gy-shencha')).toEqual([]);
  });
});

describe('挂起 / 恢复 (refusals; the deadline arithmetic is in test/scenarios/caseAdmin.test.ts)', () => {
  it('only the supervising court’s 系统管理员 with a reason; while suspended no task action, no move; 撤销 still possible', async () => {
    const id = await openCase();
    const t = await h.task(id, 'reviewComplaint');
    const admin = await as('admin');
    expect((await admin.post(`/api/cases/${id}/admin/suspend`, {})).status).toBe(400);
    expect((await (await as('hi-hk-admin')).post(`/api/cases/${id}/admin/suspend`, { reason: 'x' })).status).toBe(403);
    expect((await (await as('hi-gy-shencha')).post(`/api/cases/${id}/admin/suspend`, { reason: 'x' })).status).toBe(403);
    expect((await admin.post(`/api/cases/${id}/admin/resume`, { reason: 'x' })).body.error.message).toBe('案件未挂起，无需恢复');
    const r = await admin.post(`/api/cases/${id}/admin/suspend`, { reason: '执行和解' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.case.status).toBe('suspended');
    expect((await admin.post(`/api/cases/${id}/admin/suspend`, { reason: '再次' })).status).toBe(409);

    const shencha = await as('hi-gy-shencha');
    const claim = await shencha.post(`/api/tasks/${t.id}/claim`);
    expect(claim.status).toBe(409);
    expect(claim.body.error.message).toMatch(/^案件已于\d{4}-\d\d-\d\d \d\d:\d\d挂起（执行和解），恢复后才能办理$/);
    const page = await shencha.get(`/api/tasks/${t.id}`);
    expect([page.body.mayComplete, page.body.actions]).toEqual([false, null]);
    expect(page.body.halted).toContain('挂起（执行和解）');
    expect(await h.inbox(id, 'hi-gy-shencha')).toEqual([]);
    const move = await admin.post(`/api/cases/${id}/admin/move`, { taskId: t.id, to: 'reviewComplaint', reason: 'x' });
    expect([move.status, move.body.error.message]).toEqual([409, '案件已挂起，请先恢复']);
    const listed = await admin.get('/api/cases?status=suspended');
    expect(listed.body.items.map((c: any) => c.id)).toContain(id);

    const resumed = await admin.post(`/api/cases/${id}/admin/resume`, { reason: '和解未履行' });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(await h.inbox(id, 'hi-gy-shencha')).toEqual(['reviewComplaint']);
    expect((await h.history(id)).filter((e) => ['caseSuspended', 'caseResumed'].includes(e.type)).map((e) => [e.type, e.actor, e.data.reason]))
      .toEqual([['caseSuspended', 'admin', '执行和解'], ['caseResumed', 'admin', '和解未履行']]);

    expect((await admin.post(`/api/cases/${id}/admin/suspend`, { reason: '再次挂起' })).status).toBe(200);
    expect((await admin.post(`/api/cases/${id}/admin/close`, { kind: '撤销', reason: '申请执行人撤回' })).status).toBe(200);
    expect(await h.status(id)).toBe('completed');
    expect((await admin.post(`/api/cases/${id}/admin/resume`, { reason: 'x' })).status).toBe(409);
  });

  it('retry is refused on a case without a failed step', async () => {
    const id = await openCase();
    const r = await (await as('admin')).post(`/api/cases/${id}/admin/retry`, { reason: '试试' });
    expect([r.status, r.body.error.message]).toEqual([409, '案件没有失败的步骤，无需重试']);
  });
});
