// The Shandong processes opened by hand, walked with the manual clock on one timeline from
// 2026年3月2日 (星期一): 一.1 补录 confirmed by the 中院院长, re-found omission → 通报批评; 一.2(2) 评估
// within 一个月 of 委托; 一.2(3) 协同执行 answered within 10日; 一.2(4) the 首封 chain (理由不成立 →
// 10日 to start 评估拍卖, missed → 消极执行 review → 纪检监察); 一.4(1)(2) 终本 院长审签 and 上网;
// 二.2 信访 督办 at once, 重点信访 on site with the 执行局长 reporting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startShandong, type Shandong } from './helpers';
import { sample } from './samples';

let h: Shandong;
let backfill: string;
let appraisal: string;
let coordinate: string;
let alone: string;
let seizure: string;
let seizureOnTime: string;

beforeAll(async () => {
  h = await startShandong();
  await h.setClock('2026-03-02 10:00');
  backfill = await h.open('sdBackfill', 'sd-jn-zy', 'sd-gy-chengban');
  await h.complete(backfill, 'setBackfillNode', { nodeDate: '2026-04-30' });
  appraisal = await h.open('sdAppraisal', 'sd-jn-lx', 'sd-lx-chengban', { entrustedAt: '2026-03-02' });
  coordinate = await h.open('sdCoordination', 'sd-jn-lx', 'sd-jn-chengban', { requestReceivedAt: '2026-03-02' });
  alone = await h.open('sdCoordination', 'sd-jn-lx', 'sd-jn-chengban', { requestReceivedAt: '2026-03-02' });
  seizure = await h.open('sdFirstSeizure', 'sd-jn-lx', 'sd-jn-chengban');
  seizureOnTime = await h.open('sdFirstSeizure', 'sd-jn-lx', 'sd-jn-chengban');
}, 180_000);
afterAll(() => h?.close());

// 条文：山东意见 一.2(4)
describe('一.2(4) 首封争议: 书面说明 → 上级法院审查 → 10日内启动评估拍卖', () => {
  it('the 首查封法院 explains, the upper court finds the reasons fail; 评估拍卖 is due 10日 after it receives the decision', async () => {
    for (const id of [seizure, seizureOnTime]) {
      const t = await h.task(id, 'explainSeizure');
      expect(t.assignment).toMatchObject({ court: 'sd-jn-lx', role: '承办人' });
      await h.complete(id, 'explainSeizure');
      expect((await h.task(id, 'reviewSeizureReasons')).assignment).toMatchObject({ court: 'sd-jn-zy', role: '审批人' });
      await h.complete(id, 'reviewSeizureReasons', { conclusion: '理由不成立' });
      // Received on 3月2日 (on the platform): 10日 from the next day, 3月12日 24时.
      expect(await h.due(id, 'startAuction')).toBe(bj('2026-03-13 00:00'));
      expect(await h.timer(id, 'auctionOverdue')).toBe(bj('2026-03-13 00:00'));
    }
    await h.setClock('2026-03-12 16:00');
    await h.complete(seizureOnTime, 'startAuction');
    expect(await h.status(seizureOnTime)).toBe('completed');
  });

  it('not started at 3月12日 24时: the upper court reviews 消极执行 at that instant; 情形严重 → 纪检监察, then the auction is still started', async () => {
    await h.setClock('2026-03-12 23:59');
    await h.expectOpen(seizure, ['startAuction']);
    await h.setClock('2026-03-13 00:00');
    await h.expectOpen(seizure, ['reviewNegligence']);
    await h.complete(seizure, 'reviewNegligence', { serious: '是' });
    expect((await h.task(seizure, 'seizureDiscipline')).assignment).toMatchObject({ court: 'sd-jn-zy', role: '院领导' });
    await h.complete(seizure, 'seizureDiscipline');
    await h.complete(seizure, 'startAuctionLate');
    expect(await h.status(seizure)).toBe('completed');
    expect((await h.ledger('移送纪检监察', 'sd-jn-lx')).filter((e) => e.caseId === seizure)).toHaveLength(1);
    expect((await h.ledger('移送纪检监察', 'sd-jn-lx')).filter((e) => e.caseId === seizureOnTime)).toHaveLength(0);
  });
});

// 条文：山东意见 一.2(3)
describe('一.2(3) 协同执行: the upper court answers within 10日 of the 报请', () => {
  it('due 3月12日 24时; 协同 → the 协同执行决定 goes to the requesting court; 自行执行 → it is told to proceed alone', async () => {
    for (const id of [coordinate, alone]) {
      const t = await h.task(id, 'answerCoordination');
      expect(t.assignment).toMatchObject({ court: 'sd-jn-zy', role: '审批人' });
      expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-03-13 00:00'));
    }
    await h.complete(coordinate, 'answerCoordination', { decision: '协同执行', participatingCourts: ['sd-jn-zy', 'sd-jn-sz'] });
    await h.complete(alone, 'answerCoordination', { decision: '自行执行', participatingCourts: [] });
    expect((await h.task(coordinate, 'receiveCoordinationDecision')).assignment).toMatchObject({ court: 'sd-jn-lx', role: '承办人' });
    await h.expectOpen(alone, ['proceedAlone']);
    await h.complete(coordinate, 'receiveCoordinationDecision');
    await h.complete(alone, 'proceedAlone');
    expect(await h.status(coordinate)).toBe('completed');
  });
});

// 条文：山东意见 一.2(2)
describe('一.2(2) 评估: the 承办人 chases the 评估机构 for 一个月 from 委托', () => {
  it('due 4月2日 24时; at that instant the case turns to the written reasons for the delay', async () => {
    expect(await h.due(appraisal, 'chaseAppraisal')).toBe(bj('2026-04-03 00:00'));
    await h.setClock('2026-04-02 23:59');
    await h.expectOpen(appraisal, ['chaseAppraisal']);
    await h.setClock('2026-04-03 00:00');
    await h.expectOpen(appraisal, ['explainAppraisalDelay']);
    await h.complete(appraisal, 'explainAppraisalDelay');
    await h.complete(appraisal, 'reportAppraisalDone');
    expect(await h.status(appraisal)).toBe('completed');
  });
});

// 条文：山东意见 一.1
describe('一.1 排查补录: 中院院长审核确认 → 高院 公布 → 复查', () => {
  it('the 中院院长 confirms by the date the 高院 set; a re-found omission is 通报批评 in the ledger', async () => {
    const t = await h.task(backfill, 'confirmBackfill');
    expect(t.assignment).toMatchObject({ court: 'sd-jn-zy', role: '院领导' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-05-01 00:00'));
    // The 承办人 of the 中院 cannot confirm for the 院长.
    const r = await (await h.s.as('sd-jn-chengban')).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey) });
    expect(r.status).toBe(403);
    await h.complete(backfill, 'confirmBackfill');
    await h.complete(backfill, 'publishBackfill');
    await h.complete(backfill, 'recheckBackfill', { finding: '再次出现漏录' });
    expect((await h.task(backfill, 'omissionCriticism')).assignment).toMatchObject({ court: 'sd-gy', role: '审批人' });
    await h.complete(backfill, 'omissionCriticism');
    expect(await h.status(backfill)).toBe('completed');
    const entries = (await h.ledger('通报批评', 'sd-jn-zy')).filter((e) => e.caseId === backfill);
    expect(entries).toHaveLength(1);
    expect(entries[0].issuer).toBe('sd-gy');
  });
});

// 条文：山东意见 一.4(1)、一.4(2)
describe('一.4(1)(2) 终本裁定 院长审签 and 上网', () => {
  it('only the 院长 signs; 退回 goes back to the 承办人; signed → 上网', async () => {
    const id = await h.open('sdZhongben', 'sd-jn-lx', 'sd-lx-chengban');
    const t = await h.task(id, 'presidentSignOff');
    expect(t.assignment).toMatchObject({ court: 'sd-jn-lx', role: '院领导' });
    const r = await (await h.s.as('sd-lx-shenpi')).post(`/api/tasks/${t.id}/complete`, { data: sample(t.formKey) });
    expect(r.status).toBe(403);
    await h.complete(id, 'presidentSignOff', { decision: '退回' });
    await h.complete(id, 'reviseZhongben');
    await h.complete(id, 'presidentSignOff', { decision: '同意' });
    await h.complete(id, 'publishZhongben');
    expect(await h.status(id)).toBe('completed');
  });
});

// 条文：山东意见 二.2
describe('二.2 信访: 督办 at once; 重点信访 on site with the 执行局长 reporting', () => {
  it('an ordinary complaint opens the executing court’s task at the instant it is registered', async () => {
    await h.setClock('2026-04-07 09:30');
    const id = await h.open('sdComplaint', 'sd-jn-zy', 'sd-gy-shencha');
    const t = await h.task(id, 'handleComplaint');
    expect(t.assignment).toMatchObject({ court: 'sd-jn-zy', role: '承办人' });
    expect(new Date((await h.view(id)).case.createdAt).toISOString()).toBe(bj('2026-04-07 09:30'));
  });

  it('a 重点信访: the 执行局长 reports, the upper court supervises on site, then the complaint is resolved', async () => {
    const id = await h.open('sdComplaint', 'sd-jn-zy', 'sd-gy-shencha', { complaintLevel: '重点信访' });
    expect((await h.task(id, 'bureauChiefReport')).assignment).toMatchObject({ court: 'sd-jn-zy', role: '审批人' });
    await h.complete(id, 'bureauChiefReport');
    expect((await h.task(id, 'onSiteSupervision')).assignment).toMatchObject({ court: 'sd-gy', role: '承办人' });
    await h.complete(id, 'onSiteSupervision');
    await h.complete(id, 'handleComplaint');
    await h.complete(id, 'reviewComplaintHandling');
    expect(await h.status(id)).toBe('completed');
  });
});
