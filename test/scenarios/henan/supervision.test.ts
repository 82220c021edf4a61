// 河南意见 第14、17、22、25、27条 on the shipped package with the manual clock: 信访督办 (overdue
// without reason or 督办意见 not followed → 通报批评 in the ledger; serious → 一案双查/移交问责; 执行不公开
// → 一案双查 always); 约谈 of the 中院 the ranking puts last, with 整改 by a 完成时限; 检察建议 reviewed,
// corrected, replied, 备案 within 一个月 (late → the 高院 urges); and from the 执行案件 records, by the
// package's monitoring rules: before the 法定期限 ends the 执行局长 decides (another handler never
// the reporter), and at 受理届满六个月 exactly the applicant is told why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, HIGH, KAIFENG, LANKAO, startHenan, type Henan } from './helpers';

let h: Henan;
beforeAll(async () => {
  h = await startHenan();
  await h.setClock('2026-06-10 09:00');
  // 执行案件 records of 兰考 (fed by the 中院, as the system-to-system feed does).
  const kf = await h.s.as('ha-kf-chengban');
  const fed = await kf.post('/api/enforcement/records', { records: [
    { caseNo: LK(1), court: LANKAO, handler: '兰考法院承办人', filedAt: '2026-03-02' },
    { caseNo: LK(2), court: LANKAO, handler: '兰考法院承办人', filedAt: '2026-03-02', closedAt: '2026-03-09', closing: '执行完毕' },
    { caseNo: LK(3), court: LANKAO, handler: '兰考法院承办人乙', filedAt: '2026-03-02' },
  ] });
  expect(fed.status, JSON.stringify(fed.body)).toBe(200);
  expect(fed.body.created).toBe(3);
}, 120_000);
afterAll(() => h?.close());

function LK(n: number) { return `（2026）豫0225执${n}号`; }
const ends = async (id: string) => (await h.history(id)).filter((e) => e.type === 'eventReached').map((e) => e.element).sort();
const ledger = async (kind: string, court: string) => {
  const r = await (await h.s.as('ha-gy-shenpi')).get(`/api/ledger?year=2026&kind=${encodeURIComponent(kind)}&court=${court}&pageSize=100`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.items ?? r.body.entries) as { kind: string; court: string; caseId: string; persons?: { name: string }[]; reason?: string }[];
};

// 条文：河南意见 第14条、第27条
describe('第14、27条 from the 执行案件 records (monitoring rules)', () => {
  const casesOf = async (process: string) => {
    const r = await (await h.s.as('ha-admin')).get(`/api/cases?process=${process}&pageSize=100`);
    expect(r.status).toBe(200);
    return (r.body.items as { id: string; subject?: { enforcementCaseNo?: string } }[]);
  };
  const setInstant = async (iso: string) => {
    const r = await h.s.admin.post('/api/clock', { set: iso });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('第14条: before the 法定期限 ends the handler reports and the 执行局长 decides; the reporter is never the new handler', async () => {
    // 届满前10日预警 6个月 自 03-02: the last day is 09-02; ten days before is 08-23, a Sunday, so the
    // warning moves back to Friday 08-21 at 0时.
    const warnAt = bj('2026-08-21 00:00');
    await setInstant(new Date(Date.parse(warnAt) - 1000).toISOString());
    expect(await casesOf('henanDeadlineReport')).toHaveLength(0);
    await setInstant(warnAt);
    const cases = await casesOf('henanDeadlineReport');
    // The closed record (2) starts nothing.
    expect(cases.map((c) => c.subject?.enforcementCaseNo).sort()).toEqual([LK(1), LK(3)]);
    const [one, three] = [LK(1), LK(3)].map((no) => cases.find((c) => c.subject?.enforcementCaseNo === no)!.id);

    expect(await h.due(one, 'reportToDirector')).toBe(bj('2026-09-03 00:00'));
    await h.complete(one, 'reportToDirector', { proposal: '更换执行人员办理' }, 'ha-lk-chengban');
    expect((await h.task(one, 'directorDecision')).assignment).toMatchObject({ court: LANKAO, role: '审批人' });
    const e = await h.refused(one, 'directorDecision', 422, { decision: '更换执行人员办理', newHandler: 'ha-lk-chengban', newHandlerName: '兰考法院承办人' });
    expect(e.message).toMatch(/回避/);
    await h.complete(one, 'directorDecision', { decision: '更换执行人员办理', newHandler: 'ha-lk-chengban3', newHandlerName: '兰考法院承办人丙' });
    await h.complete(one, 'takeOver');
    expect(await ends(one)).toEqual(['finished']);

    // Record 3: nobody reports before the 法定期限 ends → the 中院 督办s at that instant.
    await setInstant(new Date(Date.parse(bj('2026-09-03 00:00')) - 1000).toISOString());
    await h.expectOpen(three, ['reportToDirector']);
    await setInstant(bj('2026-09-03 00:00'));
    await h.expectOpen(three, ['reportToDirector', 'superviseOverrun']);
    expect((await h.task(three, 'superviseOverrun')).assignment).toMatchObject({ court: KAIFENG, role: '承办人' });
  });

  it('第27条: at 受理届满六个月 exactly, the applicant is told why (unfinished records only)', async () => {
    // The clock stands at 09-03 00:00, the instant the six months (from 03-02) ended.
    const cases = await casesOf('henanSixMonthExplanation');
    expect(cases.map((c) => c.subject?.enforcementCaseNo).sort()).toEqual([LK(1), LK(3)]);
    const id = cases.find((c) => c.subject?.enforcementCaseNo === LK(1))!.id;
    const c = await h.view(id);
    expect(new Date(c.case.createdAt).toISOString()).toBe(bj('2026-09-03 00:00'));
    expect(c.case.variables.enforcementRule).toMatchObject({ id: 'sixMonthExplanation', basis: '河南意见 第27条' });
    const task = await h.task(id, 'explainToApplicant');
    expect(task.assignment).toMatchObject({ court: LANKAO, role: '承办人' });
    await h.complete(id, 'explainToApplicant', {
      explainedAt: '2026-09-03', measuresTaken: '网络查控两次，查封车辆一辆', nextPlan: '评估拍卖车辆', cooperation: '提供被执行人下落线索',
    });
    expect(await ends(id)).toEqual(['explained']);
    expect((await h.variables(id)).explainToApplicant.applicantOpinion).toBeTruthy();
  });
});

// 条文：河南意见 第17条、第23条、第27条
describe('第17条 涉执信访督办', () => {
  const open = async (court = LANKAO) => {
    const id = await h.open('henanPetition', { complaintReceivedAt: '2026-10-12', complaint: '申请执行人反映执行法院长期不执行' }, 'ha-gy-shencha', court);
    return id;
  };

  it('no progress report by the date set, without good reason: 通报批评 recorded in the ledger', async () => {
    await h.setClock('2026-10-12 09:00');
    const id = await open();
    await h.complete(id, 'issueSupervision', { reportBy: '2026-10-23' });
    const task = await h.task(id, 'handleAndReport');
    expect(task.assignment).toMatchObject({ court: LANKAO, role: '承办人' });
    expect(await h.due(id, 'handleAndReport')).toBe(bj('2026-10-24 00:00'));
    expect(await h.timer(id, 'progressOverdue')).toBe(bj('2026-10-24 00:00'));
    await h.setClock('2026-10-23 23:59');
    await h.expectOpen(id, ['handleAndReport']);
    await h.setClock('2026-10-24 00:00');
    await h.expectOpen(id, ['assessOverdue', 'handleAndReport']);
    await h.complete(id, 'assessOverdue', { justified: '无正当理由' });
    const criticize = await h.task(id, 'criticize');
    expect(criticize.assignment).toMatchObject({ court: HIGH, role: '审批人' });
    await h.complete(id, 'criticize', { reason: '无正当理由逾期未报告工作进展', persons: [{ name: '兰考法院承办人', role: '承办人' }], serious: '情节一般' });
    const entries = (await ledger('通报批评', LANKAO)).filter((e) => e.caseId === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: '通报批评', court: LANKAO, persons: [expect.objectContaining({ name: '兰考法院承办人' })] });
    // The late report still arrives and is reviewed.
    await h.complete(id, 'handleAndReport');
    await h.complete(id, 'reviewPetitionReport', { implemented: '已落实' });
    expect(await ends(id)).toEqual(['criticized', 'petitionClosed'].sort());
  });

  it('late with good reason: no 通报批评', async () => {
    await h.setClock('2026-10-12 09:00');
    const id = await open();
    await h.complete(id, 'issueSupervision', { reportBy: '2026-10-14' });
    await h.setClock('2026-10-15 00:00');
    await h.complete(id, 'assessOverdue', { justified: '有正当理由', reason: '承办人因公负伤' });
    await h.complete(id, 'handleAndReport');
    await h.complete(id, 'reviewPetitionReport', { implemented: '已落实' });
    expect(await ends(id)).toEqual(['excused', 'petitionClosed'].sort());
    expect((await ledger('通报批评', LANKAO)).filter((e) => e.caseId === id)).toEqual([]);
  });

  it('督办意见 not followed, serious: 通报批评 and then 一案双查 by the 督察, both in the ledger', async () => {
    await h.setClock('2026-10-12 09:00');
    const id = await open(KAIFENG);
    await h.complete(id, 'issueSupervision', { reportBy: '2026-10-23' });
    await h.complete(id, 'handleAndReport');
    await h.complete(id, 'reviewPetitionReport', { implemented: '未落实' });
    await h.complete(id, 'criticize', { reason: '不落实上级督办意见', serious: '情节严重', persons: [] });
    expect((await h.task(id, 'investigate')).assignment).toMatchObject({ court: HIGH, role: '督察' });
    await h.complete(id, 'investigate', { measure: '启动“一案双查”', findings: '执行干警存在消极执行' });
    expect(await ends(id)).toEqual(['investigated']);
    expect((await ledger('通报批评', KAIFENG)).filter((e) => e.caseId === id)).toHaveLength(1);
    expect((await ledger('追责', KAIFENG)).filter((e) => e.caseId === id)).toHaveLength(1);
  });

  it('第27条: a petition caused by 执行不公开 always starts 一案双查, even when the 督办意见 was followed', async () => {
    await h.setClock('2026-10-12 09:00');
    const id = await open();
    await h.complete(id, 'issueSupervision', { reportBy: '2026-10-23', causeNondisclosure: true });
    await h.complete(id, 'handleAndReport');
    await h.complete(id, 'reviewPetitionReport', { implemented: '已落实' });
    await h.expectOpen(id, ['investigate']);
  });
});

// 条文：河南意见 第22条
describe('第22条 约谈中级法院', () => {
  it('the 中院 the ranking puts last is interviewed; 整改 has a 完成时限, late → 督促; not done → interviewed again', async () => {
    await h.setClock('2026-11-02 09:00');
    const ranking = await (await h.s.as('ha-gy-shenpi')).get('/api/ledger/ranking?year=2026&level=中院');
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    expect(ranking.body.declaredBy).toBe('henan');
    const rows = ranking.body.rows as { court: string; rank: number; score: number }[];
    expect(rows.at(-1)!.court).toBe(KAIFENG); // its 通报批评 and 追责 weigh it down
    expect(rows.at(-1)!.score).toBeLessThan(rows[0].score);

    // A 中院 only: the 高院 cannot open a 约谈 against a 基层 court with this process.
    const wrong = await (await h.s.as('ha-gy-chengban')).post('/api/cases', { process: 'henanInterview', supervisedCourt: LANKAO, data: { grounds: { ranking: true }, evidence: '排名' } });
    expect(wrong.status).toBe(403);

    const id = await h.open('henanInterview', { grounds: { ranking: true, petitions: true }, evidence: '2026年法院排名末位' }, 'ha-gy-chengban', KAIFENG);
    expect((await h.task(id, 'holdInterview')).assignment).toMatchObject({ court: HIGH, role: '审批人' });
    await h.complete(id, 'holdInterview', { problems: '信访举报问题突出', requirements: '一个月内清理积案', rectifyBy: '2026-11-20' });
    expect((await ledger('约谈', KAIFENG)).filter((e) => e.caseId === id)).toHaveLength(1);
    expect((await h.task(id, 'rectify')).assignment).toMatchObject({ court: KAIFENG, role: '审批人' });
    expect(await h.due(id, 'rectify')).toBe(bj('2026-11-21 00:00'));
    await h.setClock('2026-11-21 00:00');
    await h.expectOpen(id, ['rectify', 'urgeRectification']);
    await h.complete(id, 'urgeRectification');
    await h.complete(id, 'rectify');
    await h.complete(id, 'verifyRectification', { result: '未整改到位' });
    await h.complete(id, 'holdInterview', { rectifyBy: '2026-11-30' });
    await h.complete(id, 'rectify');
    await h.complete(id, 'verifyRectification', { result: '整改到位' });
    expect(await ends(id)).toEqual(['interviewDone', 'urged'].sort());
  });
});

// 条文：河南意见 第25条
describe('第25条 检察建议', () => {
  it('wrong act corrected at once, replied; 备案 late by the month → the 高院 urges; the 高院 registers it', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('henanProcuratorial', { suggestionNo: '兰检执建〔2026〕1号', procuratorate: '兰考县人民检察院' }, 'ha-lk-chengban');
    expect((await h.task(id, 'reviewSuggestion')).assignment).toMatchObject({ court: LANKAO, role: '审查人员' });
    await h.complete(id, 'reviewSuggestion', { wrong: '执行行为确有错误' });
    await h.complete(id, 'correctAct', { correctedAt: '2026-11-02' });
    await h.complete(id, 'replyProcuratorate', { concludedAt: '2026-11-02' });
    expect(await h.due(id, 'fileWithHighCourt')).toBe(bj('2026-12-03 00:00'));
    await h.setClock('2026-12-02 23:59');
    await h.expectOpen(id, ['fileWithHighCourt']);
    await h.setClock('2026-12-03 00:00');
    await h.expectOpen(id, ['fileWithHighCourt', 'urgeFiling']);
    expect((await h.task(id, 'urgeFiling')).assignment).toMatchObject({ court: HIGH, role: '审查人员' });
    await h.complete(id, 'urgeFiling');
    await h.complete(id, 'fileWithHighCourt', { submittedAt: '2026-12-03' });
    expect((await h.task(id, 'registerFiling')).assignment).toMatchObject({ court: HIGH, role: '审查人员' });
    await h.complete(id, 'registerFiling', { onTime: '逾期报送' });
    expect(await ends(id)).toEqual(['filed', 'filingUrged'].sort());
  });

  it('no error found: replied and filed on time, nothing urged', async () => {
    const id = await h.open('henanProcuratorial', { suggestionNo: '开检执建〔2026〕2号', procuratorate: '开封市人民检察院' }, 'ha-kf-chengban');
    await h.complete(id, 'reviewSuggestion', { wrong: '执行行为并无错误' });
    await h.complete(id, 'replyProcuratorate', { concludedAt: '2026-12-03' });
    await h.complete(id, 'fileWithHighCourt', { submittedAt: '2026-12-03' });
    // From a 中院 the 省法院执行局 is its parent court.
    expect((await h.task(id, 'registerFiling')).assignment).toMatchObject({ court: HIGH, role: '审查人员' });
    await h.complete(id, 'registerFiling');
    expect(await ends(id)).toEqual(['filed']);
  });
});

