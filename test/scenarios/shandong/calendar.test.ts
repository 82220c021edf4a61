// The calendar side of the Shandong package, on one 2026 timeline with the manual clock:
// 二.1 / 四.2 timer start events (每个工作日 9:00 点名, 每周一 网上巡查 with 通报 in the ledger, 每月 现场督导 of each 中院);
// 一.4(4) the 终本 self-check by the fixed date 4月15日; 四.3 the 自查报告 by the fixed date 6月10日 with
// its warning 5 days before at the exact instant; the 6月中旬 验收考核 whose form takes the last three
// 中院 and 基层 courts of the ledger's 法院排名, and the 问责 step that records 追责 against them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startShandong, type Shandong } from './helpers';

let h: Shandong;
let selfCheck: string;
const reports: Record<string, string> = {};

beforeAll(async () => {
  h = await startShandong('2026-03-02 10:00'); // 星期一: the platform's first start, the package installed
  selfCheck = await h.open('sdZhongbenSelfCheck', 'sd-jn-zy', 'sd-gy-chengban');
  for (const court of ['sd-jn-zy', 'sd-qd-zy']) reports[court] = await h.open('sdSelfReport', court, 'sd-gy-chengban');
}, 180_000);
afterAll(() => h?.close());

// 条文：山东意见 二.1、二.4、四.2
describe('二.1 / 四.2 cases started by the timer start events', () => {
  it('每日点名: a case for the 高院 at each working day 9:00, not before; its task is due that day', async () => {
    await h.setClock('2026-03-03 08:59');
    expect(await h.casesOf('sdRollCall')).toHaveLength(0);
    await h.setClock('2026-03-03 09:00');
    const [c] = await h.casesOf('sdRollCall');
    const v = await h.view(c.id);
    expect(v.case).toMatchObject({ supervisingCourt: 'sd-gy', supervisedCourt: 'sd-gy' });
    expect(new Date(v.case.createdAt).toISOString()).toBe(bj('2026-03-03 09:00'));
    const t = await h.task(c.id, 'rollCall');
    expect(t.assignment).toMatchObject({ court: 'sd-gy', role: '审批人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-03-04 00:00'));
    await h.complete(c.id, 'rollCall');
    await h.setClock('2026-03-04 09:00');
    expect(await h.casesOf('sdRollCall')).toHaveLength(2);
  });

  it('网上巡查 every Monday 9:00; a 通报 of two 中院 is two 情况通报 in the ledger', async () => {
    await h.setClock('2026-03-09 08:59');
    expect(await h.casesOf('sdOnlinePatrol')).toHaveLength(0);
    await h.setClock('2026-03-09 09:00');
    const [c] = await h.casesOf('sdOnlinePatrol');
    await h.complete(c.id, 'patrolReview', { notice: '需要通报', noticedCourts: ['sd-qd-zy', 'sd-yt-zy'] });
    await h.complete(c.id, 'patrolNotice');
    const entries = (await h.ledger('情况通报')).filter((e) => e.caseId === c.id);
    expect(entries.map((e) => e.court).sort()).toEqual(['sd-qd-zy', 'sd-yt-zy']);
  });

  it('逐月现场督导: on the first of the month, one case per 中院, the 高院 inspecting by the month’s end', async () => {
    await h.setClock('2026-04-01 00:00');
    const cases = await h.casesOf('sdOnSiteInspection');
    expect(cases.map((c) => c.supervisedCourt).sort()).toEqual(['sd-jn-zy', 'sd-qd-zy', 'sd-rz-zy', 'sd-wf-zy', 'sd-yt-zy', 'sd-zb-zy']);
    const jn = cases.find((c) => c.supervisedCourt === 'sd-jn-zy')!;
    const t = await h.task(jn.id, 'onSiteInspection');
    expect(t.assignment).toMatchObject({ court: 'sd-gy', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-05-01 00:00'));
    await h.complete(jn.id, 'onSiteInspection');
    expect((await h.task(jn.id, 'rectificationReport')).assignment).toMatchObject({ court: 'sd-jn-zy', role: '承办人' });
  });
});

// 条文：山东意见 一.4(4)
describe('一.4(4) 终本 self-check report by 4月15日', () => {
  it('the 中院 report is due 4月15日 24时; a 一般性违规 is corrected and 通报 in the ledger', async () => {
    expect(await h.due(selfCheck, 'zhongbenSelfCheckReport')).toBe(bj('2026-04-16 00:00'));
    await h.complete(selfCheck, 'zhongbenSelfCheckReport');
    await h.complete(selfCheck, 'reviewZhongbenSelfCheck', { finding: '一般性违规' });
    await h.complete(selfCheck, 'orderCorrection');
    expect((await h.ledger('情况通报', 'sd-jn-zy')).filter((e) => e.caseId === selfCheck)).toHaveLength(1);
  });
});

// 条文：山东意见 四.3
describe('四.3 自查报告 by 6月10日, warned 5 days before', () => {
  it('due 6月10日 24时, the warning at 6月5日 0时 exactly; a court that reported is not warned', async () => {
    for (const id of Object.values(reports)) {
      expect(await h.due(id, 'selfAssessmentReport')).toBe(bj('2026-06-11 00:00'));
      expect(await h.timer(id, 'selfReportWarning')).toBe(bj('2026-06-05 00:00'));
    }
    await h.setClock('2026-06-01 10:00');
    await h.complete(reports['sd-jn-zy'], 'selfAssessmentReport');
    await h.setClock('2026-06-04 23:59');
    await h.expectOpen(reports['sd-qd-zy'], ['selfAssessmentReport']);
    await h.setClock('2026-06-05 00:00');
    await h.expectOpen(reports['sd-qd-zy'], ['remindSelfReport', 'selfAssessmentReport']);
    expect((await h.task(reports['sd-qd-zy'], 'remindSelfReport')).assignment).toMatchObject({ court: 'sd-gy', role: '承办人' });
    await h.expectOpen(reports['sd-jn-zy'], ['receiveSelfReport']);
  });
});

// 条文：山东意见 四.3
describe('四.3 验收考核: the last three 中院 and 基层 courts by the ranking answer for it', () => {
  it('the ranking puts three 中院 and three 基层 courts at the bottom', async () => {
    const leader = await h.s.as('sd-gy-lingdao');
    const criticise = async (court: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await leader.post('/api/ledger', { kind: '通报批评', court, reason: '网上巡查发现节点信息长期未录入' });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    };
    await criticise('sd-rz-zy', 4);
    await criticise('sd-wf-zy', 3);
    await criticise('sd-zb-zy', 2);
    await criticise('sd-qd-jm', 3);
    await criticise('sd-yt-zf', 2);
    await criticise('sd-rz-dg', 1);
    const mid = await leader.get('/api/ledger/ranking?year=2026&level=中院');
    expect(mid.status).toBe(200);
    expect(mid.body.declaredBy).toBe('shandong');
    expect(mid.body.rows.slice(-3).map((r: { court: string }) => r.court)).toEqual(['sd-zb-zy', 'sd-wf-zy', 'sd-rz-zy']);
    const basic = await leader.get('/api/ledger/ranking?year=2026&level=基层');
    expect(basic.body.rows.slice(-3).map((r: { court: string }) => r.court)).toEqual(['sd-rz-dg', 'sd-yt-zf', 'sd-qd-jm']);
  });

  it('the 验收考核 form shows them; the 问责 step records 追责 against each of the six', async () => {
    await h.setClock('2026-06-15 10:00');
    const id = await h.open('sdAcceptance', 'sd-gy', 'sd-gy-chengban', { noticeYear: 2026 });
    const t = await h.task(id, 'acceptanceCheck');
    const shown = await (await h.s.as('sd-gy-chengban')).get(`/api/tasks/${t.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.prefill.lastThree).toEqual(['sd-rz-zy', 'sd-wf-zy', 'sd-zb-zy', 'sd-qd-jm', 'sd-yt-zf', 'sd-rz-dg']);
    expect(shown.body.prefill.lastThreeList).toContain('日照市中级人民法院');
    // Whatever the browser sends for the list, the server's ranking stands.
    await h.complete(id, 'acceptanceCheck', { lastThree: ['sd-jn-zy'] });
    expect((await h.task(id, 'rankingAccountability')).assignment).toMatchObject({ court: 'sd-gy', role: '院领导' });
    await h.complete(id, 'rankingAccountability');
    expect(await h.status(id)).toBe('completed');
    const entries = (await h.ledger('追责')).filter((e) => e.caseId === id);
    expect(entries.map((e) => e.court).sort()).toEqual(['sd-qd-jm', 'sd-rz-dg', 'sd-rz-zy', 'sd-wf-zy', 'sd-yt-zf', 'sd-zb-zy']);
  });
});
