// The review of the package against the regulations (shared/reviews/hainan.md), Medium and
// Low defects: one walk per defect, each failing on package v1 (D4 is walked in platform.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
}, 180_000); // installing the package and its forms is slow on a busy machine
afterAll(() => h?.close());

/** A 督办函 issued at `at` with `reportPeriod` days (the lower court has not signed yet). */
async function letterCase(at: string, reportPeriod = 5, over: Record<string, unknown> = {}) {
  await h.setClock(at);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: at.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办', ...over });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod });
  return id;
}

async function onlineAssignment(relayCourt?: string) {
  await h.setClock('2026-10-12 09:00');
  const id = await h.open('hainanOnlineAssignment', 'hi-hk-qs', {}, 'hi-gy-chengban');
  await h.complete(id, 'registerAssignment', { dueDate: '2026-10-30', ...(relayCourt ? { relayCourt } : {}) });
  return id;
}

describe('D5: 挂网交办 — no handler named by the due date is supervised (暂行规定 第十六条)', () => {
  it('确定承办人 carries the SPC due date; at its end the upper court supervises while the task stays open', async () => {
    const id = await onlineAssignment();
    expect(await h.due(id, 'assignHandler')).toBe(bj('2026-10-31 00:00'));
    await h.setClock('2026-10-31 00:00');
    await h.expectOpen(id, ['assignHandler', 'urgeAssignment']);
    expect((await h.task(id, 'urgeAssignment')).assignment).toEqual({ court: 'hi-gy', role: '承办人' });
  });
});

describe('D6: 挂牌督办 — 五定一包 and the listed result have clocks (暂行规定 第二十二条)', () => {
  it('五定一包 not done within five days: the 高院 is told to press for it; the fixed deadline passed: 催报', async () => {
    await h.setClock('2026-09-21 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-21' });
    await h.complete(id, 'reviewComplaint', { decision: '挂牌督办' });
    await h.complete(id, 'proposeListing');
    await h.complete(id, 'approveListing', { decision: '同意' });
    const due = await h.due(id, 'fiveFixedOnePackage');
    expect(due).toBeDefined();
    expect(await h.until(id, 'fiveFixedOverdue')).toBe(due);
    await h.expectOpen(id, ['fiveFixedOnePackage', 'remindListing']);
    expect((await h.task(id, 'remindListing')).assignment).toEqual({ court: 'hi-gy', role: '承办人' });
    await h.complete(id, 'remindListing');
    await h.complete(id, 'fiveFixedOnePackage', { deadline: '2026-10-09' });
    expect(await h.until(id, 'listedReportOverdue')).toBe(bj('2026-10-10 00:00'));
    await h.expectOpen(id, ['reportListedResult', 'remindListedReport']);
  });
});

describe('D7, D30: the letter never signed — at the end of its period the 第九条 measures are offered', () => {
  it('报告期限届满, no handler named: 催报 for the 高院 while the letter stays open; 调卷审查 takes the case up', async () => {
    const id = await letterCase('2026-09-30 16:00', 5);
    expect(await h.until(id, 'designateOverdue')).toBe(bj('2026-10-09 00:00'));
    await h.expectOpen(id, ['designateHandler', 'reportReminder']);
    expect((await h.task(id, 'reportReminder')).assignment).toEqual({ court: 'hi-gy', role: '承办人' });
    await h.complete(id, 'reportReminder', { measure: '调卷审查' });
    await h.expectOpen(id, ['reviewFile']);
  });

  it('催报 only, and still nothing ten days later: the letter is taken away and 催办 begins (designateOverdueTenDays fires)', async () => {
    const id = await letterCase('2026-09-30 16:00', 5);
    await h.until(id, 'designateOverdue');
    await h.complete(id, 'reportReminder', { measure: '催报' });
    expect(await h.until(id, 'designateOverdueTenDays')).toBe(bj('2026-10-19 00:00'));
    await h.expectOpen(id, ['decideUrging']);
  });

  it('hearing held, report late: 催报 at ten days from the hearing, 催办 ten days later (hearingReportOverdue, …TenDays fire)', async () => {
    const id = await letterCase('2026-09-15 10:00', 15);
    await h.complete(id, 'designateHandler', { route: '无财产可供执行' });
    await h.setClock('2026-09-30 10:00');
    await h.complete(id, 'holdHearing', { hearingDate: '2026-09-30' });
    // 10日 from 09-30: day 10 is 10-10, a 调休 working Saturday: due 10-11 00:00.
    expect(await h.until(id, 'hearingReportOverdue')).toBe(bj('2026-10-11 00:00'));
    await h.expectOpen(id, ['reportAfterHearing', 'reportReminder']);
    await h.complete(id, 'reportReminder', { measure: '催报' });
    expect(await h.until(id, 'hearingReportOverdueTenDays')).toBe(bj('2026-10-21 00:00'));
    await h.expectOpen(id, ['decideUrging']);
  });
});

describe('D8, D33: 转办要结果 — the 高院 reports back on receipt of the written report (暂行规定 第九条 第二款)', () => {
  it('a progress report opens the 专报反馈 at once, next to the review; the closing chain still reports the final result', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    await h.complete(id, 'reviewComplaint', { decision: '转办要结果', instructionReceivedAt: '2026-09-28' });
    await h.complete(id, 'transferForResult', { reportPeriod: 10 });
    await h.complete(id, 'designateHandler');
    await h.setClock('2026-10-12 09:00');
    await h.complete(id, 'reportInWriting', { reportType: '进展情况' });
    await h.expectOpen(id, ['feedbackOnReport', 'reviewReport']);
    const feedback = await h.task(id, 'feedbackOnReport');
    expect(feedback.assignment).toEqual({ court: 'hi-gy', role: '承办人' });
    expect(new Date(feedback.dueAt!).toISOString()).toBe(bj('2026-10-16 00:00'));
    await h.complete(id, 'feedbackOnReport');
    await h.expectOpen(id, ['reviewReport']);
  });

  it('an ordinary 督办 without a required result has no 专报', async () => {
    const id = await letterCase('2026-09-28 10:00', 15);
    await h.complete(id, 'designateHandler');
    await h.complete(id, 'reportInWriting');
    await h.expectOpen(id, ['reviewReport']);
  });
});

describe('D10: the 第三条 situations are required when the case is supervised (海南办法 第三条)', () => {
  it('督办 with no situation ticked is refused; 不予督办 needs none', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    const body = await h.refused(id, 'reviewComplaint', 'hi-gy-shencha', 422, { decision: '督办', situations: {} });
    expect(JSON.stringify(body)).toContain('situations');
    await h.complete(id, 'reviewComplaint', { decision: '不予督办', situations: {}, replyToComplainant: '不属于执行督办范围。' });
    expect(await h.status(id)).toBe('completed');
  });
});

describe('D11: 直接转办 — the lower court that does nothing is not left unnoticed (暂行规定 第八条、第十九条)', () => {
  it('thirty days without handling: the 高院 presses; once handled the case ends, the reminder with it', async () => {
    await h.setClock('2026-09-30 16:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-30' });
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' });
    await h.complete(id, 'transferDirectly');
    // 30日 from 09-30: day 30 is 10-30 (a Friday): 10-31 00:00.
    expect(await h.until(id, 'transferReminder')).toBe(bj('2026-10-31 00:00'));
    await h.expectOpen(id, ['handleTransferred', 'remindTransfer']);
    await h.complete(id, 'handleTransferred');
    expect(await h.status(id)).toBe('completed');
  });
});

describe('D17, D28, D29: the court level decides (暂行规定 第十七条、第十八条、第十六条)', () => {
  it('挂牌督办 is the 高院’s: a 中院 choosing it issues an ordinary 督办函', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-qs', { complaintReceivedAt: '2026-09-28' }, 'hi-hk-shencha');
    await h.complete(id, 'reviewComplaint', { decision: '挂牌督办' });
    await h.expectOpen(id, ['issueSupervisionLetter']);
    expect((await h.task(id, 'issueSupervisionLetter')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
  });

  it('分时督办: the window follows the supervising court’s level, no tier typed (a 中院 item is checked at 8:00)', async () => {
    await h.setClock('2026-09-28 09:00');
    const id = await h.open('hainanTimeSharedSupervision', 'hi-hk-qs', {}, 'hi-hk-chengban');
    await h.complete(id, 'registerItem', { dueDate: '2026-10-09', itemType: '终本案件', tier: undefined });
    await h.setClock('2026-09-30 10:30');
    await h.complete(id, 'handleItem');
    expect(await h.timer(id, 'midWindowVerify')).toBe(bj('2026-10-08 08:00'));
    // D36: the window's recorded basis is the 暂行规定, not the 办法.
    const timer = (await h.view(id)).timers.find((t: { elementId: string }) => t.elementId === 'midWindowVerify');
    expect(JSON.stringify(timer.deadline)).toContain('暂行规定（试行）第十八条');
    expect(JSON.stringify(timer.deadline)).not.toContain('实施办法（试行）第十八条');
  });

  it('高院 → 中院 item overdue: supervised in the 10:00–11:00 window (highWindowUrge, D31)', async () => {
    await h.setClock('2026-10-12 09:00');
    const id = await h.open('hainanTimeSharedSupervision', 'hi-hk-zy', {}, 'hi-gy-chengban');
    await h.complete(id, 'registerItem', { dueDate: '2026-10-13', itemType: '终本案件' });
    await h.setClock('2026-10-14 00:00');
    expect(await h.timer(id, 'highWindowUrge')).toBe(bj('2026-10-14 10:00'));
    await h.setClock('2026-10-14 10:00');
    await h.expectOpen(id, ['handleItem', 'urgeItem']);
  });

  it('层报 goes through the executing court’s own 中院, whatever court was picked at registration', async () => {
    const id = await onlineAssignment('hi-sy-zy');
    await h.complete(id, 'assignHandler');
    await h.complete(id, 'handleAssignment');
    await h.complete(id, 'reviewWriteOff', { decision: '同意' });
    expect((await h.task(id, 'relayWriteOff')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
  });
});

describe('D31: walks no test took — 挂网交办 通报 and the 退回修改 of the 主管院长', () => {
  it('超期 挂网交办 with 通报: the notice is recorded against the executing court', async () => {
    const id = await onlineAssignment();
    await h.complete(id, 'assignHandler');
    await h.setClock('2026-10-31 00:00');
    await h.complete(id, 'urgeAssignment', { methods: { notice: true }, newDueDate: '2026-11-06' });
    await h.complete(id, 'assignmentNotice', { kind: '情况通报', reason: '交办或督办事项超期未办理（暂行规定第十六条、第十八条）' });
    expect((await h.variables(id)).notices).toEqual([expect.objectContaining({ court: 'hi-hk-qs', kind: '情况通报', by: 'hi-gy' })]);
    await h.expectOpen(id, ['handleAssignment']);
  });

  it('the 主管院长 sends the result report back: it is drafted again and goes through 执行局长 again', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    await h.complete(id, 'reviewComplaint', { decision: '督办', resultRequired: true });
    await h.complete(id, 'issueSupervisionLetter');
    await h.complete(id, 'designateHandler');
    await h.complete(id, 'reportInWriting');
    await h.complete(id, 'feedbackOnReport');
    await h.complete(id, 'reviewReport', { decision: '报结' });
    await h.complete(id, 'approveClosing');
    await h.complete(id, 'draftResultReport');
    await h.complete(id, 'reviewResultReport');
    await h.complete(id, 'approveResultReport', { decision: '退回修改', opinion: '补充执行款发放情况。' });
    await h.expectOpen(id, ['draftResultReport']);
    await h.complete(id, 'draftResultReport');
    await h.complete(id, 'reviewResultReport');
    await h.complete(id, 'approveResultReport');
    expect(await h.status(id)).toBe('completed');
  });
});

describe('D18, D24, D25: rules the forms and the diagram now enforce', () => {
  it('D18: a case supervised by the 最高人民法院 is reviewed by a 合议庭 (暂行规定 第六条 «应当组成合议庭»)', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    const body = await h.refused(id, 'reviewComplaint', 'hi-gy-shencha', 422, { source: '最高人民法院执行指挥平台督办事项' });
    expect(JSON.stringify(body)).toContain('应当组成合议庭');
    await h.complete(id, 'reviewComplaint', { source: '最高人民法院执行指挥平台督办事项', collegialPanel: true, panelMembers: '赵一、钱二、孙三' });
    await h.expectOpen(id, ['issueSupervisionLetter']);
  });

  it('D24: ground (二) «已裁定提级执行、指定执行» needs that ruling on the case (办法 第十五条)', async () => {
    await h.setClock('2026-09-07 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-07' });
    await h.complete(id, 'reviewComplaint', { decision: '监督纠正' });
    await h.complete(id, 'supervisoryReview', { conclusion: '执行行为合法' });
    const body = await h.refused(id, 'approveClosing', 'hi-gy-shenpi', 422, { closingGround: '已裁定提级或指定执行' });
    expect(JSON.stringify(body)).toContain('第十五条（二）');
    await h.complete(id, 'approveClosing', { closingGround: '其他应当报结' });
    expect(await h.status(id)).toBe('completed');
  });

  it('D25: an extension request is decided within three days (第二十一条)', async () => {
    const id = await letterCase('2026-09-28 10:00', 15);
    await h.complete(id, 'designateHandler');
    await h.complete(id, 'reportInWriting', { reportType: '申请延期', delayReason: '被执行人下落不明。', nextSteps: '继续查找。', proposedDays: 30 });
    // 3日 from 09-28: day 3 is 10-01 (国庆): rolled to 10-08, due 10-09 00:00.
    expect(await h.due(id, 'decideExtension')).toBe(bj('2026-10-09 00:00'));
  });
});

describe('D23: 追究责任 without a 通报 (暂行规定 第二十五条)', () => {
  it('the review may pursue accountability for, e.g., (二) a report not made in time, and then goes on', async () => {
    const id = await letterCase('2026-09-28 10:00', 15);
    await h.complete(id, 'designateHandler');
    await h.complete(id, 'reportInWriting');
    await h.complete(id, 'reviewReport', { decision: '追究责任' });
    const pursue = await h.task(id, 'pursueAccountabilityOnReview');
    expect(pursue.assignment).toEqual({ court: 'hi-gy', role: '院领导' });
    await h.complete(id, 'pursueAccountabilityOnReview', { situation: '（二）无正当理由在规定期限内未报告工作情况或处理结果' });
    await h.expectOpen(id, ['reviewReport']);
    expect((await h.variables(id)).notices ?? []).toEqual([]);
  });
});
