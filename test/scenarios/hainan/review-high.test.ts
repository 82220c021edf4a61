// The review of the package against the regulations (shared/reviews/hainan.md), High defects
// and the platform capabilities they need: one walk per defect, each failing on package v1.
// D1/D12/D13 办法 第十二条; D2/D31/D32 暂行规定 第十条、第十四条; D19 第十一条; D20 第六条.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { bj, startHainan, type Hainan } from './helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
}, 180_000); // installing the package and its forms is slow on a busy machine
afterAll(() => h?.close());

/** A 督办函 case whose report is in and whose review finds the handling improper. */
async function opinionCase(at: string) {
  await h.setClock(at);
  const id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: at.slice(0, 10) });
  await h.complete(id, 'reviewComplaint', { decision: '督办' });
  await h.complete(id, 'issueSupervisionLetter', { reportPeriod: 15 });
  await h.complete(id, 'designateHandler');
  await h.complete(id, 'reportInWriting');
  await h.complete(id, 'reviewReport', { decision: '提出书面意见' });
  await h.complete(id, 'issueWrittenOpinion', { implementPeriod: 10 });
  return id;
}

describe('D1, D12: a handling opinion not followed after 催办 — 通报 and 追责 are mandatory (海南办法 第十二条)', () => {
  let id: string;

  it('walks opinion → no 复议 → 逾期十日 → 催办函 → 仍未落实: 说明原因 is not open to the 承办人, 通报 follows', async () => {
    id = await opinionCase('2026-09-28 10:00');
    await h.setClock('2026-10-09 00:00'); // the five days for 复议 lapsed
    await h.until(id, 'opinionOverdueTenDays');
    await h.complete(id, 'decideUrging', { measure: '催办函' });
    await h.complete(id, 'urgingLetter', { compliancePeriod: 5 });
    await h.until(id, 'urgingIgnored');
    await h.expectOpen(id, ['handleRefusal']);
    // Chosen anyway, 说明原因 does not replace the notice on this path.
    await h.complete(id, 'handleRefusal', { measure: '说明原因', explainPeriod: 5 });
    await h.expectOpen(id, ['notice']);
    expect((await h.variables(id)).noticeScope).toEqual({
      court: 'hi-gy', scope: '在辖区范围内予以通报', accountability: '依据有关规定追究相关法院或责任人的责任', basis: '海南办法 第十二条',
    });
  });

  it('追究责任 follows the notice even when the box is left unticked; then the review resumes', async () => {
    await h.complete(id, 'notice', { kind: '通报批评', reason: '拒不落实或消极落实上级法院处理意见（海南办法第十二条）', accountability: false });
    const pursue = await h.task(id, 'pursueAccountability');
    expect(pursue.assignment).toEqual({ court: 'hi-gy', role: '院领导' });
    await h.complete(id, 'pursueAccountability', { situation: '（三）拒不落实、消极落实上级法院处理意见，经催办后仍未纠正' });
    await h.expectOpen(id, ['reviewReport']);
    expect((await h.variables(id)).notices).toHaveLength(1);
  });

  it('a later 通报批评 from the review (责任倒查, 暂行规定 第二十六条) is not forced into 追责: the rule is only the opinion path’s', async () => {
    await h.complete(id, 'reviewReport', { decision: '通报批评' });
    // 责任倒查 is the ledger's reviewNotice step (D22): 追责 only when the 审批人 refers it.
    await h.complete(id, 'reviewNotice', { court: 'hi-hk-zy', persons: [{ name: '李四', role: '承办人' }], referral: false });
    await h.expectOpen(id, ['reviewReport']);
  });
});

describe('D2, D31, D32: 交办 goes to the 中院, which supervises the 基层 court and reports (暂行规定 第十条、第十四条)', () => {
  let id: string;

  it('a case opened against the 基层 court complained about moves to its 中院 when 交办 is chosen; the change is recorded', async () => {
    await h.setClock('2026-09-28 10:00');
    id = await h.open('hainanSupervision', 'hi-hk-qs', { complaintReceivedAt: '2026-09-28' });
    await h.complete(id, 'reviewComplaint', { decision: '交办' });
    await h.complete(id, 'assignToIntermediate', { reportPeriod: 15 });
    const view = await h.view(id);
    expect(view.case.supervisedCourt).toBe('hi-hk-zy');
    expect(view.case.supervisedCourts).toEqual(['hi-hk-zy', 'hi-hk-qs']);
    expect(view.case.variables.executingCourt).toBe('hi-hk-qs');
    const change = (await h.history(id)).find((e) => e.type === 'supervisedCourtChanged');
    expect(change).toMatchObject({
      element: 'assignToIntermediate', actor: 'hi-gy-chengban',
      data: { from: 'hi-hk-qs', to: 'hi-hk-zy', fromCourts: ['hi-hk-qs'], toCourts: ['hi-hk-zy', 'hi-hk-qs'] },
    });
    expect(change!.data.names).toMatchObject({ 'hi-hk-zy': '海口市中级人民法院', 'hi-hk-qs': '海口市琼山区人民法院' });
    expect((await h.task(id, 'designateHandler')).assignment).toEqual({ court: 'hi-hk-zy', role: '审批人' });
  });

  it('the 基层 court still sees the case (it is supervised in it) but cannot act for the 中院', async () => {
    expect((await (await h.s.as('hi-qs-chengban')).get(`/api/cases/${id}`)).status).toBe(200);
    await h.refused(id, 'designateHandler', 'hi-qs-shenpi', 403);
  });

  it('the lists are keyed on every supervised court: the 基层 court, the 中院 and the 高院 each list the case once; the dashboard counts it under both courts and once in the totals', async () => {
    const listed = async (username: string, query = '') => {
      const r = await (await h.s.as(username)).get(`/api/cases?pageSize=100${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items as { id: string }[]).filter((c) => c.id === id).length;
    };
    expect(await listed('hi-qs-chengban')).toBe(1); // 琼山: supervised in the case, not its primary court
    expect(await listed('hi-qs-chengban', '&court=hi-hk-qs')).toBe(1);
    expect(await listed('hi-hk-chengban', '&court=hi-hk-qs')).toBe(1);
    expect(await listed('hi-hk-chengban', '&court=hi-hk-zy')).toBe(1);
    expect(await listed('hi-gy-shencha')).toBe(1); // sees both courts: once, not twice
    const all = await (await h.s.as('hi-gy-shencha')).get('/api/cases?pageSize=100');
    expect(new Set(all.body.items.map((c: { id: string }) => c.id)).size).toBe(all.body.items.length);

    const overview = (await (await h.s.as('hi-gy-lingdao')).get('/api/stats/overview')).body;
    const open = (court: string) => overview.load.find((c: { court: string }) => c.court === court)?.open ?? 0;
    expect(open('hi-hk-qs')).toBeGreaterThanOrEqual(1);
    expect(open('hi-hk-zy')).toBeGreaterThanOrEqual(1);
    const running = await (await h.s.as('hi-gy-shencha')).get('/api/cases?status=running&pageSize=1');
    expect(overview.totals.open).toBe(running.body.total); // each case once
    const lower = (await (await h.s.as('hi-qs-shenpi')).get('/api/stats/overview')).body;
    expect(lower.load.map((c: { court: string }) => c.court)).toEqual(['hi-hk-qs']);
    expect(lower.totals.open).toBe(open('hi-hk-qs'));
  });

  it('the 中院 takes 具体措施 to supervise the 基层 court — the hearing route of an executing court is not offered — and reports', async () => {
    await h.complete(id, 'designateHandler', { route: '无财产可供执行' });
    const supervise = await h.task(id, 'superviseLowerCourt');
    expect(supervise.assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    expect(new Date(supervise.dueAt!).toISOString()).toBe(bj('2026-10-14 00:00')); // 15日 from 09-28
    await h.complete(id, 'superviseLowerCourt');
    expect((await h.task(id, 'reportInWriting')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人' });
    await h.complete(id, 'reportInWriting');
    await h.expectOpen(id, ['reviewReport']);
  });

  it('a supervised court outside the supervising court’s jurisdiction is refused (422) and nothing is written', async () => {
    // A 中院 choosing 交办 for its own 基层 court would make itself the supervised court.
    await h.setClock('2026-09-28 10:00');
    const own = await h.open('hainanSupervision', 'hi-hk-qs', { complaintReceivedAt: '2026-09-28' }, 'hi-hk-shencha');
    await h.complete(own, 'reviewComplaint', { decision: '交办' });
    const before = (await h.view(own)).case.version;
    const body = await h.refused(own, 'assignToIntermediate', 'hi-hk-chengban', 422);
    expect(body.error.message).toContain('不在督办法院的辖区内');
    const after = await h.view(own);
    expect(after.case.version).toBe(before);
    expect(after.case.supervisedCourt).toBe('hi-hk-qs');
    await h.expectOpen(own, ['assignToIntermediate']);
  });
});

describe('D19: 另行组成合议庭 — whoever reviewed or decided earlier is excluded from the 复议 (海南办法 第十一条)', () => {
  it('the 审查人员 who reviewed the complaint is refused and does not see the task in the inbox; another 审查人员 decides', async () => {
    const id = await opinionCase('2026-09-28 10:00');
    await h.complete(id, 'respondToOpinion', { action: '申请复议', reasons: '被执行人名下房产系案外人所有。' });
    const decide = await h.task(id, 'decideReconsideration');
    expect(decide.assignment.exclude).toEqual(['reviewComplaint', 'supervisoryReview', 'reviewReport', 'issueWrittenOpinion', 'supervisoryLetter']);
    expect(decide.assignment.excludedUsers).toEqual(['hi-gy-shencha', 'hi-gy-chengban']);
    const body = await h.refused(id, 'decideReconsideration', 'hi-gy-shencha', 403);
    expect(body.error.message).toContain('回避');
    expect(await h.inbox(id, 'hi-gy-shencha')).toEqual([]);
    expect(await h.inbox(id, 'hi-gy-shencha2')).toEqual(['decideReconsideration']);
    expect((await (await h.s.as('hi-gy-shencha')).get(`/api/tasks/${decide.id}`)).body.mayComplete).toBe(false);
    await h.complete(id, 'decideReconsideration', { decision: '纠正' }, 'hi-gy-shencha2');
    await h.expectOpen(id, ['reviewReport']);
  });

  it('deploy refuses an exclusion naming a task the diagram does not have, and a court level that does not exist', async () => {
    const xml = readFileSync(path.resolve(import.meta.dirname, '../../../processes/hainan/supervision.bpmn'), 'utf8');
    const badExclude = xml.replace('exclude: [&quot;reviewComplaint&quot;', 'exclude: [&quot;reviewComplaintX&quot;');
    expect((await validateDefinition(badExclude)).map((p) => p.code)).toContain('ASSIGNMENT_EXCLUDE');
    const badLevel = xml.replace('courtLevel(supervisingCourt) = &quot;高院&quot;', 'courtLevel(supervisingCourt) = &quot;高级法院&quot;');
    const problems = await validateDefinition(badLevel);
    expect(problems.map((p) => p.code)).toContain('COURT_LEVEL');
    expect(problems.find((p) => p.code === 'COURT_LEVEL')!.message).toContain('高级法院');
    expect(await validateDefinition(xml)).toEqual([]);
  });
});

describe('D20: the 专人 named by the lower court becomes the assignee of its later tasks (海南办法 第六条)', () => {
  let id: string;

  it('a 专人 who is not a 承办人 of that court is refused (422), nothing is written', async () => {
    await h.setClock('2026-09-28 10:00');
    id = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-09-28' });
    await h.complete(id, 'reviewComplaint');
    await h.complete(id, 'issueSupervisionLetter');
    const body = await h.refused(id, 'designateHandler', 'hi-hk-shenpi', 422, { handlerAccount: 'hi-qs-chengban' });
    expect(body.error.message).toContain('hi-qs-chengban');
    await h.refused(id, 'designateHandler', 'hi-hk-shenpi', 422, { handlerAccount: 'nobody-here' });
    await h.expectOpen(id, ['designateHandler']);
  });

  it('named, the report is his alone: another 承办人 of the court is refused and does not see it', async () => {
    await h.complete(id, 'designateHandler', { handlerAccount: 'hi-hk-chengban2', handlerName: '海口中院承办人乙' });
    expect((await h.task(id, 'reportInWriting')).assignment).toEqual({ court: 'hi-hk-zy', role: '承办人', user: 'hi-hk-chengban2' });
    await h.refused(id, 'reportInWriting', 'hi-hk-chengban', 403);
    expect(await h.inbox(id, 'hi-hk-chengban')).toEqual([]);
    expect(await h.inbox(id, 'hi-hk-chengban2')).toEqual(['reportInWriting']);
    await h.complete(id, 'reportInWriting');
    await h.expectOpen(id, ['reviewReport']);
  });
});
