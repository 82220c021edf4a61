// 白山 质效评查 and the periodic 通报, walked through HTTP with the manual clock: 常规评查 drawn
// from the 执行案件 records, 专项 and 重点 opened by 白山中院's 评查部门 (审查人员).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startBaishan, type Baishan } from './helpers';

let h: Baishan;
beforeAll(async () => {
  h = await startBaishan();
}, 180_000);
afterAll(() => h?.close());

const START = { reviewType: '专项评查', specialCaseType: '终本案件', caseCategory: '执行实施', enforcementCaseNo: '（2026）吉0602执100号', handlerName: '浑江法院承办人' };
const open = (data: Record<string, unknown>) => h.open('baishanQualityReview', 'jl-bs-hj', { ...START, ...data });

describe('评查方式与重点评查的事由 (白山规定 第十二条、第十三条)', () => {
  it('重点评查 needs one of the five 第十三条 grounds; 专项评查 needs its case type (422, nothing opened)', async () => {
    await h.setClock('2026-11-02 09:00');
    const as = await h.s.as('jl-bs-shencha');
    const noGround = await as.post('/api/cases', { process: 'baishanQualityReview', supervisedCourt: 'jl-bs-hj', data: { ...START, reviewType: '重点评查', specialCaseType: undefined } });
    expect(noGround.status, JSON.stringify(noGround.body)).toBe(422);
    expect(JSON.stringify(noGround.body)).toContain('focusTrigger');
    const noType = await as.post('/api/cases', { process: 'baishanQualityReview', supervisedCourt: 'jl-bs-hj', data: { ...START, specialCaseType: '' } });
    expect(noType.status).toBe(422);
    // The 评查部门 of 白山中院 reviews; a 基层 court's 承办人 may not open a review.
    const lower = await (await h.s.as('jl-hj-chengban')).post('/api/cases', { process: 'baishanQualityReview', supervisedCourt: 'jl-bs-hj', data: START });
    expect(lower.status).toBe(403);
  });
});

// 条文：白山规定 第十一条、第十三条、第十四条、第十五条、第十七条、第十条
describe('重点评查：上级法院复议纠错案件 (白山规定 第十三条、第十一条、第十五条、第十四条、第十七条、第十条)', () => {
  let id: string;
  it('opened on a 复议纠错: the 审查人员 checks the six aspects against the six standards; each is required', async () => {
    id = await open({ reviewType: '重点评查', focusTrigger: '（二）上级法院复议纠错案件', specialCaseType: undefined, caseCategory: '执行异议' });
    const t = await h.task(id, 'inspectCase');
    expect(t.assignment).toEqual({ court: 'jl-bs-zy', role: '审查人员' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-11-24 00:00')); // 20日 from 11-02: day 20 is Sunday 11-22 → Monday 11-23, 24:00
    expect((await h.variables(id)).reviewType).toBe('重点评查');
    await h.refused(id, 'inspectCase', 'jl-bs-shencha', 422, { procedure: undefined });
    await h.refused(id, 'inspectCase', 'jl-bs-shencha', 422, { tidyFile: '很好' });
    await h.complete(id, 'inspectCase', { procedure: '存在问题', lawfulProcedure: '不符合', problems: '未依法送达执行裁定。', requestExplanation: true, explanationRequest: '说明未送达的原因。' });
  });

  it('the handler explains on request (第十五条), then the case is graded 不合格 with a 违纪 finding', async () => {
    const t = await h.task(id, 'explainCase');
    expect(t.assignment).toEqual({ court: 'jl-bs-hj', role: '承办人' });
    await h.complete(id, 'explainCase');
    await h.refused(id, 'gradeCase', 'jl-bs-shencha', 422, { grade: '一般' });
    await h.complete(id, 'gradeCase', { grade: '不合格', gradeReason: '程序违法。', discipline: true });
    await h.complete(id, 'referToDiscipline', { facts: '承办人未送达裁定并虚构送达记录。' });
    expect((await h.task(id, 'rectify')).assignment).toEqual({ court: 'jl-bs-hj', role: '承办人' });
    await h.complete(id, 'rectify');
    expect(await h.status(id)).toBe('completed');
    const entries = (await h.ledger()).filter((e) => e.caseId === id);
    expect(entries.map((e) => [e.kind, e.grade ?? null]).sort()).toEqual([['移送纪检监察', null], ['评查', '不合格']]);
    expect(entries.find((e) => e.kind === '评查').reason).toBe('重点评查：程序违法。');
  });
});

describe('四个等次 (白山规定 第十四条)', () => {
  it.each(['优秀', '良好', '合格', '不合格'])('%s: recorded in the ledger; only 不合格 is sent back for 整改', async (grade) => {
    const id = await open({});
    await h.complete(id, 'inspectCase');
    await h.complete(id, 'gradeCase', { grade, gradeReason: `评为${grade}。` });
    if (grade === '不合格') await h.expectOpen(id, ['rectify']);
    else expect(await h.status(id)).toBe('completed');
    const e = (await h.ledger()).find((x) => x.caseId === id);
    expect(e).toMatchObject({ kind: '评查', grade, court: 'jl-bs-hj', issuer: 'jl-bs-zy' });
  });
});

describe('常规评查：定期抽查已执结的案件 (白山规定 第十二条)', () => {
  it('a draw over 浑江法院’s 执行完毕 cases of the quarter starts one 常规评查 per drawn case', async () => {
    const records = Array.from({ length: 10 }, (_, i) => ({
      caseNo: `（2026）吉0602执${200 + i}号`, court: 'jl-bs-hj', handler: '浑江法院承办人', filedAt: '2026-03-02',
      closedAt: '2026-08-1' + String(i % 9), closing: i % 2 ? '执行完毕' : '终本', nodes: [],
    }));
    const as = await h.s.as('jl-bs-shencha');
    const feed = await as.post('/api/enforcement/records', { records });
    expect(feed.status, JSON.stringify(feed.body).slice(0, 400)).toBe(200);
    const r = await as.post('/api/enforcement/inspections', { package: 'baishan', inspection: 'routineReview', closedFrom: '2026-07-01', closedTo: '2026-09-30', rate: 0.4, seed: 'baishan-routine-0001' });
    expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(201);
    expect(r.body.sample).toHaveLength(2); // 5 执行完毕 cases at 40 %: ceil(2.0)
    expect(r.body.started).toBe(2);
    expect(r.body.sample.map((x: { caseNo: string }) => x.caseNo)).toEqual(expect.arrayContaining([expect.stringMatching(/执20[13579]号$/)]));
    const record = await as.get(`/api/enforcement/records/${r.body.sample[0].recordId}`);
    expect(record.status).toBe(200);
    const caseId = (record.body.record ?? record.body).cases[0].caseId as string;
    // The drawn case is a 常规评查 of the executing court, worked by 白山中院's 审查人员.
    expect((await h.task(caseId, 'inspectCase')).assignment).toEqual({ court: 'jl-bs-zy', role: '审查人员' });
    await h.complete(caseId, 'inspectCase');
    expect((await h.variables(caseId)).reviewType).toBe('常规评查');
    await h.complete(caseId, 'gradeCase', { grade: '合格', gradeReason: '符合规范。' });
    expect((await h.ledger()).find((e) => e.caseId === caseId)).toMatchObject({ kind: '评查', grade: '合格', reason: '常规评查：符合规范。' });
  });
});

describe('定期通报，抄送党委、人大、政法委 (白山规定 第二十条、第十六条)', () => {
  it('each quarter starts by itself: on 01-01 白山中院 has the 2026年第四季度 通报, due by 01-11 (01-10 is a Sunday)', async () => {
    const opened = async () => (await h.s.p.db.connection.collection('cases').find({ 'definition.key': 'baishanPeriodicNotice' }).toArray())
      .filter((c) => c.variables?.noticeStarted?.dueBy === '2027-01-11');
    await h.setClock('2026-12-28 09:00');
    expect(await opened()).toEqual([]);
    // Opened by the timer only: nobody opens it by hand.
    const byHand = await (await h.s.as('jl-bs-chengban')).post('/api/cases', { process: 'baishanPeriodicNotice', supervisedCourt: 'jl-bs-zy', data: {} });
    expect(byHand.status).toBeGreaterThanOrEqual(400);
    await h.setClock('2027-01-01 00:00');
    const cases = await opened();
    expect(cases.map((c) => [c.supervisingCourt, c.supervisedCourt])).toEqual([['jl-bs-zy', 'jl-bs-zy']]);
    id = String(cases[0]._id);
    const t = await h.task(id, 'compileNotice');
    expect(t.assignment).toEqual({ court: 'jl-bs-zy', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2027-01-12 00:00'));
  });

  let id: string;
  it('compiled by a 承办人, approved by the 局长 (who may send it back), recorded with its recipients', async () => {
    await h.complete(id, 'compileNotice');
    await h.complete(id, 'approveNotice', { decision: '退回修改', opinion: '补充评查讲评。' });
    await h.complete(id, 'compileNotice', { noticeKind: '质效评查讲评通报（第十六条）' });
    await h.complete(id, 'approveNotice');
    expect(await h.status(id)).toBe('completed');
    const e = (await h.ledger('year=2027')).find((x) => x.caseId === id);
    expect(e).toMatchObject({ kind: '季度通报', issuer: 'jl-bs-zy', reason: '质效评查讲评通报（第十六条）（2026年第四季度）' });
    const q = await (await h.s.as('jl-bs-lingdao')).get('/api/ledger/quarterly?year=2026&quarter=4');
    expect(q.status).toBe(200);
    expect(q.body.recipients).toEqual(['党委', '人大', '政法委']);
  });
});
