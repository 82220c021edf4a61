// A handling opinion and its 复议; the 暂行规定's other ways of handling a complaint:
// 海南办法 第十条、第十一条、第十二条；海南暂行规定 第七条—第十条、第十二条、第十四条、第十七条、第二十二条、第二十三条.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
});
afterAll(() => h?.close());

/** A case whose report is in and whose review finds the handling improper: opinion issued at `at`. */
async function opinionCase(at: string, implementPeriod = 10) {
  await h.setClock(at);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: at.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 15 });
  await h.complete(id, 'designateHandler');
  await h.complete(id, 'reportInWriting');
  await h.complete(id, 'reviewReport', { decision: '提出书面意见' });
  await h.complete(id, 'issueWrittenOpinion', { implementPeriod });
  return id;
}

describe('书面意见 and 复议 (海南办法 第十条、第十一条)', () => {
  it('the opinion received 09-28: 复议 may be asked within five days — 10-03 is 国庆, so until 10-08', async () => {
    const id = await opinionCase('2026-09-28 10:00');
    const t = await h.task(id, 'respondToOpinion');
    expect(t.assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-09 00:00'));
    expect(await h.timer(id, 'reconsiderationLapsed')).toBe(bj('2026-10-09 00:00'));
  });

  it('复议 is decided by a different panel (审查人员, not the 承办人 who wrote the opinion); 纠正 sends the case back to review', async () => {
    const id = await opinionCase('2026-09-28 10:00');
    await h.complete(id, 'respondToOpinion', { action: '申请复议', reasons: '被执行人名下房产系案外人所有。' });
    const decide = await h.task(id, 'decideReconsideration');
    expect(decide.assignment).toMatchObject({ court: 'hi-gy', role: '审查人员', excludedUsers: ['hi-gy-shencha', 'hi-gy-chengban'] });
    await h.refused(id, 'decideReconsideration', 'hi-gy-chengban', 403);
    // The panel must confirm it was newly formed.
    await h.refused(id, 'decideReconsideration', 'hi-gy-shencha2', 422, { differentPanel: false });
    await h.complete(id, 'decideReconsideration', { decision: '纠正' });
    await h.expectOpen(id, ['reviewReport']);
  });

  it('维持: 复函督促 — the lower court must follow the opinion within its period (10日 from 10-09: due 10-20)', async () => {
    const id = await opinionCase('2026-09-28 10:00');
    await h.complete(id, 'respondToOpinion', { action: '申请复议', reasons: '理由' });
    await h.setClock('2026-10-09 09:00');
    await h.complete(id, 'decideReconsideration', { decision: '维持' });
    expect(await h.due(id, 'implementOpinion')).toBe(bj('2026-10-20 00:00'));
    await h.complete(id, 'implementOpinion');
    await h.expectOpen(id, ['reviewReport']);
  });

  it('no 复议 within five days: the opinion stands; not followed ten days after its period, the 高院 催办 (第十二条、第二十三条)', async () => {
    const id = await opinionCase('2026-09-28 10:00');
    await h.setClock('2026-10-09 00:00');
    await h.expectOpen(id, ['implementOpinion']);
    // 10日 from 10-09 is 10-19; ten days after it: 10-30 00:00.
    expect(await h.due(id, 'implementOpinion')).toBe(bj('2026-10-20 00:00'));
    expect(await h.timer(id, 'opinionOverdueTenDays')).toBe(bj('2026-10-30 00:00'));
    await h.setClock('2026-10-30 00:00');
    await h.expectOpen(id, ['decideUrging']);
    await h.complete(id, 'decideUrging', { measure: '催办函' });
    await h.complete(id, 'urgingLetter', { compliancePeriod: 5 });
    await h.complete(id, 'complyAfterUrging');
    await h.expectOpen(id, ['reviewReport']);
  });
});

describe('监督纠正 (海南暂行规定 第七条（四）、第十二条)', () => {
  it('urgent: the written review opinion goes out as a 监督函 and the lower court must correct', async () => {
    await h.setClock('2026-09-07 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-07' });
    await h.complete(id, 'reviewComplaint', { decision: '监督纠正' });
    await h.complete(id, 'supervisoryReview', { conclusion: '应予纠正', urgent: true, implementPeriod: 5 });
    await h.setClock('2026-09-08 10:00');
    await h.complete(id, 'supervisoryLetter', { implementPeriod: 5 });
    // 复议 within five days of the 监督函: 09-13 (a Sunday) → 09-14.
    expect(await h.due(id, 'respondToOpinion')).toBe(bj('2026-09-15 00:00'));
  });

  it('not urgent: the review opinion itself is the 处理意见', async () => {
    await h.setClock('2026-09-07 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-07' });
    await h.complete(id, 'reviewComplaint', { decision: '监督纠正' });
    await h.complete(id, 'supervisoryReview', { conclusion: '应予纠正', implementPeriod: 7 });
    await h.expectOpen(id, ['respondToOpinion']);
    expect((await h.variables(id)).opinionPeriod).toBe(7);
  });
});

describe('挂牌督办 with 五定一包 (海南暂行规定 第十七条、第二十二条、第二十三条)', () => {
  it('proposed by the 执行局, approved by the 主管院长; the fixed deadline 10-09 ends at 24:00; ten days later 催办', async () => {
    await h.setClock('2026-09-21 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-21' });
    await h.complete(id, 'reviewComplaint', { decision: '挂牌督办' });
    await h.complete(id, 'proposeListing');
    const approval = await h.task(id, 'approveListing');
    expect(approval.assignment).toEqual({ court: 'hi-gy', role: '院领导' });
    await h.refused(id, 'approveListing', 'hi-gy-shenpi', 403);
    await h.complete(id, 'approveListing', { decision: '同意' });
    const plan = await h.task(id, 'fiveFixedOnePackage');
    expect(plan.assignment).toEqual({ court: 'hi-hk-zy', role: '审批人' });
    // All six elements are required.
    await h.refused(id, 'fiveFixedOnePackage', 'hi-hk-shenpi', 422, { leaderInCharge: '' });
    await h.complete(id, 'fiveFixedOnePackage', { deadline: '2026-10-09' });
    expect(await h.due(id, 'reportListedResult')).toBe(bj('2026-10-10 00:00'));
    expect(await h.timer(id, 'listedOverdueTenDays')).toBe(bj('2026-10-20 00:00'));
    // 10-10 00:00: the deadline passed without a result — the 高院 is asked to 催报 (D6).
    await h.setClock('2026-10-20 00:00');
    await h.expectOpen(id, ['decideUrging', 'remindListedReport']);
  });

  it('not approved: handled as an ordinary 督办 (督办函)', async () => {
    await h.setClock('2026-09-21 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-21' });
    await h.complete(id, 'reviewComplaint', { decision: '挂牌督办' });
    await h.complete(id, 'proposeListing');
    await h.complete(id, 'approveListing', { decision: '不同意' });
    await h.expectOpen(id, ['issueSupervisionLetter']);
  });
});

describe('直接转办, 转办要结果, 交办, 不予督办 (海南暂行规定 第七条—第十条、第十四条)', () => {
  it('直接转办 within five working days of receipt: 09-30 → 10-13 (10-10 counts as a 调休 working day)', async () => {
    await h.setClock('2026-09-30 16:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-30' });
    await h.complete(id, 'reviewComplaint', { decision: '直接转办' });
    expect(await h.due(id, 'transferDirectly')).toBe(bj('2026-10-14 00:00'));
    await h.complete(id, 'transferDirectly');
    expect((await h.task(id, 'handleTransferred')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    await h.complete(id, 'handleTransferred');
    expect(await h.status(id)).toBe('completed');
  });

  it('转办要结果 within seven working days of the 批示 (09-28 → 10-13); the result goes back through 执行局长 and 主管院长', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    await h.refused(id, 'reviewComplaint', 'hi-gy-shencha', 422, { decision: '转办要结果' });
    await h.complete(id, 'reviewComplaint', { decision: '转办要结果', instructionReceivedAt: '2026-09-28' });
    expect(await h.due(id, 'transferForResult')).toBe(bj('2026-10-14 00:00'));
    await h.complete(id, 'transferForResult', { reportPeriod: 10 });
    await h.complete(id, 'designateHandler');
    await h.complete(id, 'reportInWriting');
    await h.complete(id, 'reviewReport', { decision: '报结' });
    await h.complete(id, 'approveClosing');
    await h.complete(id, 'draftResultReport');
    expect((await h.task(id, 'reviewResultReport')).assignment).toEqual({ court: 'hi-gy', role: '审批人' });
    await h.complete(id, 'reviewResultReport', { decision: '退回修改' });
    await h.complete(id, 'draftResultReport');
    await h.complete(id, 'reviewResultReport');
    expect((await h.task(id, 'approveResultReport')).assignment).toEqual({ court: 'hi-gy', role: '院领导' });
    await h.complete(id, 'approveResultReport');
    expect(await h.status(id)).toBe('completed');
  });

  it('不予督办 ends the case with the reasons given', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    await h.refused(id, 'reviewComplaint', 'hi-gy-shencha', 422, { decision: '不予督办' });
    await h.complete(id, 'reviewComplaint', { decision: '不予督办', replyToComplainant: '不属于执行督办范围。' });
    expect(await h.status(id)).toBe('completed');
  });
});
