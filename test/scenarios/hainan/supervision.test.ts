// 海南 督办函 path, walked through HTTP with the manual clock around 国庆 2026:
// 海南办法 第二条、第四条、第六条、第十条、第十五条；海南暂行规定 第十四条、第二十一条.
// Due instants are CALENDAR.md's (Beijing time, the 10-01..10-07 holiday, 10-10 a 调休 Saturday).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
});
afterAll(() => h?.close());

describe('督办函 from complaint to closing (海南办法 第四条、第六条、第十条、第十五条)', () => {
  let id: string;

  it('a complaint received 2026-09-28 is reviewed by a 审查人员 within five days: due 10-09 00:00 (10-03 is 国庆)', async () => {
    await h.setClock('2026-09-28 15:30');
    id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    const t = await h.task(id, 'reviewComplaint');
    expect(t.assignment).toEqual({ court: 'hi-gy', role: '审查人员' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-09 00:00'));
    expect(t.basis).toContain('海南办法 第三条、第四条');
    expect(t.formKey).toBe('hainan/reviewComplaint');
    // Only a 审查人员 may review (第四条 安排审查人员).
    await h.refused(id, 'reviewComplaint', 'hi-gy-chengban', 403);
  });

  it('督办: the letter is due three days after the review (10-11 is a Sunday: 10-12), with the source recorded', async () => {
    await h.setClock('2026-10-08 10:00');
    // An SPC-supervised case is reviewed by a 合议庭 (暂行规定 第六条, D18).
    await h.refused(id, 'reviewComplaint', 'hi-gy-shencha', 422, { decision: '督办', source: '最高人民法院申诉信访系统督办' });
    await h.complete(id, 'reviewComplaint', {
      decision: '督办', source: '最高人民法院申诉信访系统督办', collegialPanel: true, panelMembers: '赵一、钱二、孙三',
    });
    const t = await h.task(id, 'issueSupervisionLetter');
    expect(t.assignment).toEqual({ court: 'hi-gy', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-13 00:00'));
    expect((await h.variables(id)).source).toBe('最高人民法院申诉信访系统督办');
  });

  it('the letter sets a 15-day report period counted from receipt: 10-25 is a Sunday, so due 10-27 00:00', async () => {
    await h.setClock('2026-10-10 09:00'); // 调休: a working Saturday
    await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 15 });
    const v = await h.variables(id);
    expect(v.reportPeriod).toBe(15);
    expect(v.letterReceivedAt).toBe(bj('2026-10-10 09:00'));
    const t = await h.task(id, 'designateHandler');
    // The 专人 is named by the court's 执行局长 (审批人), not by a 承办人 naming himself (D20).
    expect(t.assignment).toEqual({ court: 'hi-hk-zy', role: '审批人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-27 00:00'));
    expect(await h.timer(id, 'designateOverdueTenDays')).toBe(bj('2026-11-06 00:00'));
  });

  it('the lower court names its handler and reports in writing; the deadlines are armed exactly', async () => {
    await h.setClock('2026-10-12 09:00');
    await h.complete(id, 'designateHandler', { route: '书面报告', handlerName: '王五' });
    expect(await h.due(id, 'reportInWriting')).toBe(bj('2026-10-27 00:00'));
    expect(await h.timers(id)).toEqual(['reportOverdue', 'reportOverdueTenDays', 'reportWarning']);
    expect(await h.timer(id, 'reportOverdue')).toBe(bj('2026-10-27 00:00'));
    // 届满前3日预警: nominal last day 10-25 minus 3 = 10-22.
    expect(await h.timer(id, 'reportWarning')).toBe(bj('2026-10-22 00:00'));
    // 逾期10天: final last day 10-26 + 11 days.
    expect(await h.timer(id, 'reportOverdueTenDays')).toBe(bj('2026-11-06 00:00'));
  });

  it('only the supervised court reports; a court outside both does not see the case at all', async () => {
    await h.refused(id, 'reportInWriting', 'hi-gy-chengban', 403);
    const stranger = await h.s.as('hi-qs-chengban');
    expect((await stranger.get(`/api/cases/${id}`)).status).toBe(404);
  });

  it('the warning fires on 10-22 and leaves the report open', async () => {
    await h.setClock('2026-10-22 00:00');
    await h.expectOpen(id, ['reportInWriting']);
    expect(await h.timers(id)).toEqual(['reportOverdue', 'reportOverdueTenDays']);
    expect((await h.history(id)).some((e) => e.type === 'timerFired' && e.element === 'reportWarning')).toBe(true);
  });

  it('the report goes to the 承办人 of the supervising court; every deadline of the report is cancelled', async () => {
    await h.setClock('2026-10-22 10:00');
    await h.complete(id, 'reportInWriting', { reportType: '办理结果' });
    const t = await h.task(id, 'reviewReport');
    expect(t.assignment).toEqual({ court: 'hi-gy', role: '承办人' });
    expect(t.basis).toContain('海南办法 第十条');
    expect(await h.timers(id)).toEqual([]);
    expect((await h.variables(id)).reportReceived).toBe(true);
  });

  it('督办措施 (汇报、调卷、实地调查、听证、指导；共同制定执行方案) are recorded and the review goes on', async () => {
    await h.complete(id, 'reviewReport', { decision: '采取督办措施' });
    const t = await h.task(id, 'supervisionMeasures');
    expect(t.basis).toContain('海南办法 第五条');
    await h.complete(id, 'supervisionMeasures', { measures: { onSite: true, jointPlan: true }, record: '派员实地指导，共同制定执行方案。' });
    await h.expectOpen(id, ['reviewReport']);
  });

  it('报结 needs a 处长 or 执行局长 (审批人); refused, it goes back to the review; approved, the case closes on its ground', async () => {
    await h.complete(id, 'reviewReport', { decision: '报结' });
    const approval = await h.task(id, 'approveClosing');
    expect(approval.assignment).toEqual({ court: 'hi-gy', role: '审批人' });
    await h.refused(id, 'approveClosing', 'hi-gy-chengban', 403);
    await h.complete(id, 'approveClosing', { decision: '不同意', closingGround: '已执结并报告' });
    await h.complete(id, 'reviewReport', { decision: '报结' });
    await h.complete(id, 'approveClosing', { decision: '同意结案', closingGround: '已执结并报告', approverTitle: '处长' });
    expect(await h.status(id)).toBe('completed');
    expect((await h.variables(id)).closingGround).toBe('已执结并报告');
    const reached = (await h.history(id)).filter((e) => e.type === 'eventReached').map((e) => e.element);
    expect(reached).toContain('closingDone');
  });
});

describe('each of the eight closing grounds (海南办法 第十五条)', () => {
  const grounds = [
    '已执结并报告', '已裁定提级或指定执行', '已作出裁定决定通知或实施措施', '已发放执行款物',
    '已对财产采取强制措施', '已审查答复执行异议', '已退还违法收取的执行费', '其他应当报结',
  ];
  it('closes on every ground after an approval; the ground is kept as the case’s closingGround', async () => {
    await h.setClock('2026-09-07 10:00');
    // Ground (二) needs a 提级/指定 ruling (D24): walked in overdue.test.ts and review-medium.test.ts.
    for (const ground of grounds.filter((g) => g !== '已裁定提级或指定执行')) {
      const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-07' });
      await h.complete(id, 'reviewComplaint', { decision: '监督纠正' });
      // 监督纠正: a written opinion within one month: 10-07 is 国庆, so 10-08 (due 10-09 00:00).
      expect(await h.due(id, 'supervisoryReview')).toBe(bj('2026-10-09 00:00'));
      await h.complete(id, 'supervisoryReview', { conclusion: '执行行为合法' });
      await h.complete(id, 'approveClosing', { closingGround: ground, decision: '同意结案' });
      expect(await h.status(id)).toBe('completed');
      expect((await h.variables(id)).closingGround).toBe(ground);
    }
  }, 60_000);

  it('a ground outside the eight is refused by the form', async () => {
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-07' });
    await h.complete(id, 'reviewComplaint', { decision: '监督纠正' });
    await h.complete(id, 'supervisoryReview', { conclusion: '执行行为合法' });
    const body = await h.refused(id, 'approveClosing', 'hi-gy-shenpi', 422, { closingGround: '领导同意' });
    expect(JSON.stringify(body.error.details)).toContain('closingGround');
  });
});

describe('an extension asked in writing before the period ends (海南暂行规定 第二十一条)', () => {
  it('approved, the report period becomes 30 days from receipt of the letter: due 11-10 00:00', async () => {
    await h.setClock('2026-10-10 09:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-10-09' });
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 15 });
    await h.complete(id, 'designateHandler');
    expect(await h.due(id, 'reportInWriting')).toBe(bj('2026-10-27 00:00'));
    await h.setClock('2026-10-20 10:00');
    // The form asks for reasons, next steps and a period when an extension is asked.
    await h.refused(id, 'reportInWriting', 'hi-hk-chengban', 422, { reportType: '申请延期' });
    await h.complete(id, 'reportInWriting', { reportType: '申请延期', delayReason: '被执行人财产在外省', nextSteps: '委托执行', proposedDays: 30 });
    const decide = await h.task(id, 'decideExtension');
    expect(decide.assignment).toEqual({ court: 'hi-gy', role: '审批人' });
    await h.complete(id, 'decideExtension', { decision: '同意', newReportPeriod: 30 });
    expect((await h.variables(id)).reportPeriod).toBe(30);
    // 30日 from 10-10: 11-09 (a Monday).
    expect(await h.due(id, 'reportInWriting')).toBe(bj('2026-11-10 00:00'));
    expect(await h.timer(id, 'reportOverdueTenDays')).toBe(bj('2026-11-20 00:00'));
  });

  it('refused, the original period stands', async () => {
    await h.setClock('2026-10-10 09:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-10-09' });
    await h.complete(id, 'reviewComplaint', { decision: '督办' });
    await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 15 });
    await h.complete(id, 'designateHandler');
    await h.complete(id, 'reportInWriting', { reportType: '申请延期', delayReason: '原因', nextSteps: '措施', proposedDays: 30 });
    await h.complete(id, 'decideExtension', { decision: '不同意' });
    expect(await h.due(id, 'reportInWriting')).toBe(bj('2026-10-27 00:00'));
  });
});

describe('分级督办 and who reports (海南办法 第二条；海南暂行规定 第二条、第十四条)', () => {
  it('a 中院 supervises its own 基层 courts only; the 高院 any court of the province', async () => {
    await h.setClock('2026-10-12 09:00');
    const mid = await h.s.as('hi-hk-chengban');
    const ok = await mid.post('/api/cases', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-qs', data: { complaintReceivedAt: '2026-10-12' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const other = await mid.post('/api/cases', { process: 'hainanSupervision', supervisedCourt: 'hi-sy-cj', data: { complaintReceivedAt: '2026-10-12' } });
    expect(other.status).toBe(403);
    const up = await mid.post('/api/cases', { process: 'hainanSupervision', supervisedCourt: 'hi-gy', data: { complaintReceivedAt: '2026-10-12' } });
    expect(up.status).toBe(403);
    // The 中院's own case is reviewed by its own 审查人员.
    expect((await h.task(ok.body.case.id, 'reviewComplaint')).assignment).toEqual({ court: 'hi-hk-zy', role: '审查人员' });
  });

  it('交办: the 中院 is the supervised court and reports for its 基层 court; the 基层 court cannot', async () => {
    await h.setClock('2026-09-29 09:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-29' });
    await h.complete(id, 'reviewComplaint', { decision: '交办' });
    // 七个工作日 from 09-29: 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13, 10-14.
    expect(await h.due(id, 'assignToIntermediate')).toBe(bj('2026-10-15 00:00'));
    await h.complete(id, 'assignToIntermediate', { reportPeriod: 20, targetCourt: '海口市琼山区人民法院' });
    await h.complete(id, 'designateHandler');
    expect((await h.task(id, 'reportInWriting')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    await h.refused(id, 'reportInWriting', 'hi-qs-chengban', 404);
  });

  it('the date of receipt of the complaint is required: without it the five-day review cannot be counted', async () => {
    const r = await (await h.s.as('hi-gy-shencha')).post('/api/cases', { process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy', data: {} });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain('complaintReceivedAt');
  });
});
