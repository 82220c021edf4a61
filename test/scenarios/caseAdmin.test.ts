// 挂起 / 恢复 and the retry of a failed step, end to end with the manual clock
// (server/caseAdmin/README.md): a suspension stops the timers and the tasks, and on 恢复 it is
// an excluded period (中止 → 恢复, CALENDAR.md R9) that extends every running deadline by its
// calendar days; a timer whose firing fails leaves the case 异常 until its administrator retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario, type User } from './helpers';

let s: Scenario;
let upper: User; // 海南高院 承办人: opens the cases
let lower: User; // 海口中院 承办人: reports
beforeAll(async () => {
  s = await startScenario();
  await s.setClock('2026-10-08 09:00');
  await s.deploy('failing-step.bpmn');
  upper = await s.as('hi-gy-chengban');
  lower = await s.as('hi-hk-chengban');
}, 120_000);
afterAll(() => s?.close());

async function openCase(caseNo: string) {
  const r = await upper.post('/api/cases', { process: 'failingStep', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: caseNo } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case.id as string;
}
const view = (id: string) => s.caseOf(id);
const report = { result: '未执结', report: '正在执行', submit: true };

describe('挂起 → 恢复: the suspension is excluded from the deadlines', () => {
  it('nothing fires or may be done while suspended; on 恢复 the report deadline moves by the suspended days', async () => {
    const id = await openCase('（2026）琼01执401号');
    const before = await view(id);
    // 10日 from 2026-10-08: the last day 10-18 is a Sunday, rolled to Monday 10-19.
    expect(before.tasks[0].dueAt).toBe(bj('2026-10-20 00:00'));
    expect(before.timers.map((t: any) => t.dueAt)).toEqual([bj('2026-10-20 00:00')]);

    await s.setClock('2026-10-12 10:00');
    const suspended = await s.admin.post(`/api/cases/${id}/admin/suspend`, { reason: '当事人申请暂缓执行' });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);

    // Well past the original deadline: the overdue timer does not fire, the report may not be made.
    expect((await s.setClock('2026-10-26 09:00')).fired).toBe(0);
    const during = await view(id);
    expect(during.case.status).toBe('suspended');
    const refused = await lower.post(`/api/tasks/${during.tasks[0].id}/complete`, { data: report });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('案件已于2026-10-12 10:00挂起（当事人申请暂缓执行），恢复后才能办理');
    // Not in the inbox, not in the overdue list.
    expect(((await lower.get('/api/tasks')).body.items as any[]).some((t) => t.case.id === id)).toBe(false);
    expect(((await upper.get('/api/cases?due=overdue')).body.items as any[]).some((c) => c.id === id)).toBe(false);

    const resumed = await s.admin.post(`/api/cases/${id}/admin/resume`, { reason: '暂缓期满' });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    // 中止 10-12 → 恢复 10-26: 14 calendar days on the nominal 10-18 → 11-01 (a Sunday) → 11-02.
    expect(resumed.body.excluded).toEqual({ from: '2026-10-12', to: '2026-10-26', reason: '挂起', days: 14 });
    const after = await view(id);
    expect(after.case.status).toBe('running');
    expect(after.tasks[0].dueAt).toBe(bj('2026-11-03 00:00'));
    expect(after.timers.map((t: any) => t.dueAt)).toEqual([bj('2026-11-03 00:00')]);
    const entry = after.history.find((e: any) => e.type === 'caseResumed');
    expect(entry).toMatchObject({ actor: 'admin', data: { reason: '暂缓期满', suspendedBy: 'admin', suspendedReason: '当事人申请暂缓执行', days: 14 } });
    expect(after.history.some((e: any) => e.type === 'timerRescheduled')).toBe(true);

    // The moved deadline is the one that counts: nothing fires before it, the timer comes due at
    // it (and runs into this fixture's failing escalation, the next test's subject).
    expect((await s.setClock('2026-11-02 23:59')).fired).toBe(0);
    expect((await view(id)).case.status).toBe('running');
    await s.setClock('2026-11-03 00:00');
    const fired = await view(id);
    expect(fired.case.status).toBe('failed');
    expect(fired.history.find((e: any) => e.type === 'stepFailed')).toMatchObject({ at: bj('2026-11-03 00:00'), element: 'reportOverdue' });
  });
});

describe('a failed step and its retry', () => {
  it('a timer whose firing fails leaves the case 异常; retried as is it fails again; with the missing period it runs on', async () => {
    await s.setClock('2026-11-04 09:00');
    const id = await openCase('（2026）琼01执402号');
    const due = (await view(id)).timers[0].dueAt as string;
    // 10日 from 11-04: 11-14 is a Saturday, rolled to Monday 11-16.
    expect(due).toBe(bj('2026-11-17 00:00'));
    await s.setClock('2026-11-17 09:00');
    const failed = await view(id);
    expect(failed.case.status).toBe('failed');
    expect(failed.history.find((e: any) => e.type === 'stepFailed')).toMatchObject({ actor: 'system', element: 'reportOverdue' });
    // The report may not be made on a failed case, and the scheduler does not spin on it.
    const refused = await lower.post(`/api/tasks/${failed.tasks[0].id}/complete`, { data: report });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('案件运行异常，待系统管理员重试失败的步骤后才能办理');
    expect((await s.setClock('2026-11-17 10:00')).fired).toBe(0);

    const admin = (await s.admin.get(`/api/cases/${id}/admin`)).body;
    expect(admin.failure).toMatchObject({ element: 'reportOverdue', command: { type: 'fireTimer' } });
    expect(admin.failure.message).toContain('reportPeriod');

    // Refusals: no reason; the courts may not be rewritten; the lower court's administrator.
    expect((await s.admin.post(`/api/cases/${id}/admin/retry`, {})).status).toBe(400);
    const courts = await s.admin.post(`/api/cases/${id}/admin/retry`, { reason: 'x', variables: { supervisedCourt: 'hi-sy-zy' } });
    expect(courts.status).toBe(422);
    expect(courts.body.error.message).toBe('被督办法院决定案件的法院与辖区，不能在重试时修改');
    expect((await (await s.as('hi-hk-admin')).post(`/api/cases/${id}/admin/retry`, { reason: 'x' })).status).toBe(403);

    const again = await s.admin.post(`/api/cases/${id}/admin/retry`, { reason: '再试一次' });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/^重试仍然失败：/);
    expect((await view(id)).case.status).toBe('failed');

    const fixed = await s.admin.post(`/api/cases/${id}/admin/retry`, { reason: '补定催报期限', variables: { reportPeriod: '5日' } });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const after = await view(id);
    expect(after.case.status).toBe('running');
    expect(after.tasks.map((t: any) => t.elementId)).toEqual(['escalate']);
    // Fired at its own instant (11-17 00:00): 5日 → 11-22, a Sunday, rolled to 11-23.
    expect(after.tasks[0].dueAt).toBe(bj('2026-11-24 00:00'));
    const kinds = after.history.map((e: any) => e.type);
    expect(kinds.filter((k: string) => ['stepFailed', 'retryFailed', 'stepRetried'].includes(k))).toEqual(['stepFailed', 'retryFailed', 'stepRetried']);
    expect(after.history.find((e: any) => e.type === 'stepRetried')).toMatchObject({
      actor: 'admin', data: { reason: '补定催报期限', variables: [{ name: 'reportPeriod', from: null, to: '5日' }] },
    });
    expect((await s.admin.post(`/api/cases/${id}/admin/retry`, { reason: '再次' })).status).toBe(409);
  });
});
