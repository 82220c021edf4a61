// Late reports and what the upper court does about them, with the manual clock around 国庆 2026:
// 海南办法 第七条、第九条、第十二条、第十三条；海南暂行规定 第二十三条、第二十五条、第二十七条.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
});
afterAll(() => h?.close());

/** A 督办函 issued at `letterAt` (Beijing) with `reportPeriod` days; the handler named at once. */
async function letterCase(letterAt: string, reportPeriod: number, route = '书面报告') {
  await h.setClock(letterAt);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: letterAt.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod });
  await h.complete(id, 'designateHandler', { route });
  return id;
}

describe('report late → 催报 → 逾期十日 → 督促执行令 → 仍催而不办 → 通报 → 追究责任', () => {
  let id: string;

  it('a five-day period from 09-30 ends on 10-05 (国庆): the report is due 10-09 00:00; ten days overdue is 10-19 00:00', async () => {
    id = await letterCase('2026-09-30 16:00', 5);
    expect(await h.due(id, 'reportInWriting')).toBe(bj('2026-10-09 00:00'));
    expect(await h.timer(id, 'reportOverdue')).toBe(bj('2026-10-09 00:00'));
    expect(await h.timer(id, 'reportOverdueTenDays')).toBe(bj('2026-10-19 00:00'));
    // 届满前3日: nominal last day 10-05 − 3 = 10-02, a holiday: moved back to 09-30.
    expect(await h.timer(id, 'reportWarning')).toBe(bj('2026-09-30 00:00'));
  });

  it('not a minute early; at 10-09 00:00 the 承办人 of the 高院 is asked to 催报 while the report stays open', async () => {
    await h.setClock('2026-10-08 23:59');
    await h.expectOpen(id, ['reportInWriting']);
    await h.setClock('2026-10-09 00:00');
    await h.expectOpen(id, ['reportInWriting', 'reportReminder']);
    expect((await h.task(id, 'reportReminder')).assignment).toEqual({ court: 'hi-gy', role: '承办人' });
    await h.complete(id, 'reportReminder', { measure: '催报', reminderText: '请立即报告。' });
    await h.expectOpen(id, ['reportInWriting']);
  });

  it('ten days overdue (10-19 00:00) the report is taken away and the 高院 decides on 催办函 or 督促执行令', async () => {
    await h.setClock('2026-10-18 23:59');
    await h.expectOpen(id, ['reportInWriting']);
    await h.setClock('2026-10-19 00:00');
    await h.expectOpen(id, ['decideUrging']);
    expect((await h.history(id)).some((e) => e.type === 'taskCancelled' && e.element === 'reportInWriting')).toBe(true);
  });

  it('督促执行令 with five days: 10-24 is a Saturday, so the lower court has until 10-27 00:00', async () => {
    await h.setClock('2026-10-19 10:00');
    await h.complete(id, 'decideUrging', { measure: '督促执行令' });
    const order = await h.task(id, 'enforcementOrder');
    expect(order.basis).toContain('海南暂行规定 第二十三条');
    await h.complete(id, 'enforcementOrder', { compliancePeriod: 5 });
    expect(await h.due(id, 'complyAfterUrging')).toBe(bj('2026-10-27 00:00'));
    expect((await h.task(id, 'complyAfterUrging')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
  });

  it('仍催而不办: 通报批评 of the court and its handler, recorded on the case; accountability follows', async () => {
    await h.setClock('2026-10-27 00:00');
    await h.complete(id, 'handleRefusal', { measure: '通报' });
    const notice = await h.task(id, 'notice');
    expect(notice.assignment).toEqual({ court: 'hi-gy', role: '审批人' });
    await h.complete(id, 'notice', { kind: '通报批评', persons: [{ name: '王五', role: '承办人' }], accountability: true });
    const v = await h.variables(id);
    expect(v.notices).toEqual([expect.objectContaining({ court: 'hi-hk-zy', persons: [{ name: '王五', role: '承办人' }], kind: '通报批评', year: 2026, by: 'hi-gy' })]);
    // The ledger entry is written by the notice task itself, in the same case write (issue 15).
    const entries = (await h.history(id)).filter((e) => e.type === 'ledgerEntry');
    expect(entries.map((e) => [e.element, e.data.kind, e.data.court, e.data.issuer, e.data.persons])).toEqual([
      ['notice', '通报批评', 'hi-hk-zy', 'hi-gy', [{ name: '王五', role: '承办人' }]],
    ]);
    const issued = (await h.history(id)).find((e) => e.type === 'eventReached' && e.element === 'noticeIssued');
    expect(issued?.data).toMatchObject({ name: '决定已发布' });
    expect(issued?.data.basis).toContain('海南办法 第十二条、第十三条');
    const acc = await h.task(id, 'pursueAccountability');
    expect(acc.assignment).toEqual({ court: 'hi-gy', role: '院领导' });
    await h.complete(id, 'pursueAccountability');
    // 追究责任 is a ledger entry of its own, naming the same court and person (issue 15).
    const accountability = (await h.history(id)).filter((e) => e.type === 'ledgerEntry' && e.element === 'pursueAccountability');
    expect(accountability.map((e) => [e.data.kind, e.data.court, e.data.persons])).toEqual([['追责', 'hi-hk-zy', [{ name: '王五', role: '承办人' }]]]);
    await h.expectOpen(id, ['reviewReport']);
  });

  it('the 高院 then escalates (提级执行) and closes on ground (二)', async () => {
    await h.complete(id, 'reviewReport', { decision: '提级执行' });
    await h.complete(id, 'escalateToUpperCourt');
    await h.complete(id, 'approveClosing', { closingGround: '已裁定提级或指定执行' });
    expect(await h.status(id)).toBe('completed');
  });
});

describe('催办函 → 说明原因 (海南暂行规定 第二十三条), then 通报批评 by the review (第二十六条) and 再次督办 (第十五条)', () => {
  it('walks the explanation path and sends a new letter', async () => {
    const id = await letterCase('2026-09-30 16:00', 5);
    await h.setClock('2026-10-19 00:00'); // 催报 skipped: ten days overdue anyway
    await h.expectOpen(id, ['decideUrging']);
    await h.complete(id, 'decideUrging', { measure: '催办函' });
    await h.complete(id, 'urgingLetter', { compliancePeriod: 3 });
    // 3日 from 10-19: 10-22.
    expect(await h.due(id, 'complyAfterUrging')).toBe(bj('2026-10-23 00:00'));
    await h.setClock('2026-10-23 00:00');
    await h.complete(id, 'handleRefusal', { measure: '说明原因', explainPeriod: 5 });
    // 5日 from 10-23: 10-28.
    expect(await h.due(id, 'explainReasons')).toBe(bj('2026-10-29 00:00'));
    await h.complete(id, 'explainReasons');
    await h.complete(id, 'reviewReport', { decision: '通报批评' });
    // 责任倒查 (第二十六条): always 通报批评, with the responsible court and person(s) (D22).
    await h.complete(id, 'reviewNotice', { court: 'hi-hk-zy', persons: [{ name: '赵六', role: '承办人' }] });
    await h.complete(id, 'reviewReport', { decision: '再次督办' });
    await h.setClock('2026-10-30 09:00');
    await h.complete(id, 'reissueSupervisionLetter', { reportPeriod: 10 });
    // A new letter: a new period from its receipt (10日 from 10-30 = 11-09).
    expect(await h.due(id, 'designateHandler')).toBe(bj('2026-11-10 00:00'));
    expect((await h.variables(id)).notices).toHaveLength(1);
  });

  it('an explanation that never comes is itself 通报', async () => {
    const id = await letterCase('2026-09-30 16:00', 5);
    await h.setClock('2026-10-19 00:00');
    await h.complete(id, 'decideUrging', { measure: '催办函' });
    await h.complete(id, 'urgingLetter', { compliancePeriod: 3 });
    await h.setClock('2026-10-23 00:00');
    await h.complete(id, 'handleRefusal', { measure: '说明原因', explainPeriod: 5 });
    await h.setClock('2026-10-29 00:00');
    await h.expectOpen(id, ['notice']);
  });
});

describe('逾期未报告: 调卷审查, 指定执行 or 提级执行 instead of 催报 (海南办法 第九条)', () => {
  for (const [measure, next] of [['调卷审查', 'reviewFile'], ['指定执行', 'designateEnforcement'], ['提级执行', 'escalateToUpperCourt']] as const) {
    it(`${measure}: the lower court's report is taken away at once`, async () => {
      const id = await letterCase('2026-09-30 16:00', 5);
      await h.setClock('2026-10-09 00:00');
      await h.complete(id, 'reportReminder', { measure });
      await h.expectOpen(id, [next]);
      expect(await h.timers(id)).toEqual([]);
      if (next === 'designateEnforcement') {
        await h.complete(id, 'designateEnforcement', { designatedCourt: 'hi-hk-hs' });
        await h.complete(id, 'approveClosing', { closingGround: '已裁定提级或指定执行' });
        expect(await h.status(id)).toBe('completed');
      }
    });
  }
});

describe('无财产可供执行: hearing within 20 days, report within 10 days of it (海南办法 第七条)', () => {
  it('letter 09-15: the hearing is due 10-08 (day 20 is 10-05); held 09-30, the report is due 10-10 (调休 Saturday, no roll)', async () => {
    const id = await letterCase('2026-09-15 10:00', 30, '无财产可供执行');
    expect(await h.due(id, 'holdHearing')).toBe(bj('2026-10-09 00:00'));
    expect(await h.timer(id, 'hearingOverdueTenDays')).toBe(bj('2026-10-19 00:00'));
    await h.setClock('2026-09-30 15:00');
    await h.complete(id, 'holdHearing', { hearingDate: '2026-09-30' });
    const report = await h.task(id, 'reportAfterHearing');
    expect(new Date(report.dueAt!).toISOString()).toBe(bj('2026-10-11 00:00'));
    expect(report.basis).toBe('海南办法 第七条');
    await h.setClock('2026-10-10 11:00');
    await h.complete(id, 'reportAfterHearing');
    await h.expectOpen(id, ['reviewReport']);
    expect((await h.variables(id)).reportReceived).toBe(true);
  });

  it('a hearing not held in time is 催报 on 10-09 and escalated ten days later', async () => {
    const id = await letterCase('2026-09-15 10:00', 30, '无财产可供执行');
    await h.setClock('2026-10-09 00:00');
    await h.expectOpen(id, ['holdHearing', 'reportReminder']);
    await h.setClock('2026-10-19 00:00');
    await h.expectOpen(id, ['decideUrging']);
  });
});
