// The Yunnan package's single-court procedures on one platform: 实际执行完毕 报结 only with a
// confirmation document attached, 传统拍卖 only with the 院长's approval and filed level by level
// up to the 高院, a 执行事项委托 left undone → 重点督办 → 问责, and 分级考核 into the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, startYunnan, type Yunnan } from './helpers';

let y: Yunnan;
beforeAll(async () => {
  y = await startYunnan('2018-02-05 09:00');
}, 180_000);
afterAll(() => y?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('实际执行完毕报结 (云南整改方案 二.(三)1)', () => {
  it('is refused without a 执行完毕笔录, 说明 or 结案通知书 attached, and goes on once one is', async () => {
    const id = await y.open('yunnanActualClosure', 'yn-wh-chengban', { enforcementCaseNo: '（2018）云0102执12号', parties: '甲诉乙', amount: 120000 });
    const t = await y.task(id, 'closureMaterials');
    expect(t.assignment).toMatchObject({ court: 'yn-km-wh', role: '承办人' });
    const bare = await y.attempt(id, 'closureMaterials', 'yn-wh-chengban');
    expect(bare.status).toBe(422);
    expect(bare.body.error.details).toEqual([expect.objectContaining({ field: 'confirmation', label: '确认文书（扫描件）' })]);
    expect(await y.openIds(id)).toEqual(['closureMaterials']);

    const { agent, csrfToken } = await y.s.p.login('yn-wh-chengban');
    const up = await agent.post(`/api/attachments?task=${t.id}`).set('X-CSRF-Token', csrfToken).attach('file', PDF, { filename: '执行完毕笔录.pdf', contentType: 'application/pdf' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await y.complete(id, 'closureMaterials', { confirmation: [{ storage: 'url', name: up.body.name, url: up.body.url, size: up.body.size, type: up.body.type, data: up.body }] });
    // The 审批人 sends it back once; it returns to the 承办人, then is approved.
    await y.complete(id, 'closureApproval', { decision: '退回补正', opinion: '笔录未签字' });
    expect(await y.openIds(id)).toEqual(['closureMaterials']);
    expect((await y.attempt(id, 'closureMaterials', 'yn-wh-chengban')).status).toBe(422);
    const t2 = await y.task(id, 'closureMaterials');
    const up2 = await agent.post(`/api/attachments?task=${t2.id}`).set('X-CSRF-Token', csrfToken).attach('file', PDF, { filename: '结案通知书.pdf', contentType: 'application/pdf' });
    await y.complete(id, 'closureMaterials', { documentKind: ['结案通知书'], confirmation: [{ storage: 'url', name: up2.body.name, url: up2.body.url, size: up2.body.size, type: up2.body.type, data: up2.body }] });
    await y.complete(id, 'closureApproval');
    expect(await y.status(id)).toBe('completed');
    expect((await y.history(id)).some((e) => e.type === 'eventReached' && e.element === 'closedAsPerformed')).toBe(true);
  });
});

describe('传统拍卖 (云南整改方案 二.(五)2)', () => {
  it('without the 院长\'s approval it is refused: the 承办人 cannot approve it, and a 不批准 ends it with nothing filed', async () => {
    const id = await y.open('yunnanTraditionalAuction', 'yn-wh-chengban', { enforcementCaseNo: '（2018）云0102执30号', property: '古籍一批', reason: '文物类标的物' });
    expect((await y.task(id, 'presidentApproval')).assignment).toMatchObject({ court: 'yn-km-wh', role: '院领导' });
    expect((await y.attempt(id, 'presidentApproval', 'yn-wh-chengban')).status).toBe(403);
    expect((await y.attempt(id, 'presidentApproval', 'yn-wh-shenpi')).status).toBe(403);
    await y.complete(id, 'presidentApproval', { decision: '不批准', opinion: '应当网络拍卖' });
    expect(await y.openIds(id)).toEqual([]);
    const h = await y.history(id);
    expect(h.some((e) => e.type === 'eventReached' && e.element === 'auctionRefused')).toBe(true);
    expect(h.some((e) => e.element === 'intermediateFiling' || e.element === 'highCourtFiling')).toBe(false);
  });

  it('approved by the 院长 of a 基层 court, it is filed with the 中院 and then the 高院', async () => {
    const id = await y.open('yunnanTraditionalAuction', 'yn-wh-chengban', { enforcementCaseNo: '（2018）云0102执31号', property: '古籍一批', reason: '文物类标的物' });
    await y.complete(id, 'presidentApproval');
    expect((await y.task(id, 'intermediateFiling')).assignment).toMatchObject({ court: 'yn-km-zy', role: '承办人' });
    await y.complete(id, 'intermediateFiling');
    expect((await y.task(id, 'highCourtFiling')).assignment).toMatchObject({ court: 'yn-gy', role: '承办人' });
    await y.complete(id, 'highCourtFiling');
    expect(await y.status(id)).toBe('completed');
    expect((await y.history(id)).some((e) => e.type === 'eventReached' && e.element === 'auctionFiled')).toBe(true);
  });
});

describe('执行事项委托 (云南整改方案 二.(六)2)', () => {
  it('left undone thirty days → 重点督办; fifteen days more → 问责, both in the ledger', async () => {
    await y.setClock('2018-05-02 09:00');
    const id = await y.open('yunnanEntrustment', 'yn-km-chengban', { enforcementCaseNo: '（2018）云01执88号', matter: '查封被执行人名下房产', entrustedAt: '2018-05-02' }, 'yn-km-pl');
    expect((await y.task(id, 'entrustmentHandling')).assignment).toMatchObject({ court: 'yn-km-pl', role: '承办人' });
    const due = await y.timer(id, 'entrustmentOverdue');
    expect(due).toBe(bj('2018-06-02 00:00'));
    await y.setClock('2018-06-02 09:00');
    expect(await y.openIds(id)).toEqual(['entrustmentHandling', 'keySupervision']);
    await y.complete(id, 'keySupervision');
    expect((await y.ledger('yn-km-shenpi', 'kind=重点督办&year=2018')).map((e) => [e.court, e.issuer])).toEqual([['yn-km-pl', 'yn-km-zy']]);
    // Fifteen days from 2 June end on Sunday 17 June; Monday 18 June is 端午节: the last day rolls to the 19th.
    expect(await y.timer(id, 'afterKeySupervision')).toBe(bj('2018-06-20 00:00'));
    await y.setClock('2018-06-20 09:00');
    await y.complete(id, 'accountability');
    const acc = await y.ledger('yn-km-shenpi', 'kind=追责&year=2018');
    expect(acc.map((e) => e.court)).toEqual(['yn-km-pl']);
    expect(acc[0].reason).toContain('经重点督办仍不办理');
    // Handling it at last closes the case: nothing is left waiting.
    await y.complete(id, 'entrustmentHandling');
    expect(await y.status(id)).toBe('completed');
  });

  it('done in time, nothing is recorded', async () => {
    const id = await y.open('yunnanEntrustment', 'yn-km-chengban', { enforcementCaseNo: '（2018）云01执89号', matter: '调查被执行人财产', entrustedAt: '2018-06-01' }, 'yn-km-wh');
    await y.complete(id, 'entrustmentHandling');
    expect(await y.status(id)).toBe('completed');
    expect((await y.view(id)).timers).toEqual([]);
  });
});

describe('分级考核 (云南整改方案 二.(一)、三.(二))', () => {
  it('the 高院 rates a 中院; the approved score and grade go into the ledger for the year assessed', async () => {
    const id = await y.open('yunnanGradedAssessment', 'yn-gy-chengban', { assessmentTitle: '2017年度执行工作绩效考核' }, 'yn-km-zy');
    expect(await y.openIds(id)).toEqual(['assessCourt']);
    await y.complete(id, 'assessCourt', { assessmentYear: 2017, score: 86.5, grade: '良好' });
    await y.complete(id, 'approveAssessment');
    const entries = (await y.ledger('yn-gy-shenpi', 'kind=考核&year=2017')).filter((e) => e.caseId === id);
    expect(entries).toEqual([expect.objectContaining({ court: 'yn-km-zy', issuer: 'yn-gy', score: 86.5, grade: '良好', year: 2017 })]);
    expect(entries[0].reason).toContain('首次执行案件实际执行到位率 45%');
  });

  it('a 中院 rates only the courts below it', async () => {
    const r = await (await y.s.as('yn-km-chengban')).post('/api/cases', { process: 'yunnanGradedAssessment', supervisedCourt: 'yn-hh-mz', data: { assessmentTitle: '2017年度' } });
    expect(r.status).toBe(403);
    await y.open('yunnanGradedAssessment', 'yn-km-chengban', { assessmentTitle: '2017年度' }, 'yn-km-wh');
  });
});
