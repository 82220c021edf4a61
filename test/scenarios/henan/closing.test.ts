// 河南意见 第1、3、6、15条 on the shipped package with the manual clock: 重大执行事项 decided by a
// 合议庭 of 员额法官 (each opinion recorded, the majority decides, the minority kept); 扎口结案 by the
// 审管办's approver; 终本 refused by the form's checklist (on the server, 422, nothing written)
// while it does not hold; 归档 within 一个月 of 结案 (warning, then the overdue 督办 at the exact
// instant); 恢复执行 only after the 执行局长's review and never by the 终本 handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, LANKAO, startHenan, type Henan } from './helpers';

let h: Henan;
beforeAll(async () => {
  h = await startHenan();
  await h.setClock('2026-11-02 09:00'); // a Monday, no holiday within the month
}, 120_000);
afterAll(() => h?.close());

const HANDLER = 'ha-lk-chengban';
const CASE = { enforcementCaseNo: '（2026）豫0225执100号', parties: '申请执行人甲公司，被执行人乙', filedAt: '2026-05-06' };
const ZB = '终结本次执行程序';
/** A 终本 application whose checklist holds. */
const ZHONGBEN = {
  closingMode: ZB, propertyInvestigationExhausted: true, offlineSearchDone: true, interviewHeld: true,
  applicantClues: '提供的财产线索已全部核查', lawyerOrder: '律师调查令均已反馈', firstSeizure: '已商请首封法院移送处置权', applicantAgrees: '同意',
};
const ends = async (id: string) => (await h.history(id)).filter((e) => e.type === 'eventReached').map((e) => e.element);

// 条文：河南意见 第1条、第6条
describe('第1、6条 重大执行事项：合议庭评议', () => {
  it('each member finds their own task; the majority decides and the dissent stays on the case', async () => {
    const id = await h.open('henanMajorMatter', { ...CASE, matterType: '决定起拍价', matterSummary: '拟以评估价七折起拍' }, HANDLER);
    await h.complete(id, 'formPanel'); // 兰考法院执行局长 forms the panel of three 员额法官
    const panel = (await h.tasks(id)).filter((t) => t.elementId === 'deliberate');
    expect(panel.map((t) => t.assignment.user)).toEqual(['ha-lk-chengban', 'ha-lk-chengban2', 'ha-lk-chengban3']);
    expect(panel.map((t) => t.instance?.count)).toEqual([3, 3, 3]);
    // Nobody votes in another member's place.
    expect((await h.submit(panel[0], {}, 'ha-lk-chengban2')).status).toBe(403);
    expect((await h.submit(panel[0], { opinion: '同意', reason: '起拍价符合规定' })).status).toBe(200);
    expect((await h.submit(panel[1], { opinion: '不同意', reason: '应按评估价起拍' })).status).toBe(200);
    // Every member votes: the panel does not close on the first majority.
    await h.expectOpen(id, ['deliberate']);
    expect((await h.submit(panel[2], { opinion: '同意', reason: '同意承办人意见' })).status).toBe(200);
    await h.complete(id, 'recordMinutes', { minorityOpinion: '承办人乙：应按评估价起拍' });
    expect(await h.status(id)).toBe('completed');
    expect(await ends(id)).toEqual(['adopted']);
    const v = await h.variables(id);
    expect(v.deliberate).toEqual([
      { opinion: '同意', reason: '起拍价符合规定' }, { opinion: '不同意', reason: '应按评估价起拍' }, { opinion: '同意', reason: '同意承办人意见' },
    ]);
    const by = (await h.history(id)).filter((e) => e.type === 'taskCompleted' && e.element === 'deliberate').map((e) => e.actor);
    expect(by).toEqual(['ha-lk-chengban', 'ha-lk-chengban2', 'ha-lk-chengban3']);
  });

  it('two of three against: the matter is not adopted', async () => {
    const id = await h.open('henanMajorMatter', { ...CASE, matterType: '以物抵债' }, HANDLER);
    await h.complete(id, 'formPanel');
    const panel = (await h.tasks(id)).filter((t) => t.elementId === 'deliberate');
    for (const [t, opinion] of panel.map((t, i) => [t, ['不同意', '同意', '不同意'][i]] as const)) {
      expect((await h.submit(t, { opinion })).status).toBe(200);
    }
    await h.complete(id, 'recordMinutes');
    expect(await ends(id)).toEqual(['rejected']);
  });

  it('the same judge twice on one panel is refused and the case does not move', async () => {
    const id = await h.open('henanMajorMatter', { ...CASE, matterType: '终结执行' }, HANDLER);
    const members = [{ account: 'ha-lk-chengban', name: '甲' }, { account: 'ha-lk-chengban2', name: '乙' }, { account: 'ha-lk-chengban', name: '甲' }];
    const e = await h.refused(id, 'formPanel', 422, { members });
    expect(e.message).toMatch(/被指定了两次/);
    // Fewer than three members, or an even number: the form refuses.
    for (const n of [2, 4]) {
      const few = await h.refused(id, 'formPanel', 422, { members: [...members, { account: 'ha-lk-chengban3', name: '丙' }].slice(0, n) });
      expect(few.details?.map((d) => d.message)).toEqual(['合议庭应由三名以上单数的员额法官组成（第1条、第6条）']);
    }
  });
});

// 条文：河南意见 第3条、第8条、第15条、第20条、第21条；河南意见 第1条、第6条
describe('第3、15条 扎口结案：终本 checklist, 审管办 approval, 归档 within 一个月', () => {
  it('终本 is refused while any item of the checklist does not hold, each with its reason', async () => {
    const id = await h.open('henanClosing', CASE, HANDLER);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ lawyerOrder: '有尚未反馈的律师调查令' }, /律师调查令.*反馈前不得终本/],
      [{ propertyInvestigationExhausted: false }, /未穷尽财产调查措施/],
      [{ offlineSearchDone: false }, /线下查人找物/],
      [{ interviewHeld: false }, /终本约谈/],
      [{ applicantClues: '尚有未核查的财产线索' }, /财产线索未核查/],
      [{ firstSeizure: '首封财产尚未处置' }, /首封财产/],
    ];
    for (const [bad, message] of cases) {
      const e = await h.refused(id, 'applyClosing', 422, { ...ZHONGBEN, ...bad });
      expect(e.details?.map((d) => d.message).join('；')).toMatch(message);
    }
    await h.expectOpen(id, ['applyClosing']);
  });

  it('执行完毕: 退回 once, then approved; 归档 warned before and 督办 at the exact end of the month', async () => {
    const id = await h.open('henanClosing', CASE, HANDLER);
    await h.complete(id, 'applyClosing', { closingMode: '执行完毕' });
    // The 审管办's designated approver decides, not the handler.
    const approve = await h.task(id, 'approveClosing');
    expect(approve.assignment).toMatchObject({ court: LANKAO, role: '审查人员' });
    expect((await h.submit(approve, {}, HANDLER)).status).toBe(403);
    await h.complete(id, 'approveClosing', { decision: '退回承办人', opinion: '结案报告未载明案款发放' });
    await h.complete(id, 'applyClosing', { closingMode: '执行完毕' });
    await h.complete(id, 'approveClosing', { decision: '同意结案', closedAt: '2026-11-02' });
    // 一个月 from 11-02: the last day is 12-02 (a Wednesday), so the deadline is 12-03 00:00.
    expect(await h.due(id, 'archiveFile')).toBe(bj('2026-12-03 00:00'));
    expect(await h.timer(id, 'archiveOverdue')).toBe(bj('2026-12-03 00:00'));
    const warning = await h.timer(id, 'archiveWarning');
    expect(Date.parse(warning)).toBeLessThan(Date.parse(bj('2026-12-03 00:00')));
    expect(Date.parse(warning)).toBeGreaterThan(Date.parse(bj('2026-11-25 00:00')));

    await h.setClock('2026-12-02 23:59');
    await h.expectOpen(id, ['archiveFile']);
    expect((await h.history(id)).some((e) => e.type === 'eventReached' && e.element === 'archiveWarned')).toBe(true);
    await h.setClock('2026-12-03 00:00');
    await h.expectOpen(id, ['archiveFile', 'superviseArchiving']);
    await h.complete(id, 'superviseArchiving', { responsible: '兰考法院承办人' });
    await h.complete(id, 'archiveFile', { archivedAt: '2026-12-03' });
    expect(await h.status(id)).toBe('completed');
    expect((await ends(id)).sort()).toEqual(['archiveSupervised', 'archiveWarned', 'closed'].sort());
  });

  it('终本 against the applicant’s wish goes to a 合议庭; 恢复执行 is reviewed and never given to the 终本 handler', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('henanClosing', CASE, HANDLER);
    await h.complete(id, 'applyClosing', { ...ZHONGBEN, applicantAgrees: '不同意' });
    await h.complete(id, 'formClosingPanel');
    const panel = (await h.tasks(id)).filter((t) => t.elementId === 'closingDeliberation');
    for (const [i, t] of panel.entries()) expect((await h.submit(t, { opinion: i === 1 ? '不同意' : '同意' })).status).toBe(200);
    expect((await h.variables(id)).closingDeliberation[1].opinion).toBe('不同意');
    await h.complete(id, 'approveClosing', { decision: '同意结案', closedAt: '2026-11-02' });
    await h.complete(id, 'archiveFile', { archivedAt: '2026-11-20', rulingPublished: '终本裁定已送达当事人并已在裁判文书网公布' });
    await h.complete(id, 'manageZhongben', { outcome: '申请执行人申请恢复执行' });

    // Not granted lightly: a refusal returns the case to 终本 management.
    await h.complete(id, 'reviewResumption', { decision: '不予恢复执行', reason: '未提供新的财产线索' });
    await h.complete(id, 'manageZhongben', { outcome: '发现被执行人有可供执行的财产' });
    const review = await h.task(id, 'reviewResumption');
    expect(review.assignment).toMatchObject({ court: LANKAO, role: '审批人' });
    // Naming the 终本 handler is refused (回避), nothing written.
    const e = await h.refused(id, 'reviewResumption', 422, { decision: '准予恢复执行', newHandler: HANDLER, newHandlerName: '兰考法院承办人' });
    expect(e.message).toMatch(/回避/);
    await h.complete(id, 'reviewResumption', { decision: '准予恢复执行', newHandler: 'ha-lk-chengban2', newHandlerName: '兰考法院承办人乙' });
    const resume = await h.task(id, 'resumeEnforcement');
    expect(resume.assignment).toMatchObject({ user: 'ha-lk-chengban2', excludedUsers: [HANDLER] });
    expect((await h.submit(resume, {}, HANDLER)).status).toBe(403);
    await h.complete(id, 'resumeEnforcement', { resumedAt: '2026-11-30' });
    expect(await ends(id)).toContain('resumed');
  });

  it('a 合议庭 that refuses 终本 sends the application back to the handler', async () => {
    const id = await h.open('henanClosing', CASE, HANDLER);
    await h.complete(id, 'applyClosing', { ...ZHONGBEN, applicantAgrees: '不同意' });
    await h.complete(id, 'formClosingPanel');
    for (const t of (await h.tasks(id)).filter((x) => x.elementId === 'closingDeliberation')) {
      expect((await h.submit(t, { opinion: '不同意' })).status).toBe(200);
    }
    await h.expectOpen(id, ['applyClosing']);
  });
});
