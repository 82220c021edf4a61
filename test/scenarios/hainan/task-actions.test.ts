// 退回, 加签 and 批量办理 on the shipped Hainan package with the manual clock: 退回 moves the engine
// back and re-arms the earlier step's deadlines (the later step's are cancelled); 退回 past a
// step whose document went out is refused; 加签 holds a submission until the cosigner signs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from './samples';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan({ shipped: true });
}, 180_000);
afterAll(() => h?.close());

const as = (u: string) => h.s.as(u);

async function letterCase(letterAt: string, reportPeriod: number) {
  await h.setClock(letterAt);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: letterAt.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod });
  return id;
}

describe('退回 (海南办法 第六条: the 专人 is named again)', () => {
  it('书面报告 back to 签收并指定专人: the report and its three deadlines are cancelled, the designation and its deadlines armed again', async () => {
    const id = await letterCase('2026-10-12 09:00', 15);
    expect(await h.timers(id)).toEqual(['designateOverdue', 'designateOverdueTenDays']);
    await h.setClock('2026-10-13 09:00');
    await h.complete(id, 'designateHandler', { route: '书面报告' });
    expect(await h.timers(id)).toEqual(['reportOverdue', 'reportOverdueTenDays', 'reportWarning']);
    const report = await h.task(id, 'reportInWriting');
    const handler = await as(report.assignment.user ?? 'hi-hk-chengban');
    const view = await handler.get(`/api/tasks/${report.id}`);
    expect(view.body.actions.returnTargets).toEqual([{ id: 'designateHandler', name: '签收并指定专人办理' }]);
    // Not to a step of another stage, and never without a reason.
    expect((await handler.post(`/api/tasks/${report.id}/return`, { to: 'reviewComplaint', reason: 'x' })).status).toBe(422);
    expect((await handler.post(`/api/tasks/${report.id}/return`, { to: 'designateHandler' })).status).toBe(400);
    await h.setClock('2026-10-14 10:00');
    const r = await handler.post(`/api/tasks/${report.id}/return`, { to: 'designateHandler', reason: '承办人调岗，请重新指定专人' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await h.expectOpen(id, ['designateHandler']);
    expect(await h.timers(id)).toEqual(['designateOverdue', 'designateOverdueTenDays']);
    // The period still counts from the letter's receipt (10-12): 15 days → 10-27 00:00.
    expect(await h.due(id, 'designateHandler')).toBe(bj('2026-10-28 00:00'));
    expect(await h.timer(id, 'designateOverdue')).toBe(bj('2026-10-28 00:00'));
    const history = await h.history(id);
    const returned = history.find((e) => e.type === 'taskReturned')!;
    expect(returned).toMatchObject({ actor: report.assignment.user ?? 'hi-hk-chengban', element: 'reportInWriting', data: { to: 'designateHandler', reason: '承办人调岗，请重新指定专人' } });
    const after = history.slice(history.indexOf(returned));
    expect(after.filter((e) => e.type === 'timerCancelled').map((e) => e.element).sort()).toEqual(['reportOverdue', 'reportOverdueTenDays', 'reportWarning']);
    expect(after.filter((e) => e.type === 'timerArmed').map((e) => e.element).sort()).toEqual(['designateOverdue', 'designateOverdueTenDays']);
    // The re-armed deadline acts: at 10-28 00:00 the 催报 opens beside the designation.
    await h.setClock('2026-10-28 00:00');
    await h.expectOpen(id, ['designateHandler', 'reportReminder']);
    // And the case runs on from the earlier step.
    await h.complete(id, 'designateHandler', { route: '书面报告' });
    await h.expectOpen(id, ['reportInWriting', 'reportReminder']);
  });

  it('退回 past a step whose document went out is refused: the 催办函 was issued', async () => {
    const id = await letterCase('2026-09-30 16:00', 5);
    await h.complete(id, 'designateHandler', { route: '书面报告' });
    await h.setClock('2026-10-19 00:00'); // ten days overdue: 催办
    await h.complete(id, 'decideUrging', { measure: '催办函' });
    await h.complete(id, 'urgingLetter', { compliancePeriod: 3 });
    const comply = await h.task(id, 'complyAfterUrging');
    const handler = await as('hi-hk-chengban');
    const view = await handler.get(`/api/tasks/${comply.id}`);
    const targets = view.body.actions.returnTargets as { id: string; refusal?: string }[];
    expect(targets.map((t) => t.id).sort()).toEqual(['decideUrging', 'urgingLetter']);
    expect(targets.every((t) => t.refusal?.includes('催办函（（2026）琼执催函'))).toBe(true);
    for (const to of ['urgingLetter', 'decideUrging']) {
      const r = await handler.post(`/api/tasks/${comply.id}/return`, { to, reason: '请重新决定' });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/^催办函（（2026）琼执催函\d+号）已经发出，不能退回到发出文书之前的步骤$/);
    }
    await h.expectOpen(id, ['complyAfterUrging']);
  });
});

describe('加签 waits for both', () => {
  it('the 承办人 submits 制作督办函; it goes on only when the 执行局长 has also signed', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-11-02' });
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    const t = await h.task(id, 'issueSupervisionLetter');
    const clerk = await as('hi-gy-chengban');
    const chief = await as('hi-gy-shenpi');
    expect((await clerk.post(`/api/tasks/${t.id}/cosigners`, { user: 'hi-hk-shenpi', reason: '请会签' })).status).toBe(422);
    expect((await clerk.post(`/api/tasks/${t.id}/cosigners`, { user: 'hi-gy-shenpi', reason: '督办函须局长会签' })).status).toBe(200);
    const submitted = await clerk.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { reportPeriod: 15 }) });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    expect(submitted.body.awaitingCosign).toBe(true);
    await h.expectOpen(id, ['issueSupervisionLetter']);
    // Submitting again meanwhile is refused; a stranger may not sign.
    expect((await clerk.post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey, { reportPeriod: 15 }) })).status).toBe(403);
    expect((await (await as('hi-gy-shencha')).post(`/api/tasks/${t.id}/cosign`, { opinion: '同意' })).status).toBe(403);
    const signed = await chief.post(`/api/tasks/${t.id}/cosign`, { opinion: '同意发函' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.completed).toBe(true);
    await h.expectOpen(id, ['designateHandler']);
    const history = await h.history(id);
    expect(history.filter((e) => ['cosignerAdded', 'submittedAwaitingCosign', 'cosigned', 'taskCompleted'].includes(e.type) && e.element === 'issueSupervisionLetter').map((e) => [e.type, e.actor])).toEqual([
      ['cosignerAdded', 'hi-gy-chengban'], ['submittedAwaitingCosign', 'hi-gy-chengban'], ['cosigned', 'hi-gy-shenpi'], ['taskCompleted', 'hi-gy-chengban'],
    ]);
    // The letter went out with the submitter's period.
    expect((await h.variables(id)).reportPeriod).toBe(15);
  });

  it('signed first, then submitted: it goes on at once', async () => {
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-11-02' });
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    const t = await h.task(id, 'issueSupervisionLetter');
    expect((await (await as('hi-gy-chengban')).post(`/api/tasks/${t.id}/cosigners`, { user: 'hi-gy-shenpi', reason: '会签' })).status).toBe(200);
    expect((await (await as('hi-gy-shenpi')).post(`/api/tasks/${t.id}/cosign`, {})).status).toBe(200);
    await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 10 });
    await h.expectOpen(id, ['designateHandler']);
  });
});

describe('批量办理 of 催报', () => {
  it('two overdue reports reminded at once, each case its own write', async () => {
    const a = await letterCase('2026-09-30 16:00', 5);
    const b = await letterCase('2026-09-30 16:00', 5);
    for (const id of [a, b]) await h.complete(id, 'designateHandler', { route: '书面报告' });
    await h.setClock('2026-10-09 00:00');
    const ta = await h.task(a, 'reportReminder');
    const tb = await h.task(b, 'reportReminder');
    const r = await (await as('hi-gy-chengban')).post('/api/tasks/batch', { taskIds: [ta.id, tb.id], data: sample(ta.formKey, {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ done: 2, failed: 0 });
    await h.expectOpen(a, ['reportInWriting']);
    await h.expectOpen(b, ['reportInWriting']);
  });
});
