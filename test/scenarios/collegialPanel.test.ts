// A 合议庭 end to end through HTTP with the manual clock (issue 17; Henan 第1、6条, Hainan 第十一条):
// the members are chosen on a form, each member finds exactly one task in the inbox (their
// own), the majority decides, a member who does not vote before the deadline is released and
// the votes cast decide, the minority opinion stays on the case, the same person cannot sit
// twice, and the review that follows goes to a different panel (who sat may not take it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startScenario, type Scenario, type User } from './helpers';

let s: Scenario;
const members = ['hi-gy-shencha', 'hi-gy-shenpi', 'hi-gy-lingdao'];

beforeAll(async () => {
  s = await startScenario();
  await s.setClock('2026-10-09 09:00');
  await s.deploy('collegial-panel.bpmn');
});
afterAll(() => s?.close());

async function openPanel(chosen: string[]) {
  const clerk = await s.as('hi-gy-chengban');
  const started = await clerk.post('/api/cases', { process: 'collegialScenario', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: '（2026）琼01执9号' } });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const caseId = started.body.case.id as string;
  const done = await clerk.post(`/api/tasks/${started.body.tasks[0].id}/complete`, { data: { members: chosen, submit: true } });
  return { caseId, done };
}

/** The member's own 合议庭评议 task of this case, from the inbox. */
async function inboxOf(user: User, caseId: string) {
  const r = await user.get('/api/tasks?pageSize=50');
  expect(r.status).toBe(200);
  return (r.body.items as any[]).filter((row) => (row.case?.id ?? row.caseId) === caseId);
}

const vote = (user: User, taskId: string, opinion: string) =>
  user.post(`/api/tasks/${taskId}/complete`, { data: { opinion, reason: `${opinion}的理由`, submit: true } });

describe('合议庭 (multi-instance user task)', () => {
  it('one member absent: at the deadline the votes cast decide; the review goes to someone who did not sit', async () => {
    const { caseId, done } = await openPanel(members);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    let c = await s.caseOf(caseId);
    const panel = c.tasks.filter((t: any) => t.elementId === 'deliberate');
    expect(panel.map((t: any) => [t.assignment.user, t.instance.index, t.instance.count])).toEqual(members.map((m, i) => [m, i, 3]));

    // Each member sees exactly their own task; the clerk who formed the panel sees none.
    const own: Record<string, string> = {};
    for (const m of members) {
      const rows = await inboxOf(await s.as(m), caseId);
      expect(rows.map((r) => r.task?.instance?.member ?? r.instance?.member)).toEqual([m]);
      own[m] = rows[0].task?.id ?? rows[0].id;
    }
    const clerk = await s.as('hi-gy-chengban');
    expect(await inboxOf(clerk, caseId)).toEqual([]);
    expect((await vote(clerk, own['hi-gy-lingdao'], '同意')).status).toBe(403);
    // Nobody votes in another member's place.
    expect((await vote(await s.as('hi-gy-shencha'), own['hi-gy-lingdao'], '同意')).status).toBe(403);

    expect((await vote(await s.as('hi-gy-shencha'), own['hi-gy-shencha'], '同意')).status).toBe(200);
    expect((await vote(await s.as('hi-gy-shenpi'), own['hi-gy-shenpi'], '不同意')).status).toBe(200);
    // Voting twice is refused: the task is done.
    expect((await vote(await s.as('hi-gy-shenpi'), own['hi-gy-shenpi'], '同意')).status).toBe(409);

    // 10日 from 2026-10-09: the last day is 10-19; at its end the deadline closes the deliberation.
    expect((await s.setClock('2026-10-19 23:59')).fired).toBe(0);
    expect((await s.setClock('2026-10-20 00:00')).fired).toBe(1);
    c = await s.caseOf(caseId);
    expect(c.case.variables.deliberate).toEqual([
      { opinion: '同意', reason: '同意的理由' }, { opinion: '不同意', reason: '不同意的理由' }, null,
    ]);
    // 1 of 3 is no majority: a different panel reviews. Who sat (审批人 shenpi) may not take it.
    const review = c.tasks.find((t: any) => t.elementId === 'review');
    expect(review.assignment.excludedUsers.sort()).toEqual(['hi-gy-shencha', 'hi-gy-shenpi']);
    expect(await inboxOf(await s.as('hi-gy-shenpi'), caseId)).toEqual([]);
    const refused = await vote(await s.as('hi-gy-shenpi'), review.id, '同意');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/回避/);
    // The absent member (also a 审批人) did not sit, and may.
    expect((await inboxOf(await s.as('hi-gy-lingdao'), caseId)).map((r) => r.task?.elementId ?? r.elementId)).toEqual(['review']);
    expect((await vote(await s.as('hi-gy-lingdao'), review.id, '同意')).status).toBe(200);
    expect((await s.caseOf(caseId)).case.status).toBe('completed');
  });

  it('the majority decides as soon as it is reached; the member who had not voted loses the task', async () => {
    const { caseId } = await openPanel(members);
    const c = await s.caseOf(caseId);
    const of = (m: string) => c.tasks.find((t: any) => t.assignment.user === m).id;
    expect((await vote(await s.as('hi-gy-shencha'), of('hi-gy-shencha'), '同意')).status).toBe(200);
    expect((await vote(await s.as('hi-gy-lingdao'), of('hi-gy-lingdao'), '同意')).status).toBe(200);
    const after = await s.caseOf(caseId);
    expect(after.case.status).toBe('completed');
    expect(after.history.filter((h: any) => h.type === 'eventReached').map((h: any) => h.element)).toEqual(['approved']);
    expect(await inboxOf(await s.as('hi-gy-shenpi'), caseId)).toEqual([]);
    expect((await vote(await s.as('hi-gy-shenpi'), of('hi-gy-shenpi'), '不同意')).status).toBe(409);
  });

  it('the same person may not sit twice: the panel is refused and the case does not move', async () => {
    const { caseId, done } = await openPanel(['hi-gy-shencha', 'hi-gy-shenpi', 'hi-gy-shencha']);
    expect(done.status).toBe(422);
    expect(done.body.error.message).toMatch(/同一合议庭中「hi-gy-shencha」被指定了两次/);
    const c = await s.caseOf(caseId);
    expect(c.tasks.map((t: any) => t.elementId)).toEqual(['formPanel']);
  });
});
