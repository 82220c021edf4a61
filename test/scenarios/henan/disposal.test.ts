// 河南意见 第7、12、13、18条 on the shipped package with the manual clock: 执法记录仪 recordings
// uploaded within 3日 (overdue → 督办 at the exact instant, the upload needs its proof);
// 处置参考价 within 30日, reports to the parties within 3日 of receipt, 变价 within 10日 of the
// reference price, each overdue → 督办; 传统拍卖 only with 层报 approval 中院 → 高院 (refused and
// approved at each level, and straight to the 高院 from a 中院); 异地执行 委托 by default, 出省办理
// only on stated grounds with approval, coercive measures only with the local court recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, HIGH, KAIFENG, LANKAO, startHenan, type Henan } from './helpers';

let h: Henan;
beforeAll(async () => {
  h = await startHenan();
}, 120_000);
afterAll(() => h?.close());

const HANDLER = 'ha-lk-chengban';
const ends = async (id: string) => (await h.history(id)).filter((e) => e.type === 'eventReached').map((e) => e.element).sort();

// 条文：河南意见 第7条、第21条
describe('第7条 执法记录仪：录制完毕之日起三日内上传', () => {
  it('overdue at the exact instant → the 执行指挥中心 督办s; the upload needs its proof', async () => {
    await h.setClock('2026-11-02 18:00'); // Monday
    const id = await h.open('henanBodycam', { activity: '拘留' }, HANDLER);
    await h.complete(id, 'registerRecording', { activityAt: '2026-11-02', recordedAt: '2026-11-02' });
    // 三日 from 11-02: the last day is 11-05 (Thursday).
    expect(await h.due(id, 'uploadRecording')).toBe(bj('2026-11-06 00:00'));
    await h.setClock('2026-11-05 23:59');
    await h.expectOpen(id, ['uploadRecording']);
    await h.setClock('2026-11-06 00:00');
    await h.expectOpen(id, ['superviseUpload', 'uploadRecording']);
    expect((await h.task(id, 'superviseUpload')).assignment).toMatchObject({ court: LANKAO, role: '审查人员' });
    await h.complete(id, 'superviseUpload', { supervision: '请立即上传拘留全程录像' });

    const upload = await h.task(id, 'uploadRecording');
    const missing = await h.refused(id, 'uploadRecording', 422, { uploadedAt: '2026-11-06', category: '拘留' });
    expect(missing.details?.map((d) => d.field)).toContain('proof');
    await h.complete(id, 'uploadRecording', { uploadedAt: '2026-11-06', category: '拘留', proof: await h.upload(upload) });
    expect(await h.status(id)).toBe('completed');
    expect(await ends(id)).toEqual(['uploadSupervised', 'uploaded'].sort());
  });
});

// 条文：河南意见 第12条、第13条、第21条
describe('第12、13条 参考价三十日、报告三日、变价十日', () => {
  it('each deadline acts at its exact instant and the 指挥中心 督办s; online auction ends the case', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('henanDisposal', { property: '被执行人名下兰考县房产一套' }, HANDLER);
    await h.complete(id, 'registerDisposal', { disposalFrom: '2026-11-02' });
    // 30日 from 11-02: the last day is 12-02 (Wednesday).
    expect(await h.due(id, 'determineReferencePrice')).toBe(bj('2026-12-03 00:00'));
    await h.setClock('2026-12-02 23:59');
    await h.expectOpen(id, ['determineReferencePrice']);
    await h.setClock('2026-12-03 00:00');
    await h.expectOpen(id, ['determineReferencePrice', 'supervisePricing']);
    await h.complete(id, 'supervisePricing');

    await h.setClock('2026-12-07 09:00');
    await h.complete(id, 'determineReferencePrice', { method: '委托评估', reportReceivedAt: '2026-12-07', price: 1_200_000, priceSetAt: '2026-12-07' });
    // Reports to the parties within 3日 of receipt: the last day is 12-10.
    expect(await h.due(id, 'sendReportToParties')).toBe(bj('2026-12-11 00:00'));
    await h.setClock('2026-12-11 00:00');
    await h.expectOpen(id, ['sendReportToParties', 'superviseReportSending']);
    await h.complete(id, 'superviseReportSending');
    await h.complete(id, 'sendReportToParties', { sentAt: '2026-12-11' });
    // 变价 within 10日 of the reference price (12-07): the last day is 12-17.
    expect(await h.due(id, 'startSale')).toBe(bj('2026-12-18 00:00'));
    await h.setClock('2026-12-17 23:59');
    await h.expectOpen(id, ['startSale']);
    await h.setClock('2026-12-18 00:00');
    await h.expectOpen(id, ['startSale', 'superviseSale']);
    await h.complete(id, 'superviseSale');
    await h.complete(id, 'startSale', { saleMode: '网络司法拍卖', platformName: '人民法院诉讼资产网', startedAt: '2026-12-18' });
    expect(await h.status(id)).toBe('completed');
    expect(await ends(id)).toEqual(['pricingSupervised', 'reportSendSupervised', 'saleStarted', 'saleSupervised'].sort());
  });

  it('当事人议价 needs no report: the sale is due 10日 from the agreed price', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('henanDisposal', {}, HANDLER);
    await h.complete(id, 'registerDisposal', { disposalFrom: '2026-11-02' });
    await h.complete(id, 'determineReferencePrice', { method: '当事人议价', priceSetAt: '2026-11-02', reportReceivedAt: undefined });
    expect(await h.due(id, 'startSale')).toBe(bj('2026-11-13 00:00'));
  });

  it('传统拍卖 from a 基层 court: 层报 through the 中院 to the 高院, refused and approved at each level', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('henanDisposal', {}, HANDLER);
    await h.complete(id, 'registerDisposal', { disposalFrom: '2026-11-02' });
    await h.complete(id, 'determineReferencePrice', { method: '当事人议价', priceSetAt: '2026-11-02' });
    const traditional = { saleMode: '传统拍卖', traditionalReason: '标的物为特殊动产，网络拍卖无法展示', startedAt: '2026-11-03' };

    await h.complete(id, 'startSale', traditional);
    let review = await h.task(id, 'intermediateReview');
    expect(review.assignment).toMatchObject({ court: KAIFENG, role: '审批人' });
    // The executing court's own 执行局长 cannot approve its own request.
    expect((await h.submit(review, { decision: '同意' }, 'ha-lk-shenpi')).status).toBe(403);
    await h.complete(id, 'intermediateReview', { decision: '不同意', opinion: '应当通过网络司法拍卖' });
    await h.expectOpen(id, ['startSale']);

    await h.complete(id, 'startSale', traditional);
    await h.complete(id, 'intermediateReview', { decision: '同意' });
    review = await h.task(id, 'highCourtApproval');
    expect(review.assignment).toMatchObject({ court: HIGH, role: '审批人' });
    expect((await h.submit(review, { decision: '同意' }, 'ha-kf-shenpi')).status).toBe(403);
    await h.complete(id, 'highCourtApproval', { decision: '不同意', opinion: '不符合传统拍卖条件' });
    await h.expectOpen(id, ['startSale']);

    await h.complete(id, 'startSale', traditional);
    await h.complete(id, 'intermediateReview', { decision: '同意' });
    await h.complete(id, 'highCourtApproval', { decision: '同意' });
    await h.complete(id, 'conductTraditional', { auctioneer: '开封某拍卖有限公司', entrustedAt: '2026-11-05' });
    expect(await ends(id)).toEqual(['traditionalStarted']);
    const by = (await h.history(id)).filter((e) => e.type === 'taskCompleted' && /Review|Approval/.test(e.element ?? '')).map((e) => `${e.element}:${e.actor}`);
    expect(by).toEqual([
      'intermediateReview:ha-kf-shenpi', 'intermediateReview:ha-kf-shenpi', 'highCourtApproval:ha-gy-shenpi',
      'intermediateReview:ha-kf-shenpi', 'highCourtApproval:ha-gy-shenpi',
    ]);
  });

  it('传统拍卖 from a 中院 goes straight to the 高院', async () => {
    const id = await h.open('henanDisposal', {}, 'ha-kf-chengban');
    await h.complete(id, 'registerDisposal', { disposalFrom: '2026-11-02' });
    await h.complete(id, 'determineReferencePrice', { method: '当事人议价', priceSetAt: '2026-11-02' });
    await h.complete(id, 'startSale', { saleMode: '传统拍卖', traditionalReason: '理由', startedAt: '2026-11-02' });
    expect((await h.task(id, 'highCourtApproval')).assignment).toMatchObject({ court: HIGH, role: '审批人' });
  });
});

// 条文：河南意见 第18条、第20条
describe('第18条 异地执行', () => {
  it('出省办理 needs stated grounds and approval; refused, the matter is entrusted to the local court', async () => {
    const id = await h.open('henanRemoteEnforcement', { matter: '查封', location: '山东省济南市' }, HANDLER);
    const e = await h.refused(id, 'chooseMode', 422, { mode: '出省办理', grounds: undefined });
    expect(e.details?.map((d) => d.field)).toContain('grounds');
    await h.complete(id, 'chooseMode', { mode: '出省办理', grounds: { riskOfLoss: true } });
    expect((await h.task(id, 'approveTravel')).assignment).toMatchObject({ court: LANKAO, role: '审批人' });
    await h.complete(id, 'approveTravel', { decision: '不批准，委托当地法院办理' });
    await h.complete(id, 'chooseMode', { mode: '委托当地法院代为办理' });
    await h.complete(id, 'entrust', { entrustedCourt: '济南市历下区人民法院' });
    await h.complete(id, 'recordEntrustResult');
    expect(await ends(id)).toEqual(['entrusted']);
  });

  it('a coercive measure out of the province is recorded only with the assisting local court', async () => {
    const id = await h.open('henanRemoteEnforcement', { matter: '拘留', location: '山东省济南市' }, HANDLER);
    await h.complete(id, 'chooseMode', { mode: '出省办理', grounds: { cannotEntrust: true } });
    await h.complete(id, 'approveTravel', { decision: '批准出省办理' });
    const e = await h.refused(id, 'executeRemotely', 422, { coercive: '是', assistingCourt: undefined, assistingContact: undefined });
    expect(e.details?.map((d) => d.field).sort()).toEqual(['assistingContact', 'assistingCourt']);
    await h.complete(id, 'executeRemotely', { coercive: '是', assistingCourt: '济南市历下区人民法院', assistingContact: '历下法院执行局王某' });
    expect(await ends(id)).toEqual(['remoteDone']);
  });
});
