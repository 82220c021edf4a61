// 白山 执行监督 walked through HTTP with the manual clock around 国庆 2026 (10-01..10-07 holiday):
// the supervised court is 浑江法院 (jl-bs-hj), a 基层 court of 白山中院 (jl-bs-zy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bj, START_DATA, startBaishan, type Baishan } from './helpers';

let h: Baishan;
beforeAll(async () => {
  h = await startBaishan();
}, 180_000); // every shipped package is installed at first start
afterAll(() => h?.close());

describe('受理：第三条所列情形至少一项 (白山规定 第三条、第二条)', () => {
  it('no source ticked is refused with the field named, nothing is opened', async () => {
    await h.setClock('2026-09-28 10:00');
    const r = await (await h.s.as('jl-bs-shencha')).post('/api/cases', {
      process: 'baishanSupervision', supervisedCourt: 'jl-bs-hj',
      data: { ...START_DATA, sources: { s1: false, s2: false, s3: false, s5: false, s6: false, s7: false } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(JSON.stringify(r.body)).toContain('sources');
  });

  it('a 基层 court cannot open a supervision of itself; 白山中院 cannot supervise itself with this process', async () => {
    const own = await (await h.s.as('jl-hj-chengban')).post('/api/cases', { process: 'baishanSupervision', supervisedCourt: 'jl-bs-hj', data: START_DATA });
    expect(own.status).toBe(403);
    const self = await (await h.s.as('jl-bs-shencha')).post('/api/cases', { process: 'baishanSupervision', supervisedCourt: 'jl-bs-zy', data: START_DATA });
    expect(self.status).toBe(403);
  });
});

describe('审查后处理正确：局长批准径行答复 (白山规定 第五条)', () => {
  it('reviewed by a 审查人员 of 白山中院 within the 规定时限 (10日 from 09-28: due 10-09 00:00)', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj');
    const t = await h.task(id, 'reviewMatter');
    expect(t.assignment).toEqual({ court: 'jl-bs-zy', role: '审查人员' });
    expect(t.dueAt && new Date(t.dueAt).toISOString()).toBe(bj('2026-10-09 00:00'));
    expect(t.basis).toBe('白山规定 第三条、第五条、第九条');
    await h.refused(id, 'reviewMatter', 'jl-bs-chengban', 403);
    await h.complete(id, 'reviewMatter', { conclusion: '执行法院处理正确，拟径行答复', replyDraft: '执行法院的查封裁定正确。' });
    const a = await h.task(id, 'approveReply');
    expect(a.assignment).toEqual({ court: 'jl-bs-zy', role: '审批人' });
    // Only the 局长 (审批人) approves a reply; the 审查人员 may not approve their own conclusion.
    await h.refused(id, 'approveReply', 'jl-bs-shencha', 403);
    await h.complete(id, 'approveReply', { decision: '批准径行答复' });
    expect(await h.status(id)).toBe('completed');
  });

  it('the 局长 refusing the reply sends the matter to a 督办函', async () => {
    const id = await h.open('baishanSupervision', 'jl-bs-hj');
    await h.complete(id, 'reviewMatter', { conclusion: '执行法院处理正确，拟径行答复', replyDraft: '拟答复。' });
    await h.complete(id, 'approveReply', { decision: '不批准，实行监督' });
    await h.expectOpen(id, ['draftSupervisionLetter']);
  });
});

describe('督办函五日内作出、局长审批后发出，执行法院按期上报材料 (白山规定 第五条、第六条、第四条)', () => {
  let id: string;
  it('督办函 is due five days after the review (10-08 → day 5 is 10-13: due 10-14 00:00)', async () => {
    await h.setClock('2026-09-28 10:00');
    id = await h.open('baishanSupervision', 'jl-bs-hj');
    await h.setClock('2026-10-08 10:00');
    await h.complete(id, 'reviewMatter');
    const t = await h.task(id, 'draftSupervisionLetter');
    expect(t.assignment).toEqual({ court: 'jl-bs-zy', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-14 00:00'));
  });

  it('the 局长 may send it back; approved, the 承办人 sends it and only then is the 督办函 issued to 浑江法院 with the draft’s items', async () => {
    await h.complete(id, 'draftSupervisionLetter', { reportDate: '2026-10-20' });
    await h.refused(id, 'approveSupervisionLetter', 'jl-bs-chengban', 403, { decision: '同意发出' });
    await h.complete(id, 'approveSupervisionLetter', { decision: '退回修改', opinion: '补充办理要求。' });
    expect((await (await h.s.as('jl-bs-chengban')).get(`/api/cases/${id}/documents`)).body.documents).toEqual([]);
    await h.complete(id, 'draftSupervisionLetter', { requirements: '十日内查封并上报材料。', reportDate: '2026-10-20' });
    await h.complete(id, 'approveSupervisionLetter', { decision: '同意发出' });
    expect((await (await h.s.as('jl-bs-chengban')).get(`/api/cases/${id}/documents`)).body.documents).toEqual([]);
    await h.complete(id, 'sendSupervisionLetter');
    const r = await (await h.s.as('jl-hj-chengban')).get(`/api/cases/${id}/documents`);
    expect(r.status).toBe(200);
    expect(r.body.documents).toHaveLength(1);
    expect(r.body.documents[0]).toMatchObject({
      kind: 'supervisionLetter', name: '督办函', number: '（2026）吉06执督函1号', element: 'sendSupervisionLetter',
      issuer: { court: 'jl-bs-zy', courtName: '白山市中级人民法院' }, recipient: { court: 'jl-bs-hj', courtName: '白山市浑江区人民法院' },
    });
  });

  it('浑江法院 reports its materials by the set date (due 10-21 00:00); the report goes to 白山中院’s 承办人', async () => {
    const t = await h.task(id, 'reportMaterials');
    expect(t.assignment).toEqual({ court: 'jl-bs-hj', role: '承办人' });
    expect(new Date(t.dueAt!).toISOString()).toBe(bj('2026-10-21 00:00'));
    expect(await h.timer(id, 'materialsOverdue')).toBe(bj('2026-10-21 00:00'));
    await h.complete(id, 'reportMaterials');
    await h.expectOpen(id, ['reviewHandling']);
    expect((await h.task(id, 'reviewHandling')).assignment).toEqual({ court: 'jl-bs-zy', role: '承办人' });
    await h.complete(id, 'reviewHandling', { decision: '监督办结' });
    expect(await h.status(id)).toBe('completed');
  });
});

describe('派人汇报与逾期通报批评 (白山规定 第六条、第十九条)', () => {
  it('派人汇报: the executing court records who came; not done by the set day, the 局长 must 通报批评, the task stays open', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj', { receivedAt: '2026-11-02' });
    await h.complete(id, 'reviewMatter');
    await h.complete(id, 'draftSupervisionLetter', { reportMode: '派人汇报', reportDate: '2026-11-10' });
    await h.complete(id, 'approveSupervisionLetter');
    await h.complete(id, 'sendSupervisionLetter');
    await h.expectOpen(id, ['reportInPerson']);
    await h.until(id, 'briefingOverdue');
    await h.expectOpen(id, ['issueCriticism', 'reportInPerson']);
    expect((await h.task(id, 'issueCriticism')).assignment).toEqual({ court: 'jl-bs-zy', role: '审批人' });
    await h.complete(id, 'issueCriticism', { ground: '未按要求上报材料或派人汇报（违反第六条）', bureauChief: '浑江法院执行局长', responsiblePersons: [{ name: '浑江法院书记员' }] });
    await h.complete(id, 'reportInPerson');
    await h.complete(id, 'reviewHandling');
    expect(await h.status(id)).toBe('completed');
  });
});

describe('督促执行令 (白山规定 第七条、第十九条)', () => {
  it('the order sets its period; not executed in time, the 局长 通报批评 and may 移送纪检监察', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj', { receivedAt: '2026-11-02' });
    await h.complete(id, 'reviewMatter');
    await h.complete(id, 'draftSupervisionLetter', { reportDate: '2026-11-10' });
    await h.complete(id, 'approveSupervisionLetter');
    await h.complete(id, 'sendSupervisionLetter');
    await h.complete(id, 'reportMaterials');
    await h.complete(id, 'reviewHandling', { decision: '发出督促执行令' });
    await h.setClock('2026-11-04 15:00');
    await h.complete(id, 'issueEnforcementOrder', { ground: '应当依法实施具体执行行为而不实施', compliancePeriod: 10 });
    const docs = (await (await h.s.as('jl-hj-chengban')).get(`/api/cases/${id}/documents`)).body.documents;
    expect(docs.map((d: { kind: string; number: string }) => [d.kind, d.number])).toContainEqual(['enforcementOrder', '（2026）吉06执督令1号']);
    // 10日 from 11-04: day 10 is 11-14 (a Saturday) → rolls to Monday 11-16, due 11-17 00:00.
    expect(await h.due(id, 'complyWithOrder')).toBe(bj('2026-11-17 00:00'));
    await h.until(id, 'orderOverdue');
    await h.expectOpen(id, ['complyWithOrder', 'issueCriticism']);
    await h.complete(id, 'issueCriticism', { ground: '未按督促执行令限期执行（违反第七条）', bureauChief: '浑江法院执行局长', responsiblePersons: [{ name: '浑江法院书记员' }], discipline: true });
    expect((await h.task(id, 'transferToDiscipline')).assignment).toEqual({ court: 'jl-bs-zy', role: '承办人' });
    await h.complete(id, 'transferToDiscipline', { facts: '消极执行，经督促仍不执行。' });
    await h.complete(id, 'complyWithOrder');
    await h.complete(id, 'reviewHandling');
    expect(await h.status(id)).toBe('completed');
    const kinds = (await h.ledger()).filter((e) => e.caseId === id && e.source === 'process').map((e) => e.kind).sort();
    expect(kinds).toEqual(['移送纪检监察', '通报批评']);
  });
});

describe('提级执行、指定执行、共同执行与共同制定执行方案 (白山规定 第八条、第十九条)', () => {
  const toMeasure = async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj', { receivedAt: '2026-11-02' });
    await h.complete(id, 'reviewMatter');
    await h.complete(id, 'draftSupervisionLetter', { reportDate: '2026-11-10' });
    await h.complete(id, 'approveSupervisionLetter');
    await h.complete(id, 'sendSupervisionLetter');
    await h.complete(id, 'reportMaterials');
    await h.complete(id, 'reviewHandling', { decision: '提级执行、指定执行或共同执行' });
    expect((await h.task(id, 'decideMeasure')).assignment).toEqual({ court: 'jl-bs-zy', role: '审批人' });
    return id;
  };

  it('提级执行: 白山中院 takes the case over and the supervision ends', async () => {
    const id = await toMeasure();
    await h.complete(id, 'decideMeasure', { measure: '提级执行', rulingNo: '（2026）吉06执监1号', reportDate: undefined, plan: undefined });
    expect(await h.status(id)).toBe('completed');
  });

  it('指定执行: the designated 临江法院 reports, 浑江法院 no longer has the task', async () => {
    const id = await toMeasure();
    await h.complete(id, 'decideMeasure', { measure: '指定执行', designatedCourt: 'jl-bs-lj', rulingNo: '（2026）吉06执监2号', reportDate: '2026-12-15' });
    expect((await h.task(id, 'implementMeasure')).assignment).toEqual({ court: 'jl-bs-lj', role: '承办人' });
    await h.refused(id, 'implementMeasure', 'jl-hj-chengban', 403);
    await h.complete(id, 'implementMeasure', {}, 'jl-lj-chengban');
    expect((await h.variables(id)).executingCourt).toBe('jl-bs-hj');
  });

  it('共同制定执行方案 not followed by its date: 通报批评 (违反第八条)', async () => {
    const id = await toMeasure();
    await h.complete(id, 'decideMeasure', { measure: '共同制定执行方案', reportDate: '2026-11-30' });
    expect(await h.due(id, 'implementMeasure')).toBe(bj('2026-12-01 00:00'));
    await h.until(id, 'measureOverdue');
    await h.expectOpen(id, ['implementMeasure', 'issueCriticism']);
  });
});

describe('群体上访处理不力：通报批评，监督继续 (白山规定 第十八条)', () => {
  it('the criticism and the continuing review are both open', async () => {
    await h.setClock('2026-11-02 09:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj', { receivedAt: '2026-11-02', sources: { s2: true } });
    await h.complete(id, 'reviewMatter');
    await h.complete(id, 'draftSupervisionLetter', { reportDate: '2026-11-10' });
    await h.complete(id, 'approveSupervisionLetter');
    await h.complete(id, 'sendSupervisionLetter');
    await h.complete(id, 'reportMaterials');
    await h.complete(id, 'reviewHandling', { decision: '通报批评（不积极处理群体上访）' });
    await h.expectOpen(id, ['issueCriticism', 'reviewHandling']);
  });
});

describe('规定时限、特事特办与执行局长批准延长 (白山规定 第九条)', () => {
  it('特事特办: an urgent matter is reviewed within 2日 (received 09-28: due 10-01 00:00)', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj', { urgent: true, urgentReason: '市委政法委批示要求三日内报结果。' });
    await h.expectOpen(id, ['reviewUrgent']);
    expect(await h.due(id, 'reviewUrgent')).toBe(bj('2026-10-01 00:00'));
    await h.complete(id, 'reviewUrgent');
    await h.expectOpen(id, ['draftSupervisionLetter']);
  });

  it('the 60-day limit reached: only the 执行局长 extends it; the extended date is watched again', async () => {
    await h.setClock('2026-09-28 10:00');
    const id = await h.open('baishanSupervision', 'jl-bs-hj');
    await h.complete(id, 'reviewMatter');
    await h.complete(id, 'draftSupervisionLetter', { reportDate: '2026-12-31' });
    await h.complete(id, 'approveSupervisionLetter');
    await h.complete(id, 'sendSupervisionLetter');
    // 60日 from 09-28: day 60 is 11-27 (a Friday) → due 11-28 00:00.
    expect(await h.until(id, 'handlingLimit')).toBe(bj('2026-11-28 00:00'));
    await h.expectOpen(id, ['decideExtension', 'reportMaterials']);
    await h.refused(id, 'decideExtension', 'jl-bs-chengban', 403);
    await h.complete(id, 'decideExtension', { decision: '批准延长', extendedUntil: '2026-12-20' });
    await h.expectOpen(id, ['reportMaterials']);
    expect(await h.until(id, 'extendedLimit')).toBe(bj('2026-12-21 00:00'));
    await h.complete(id, 'decideExtension', { decision: '不予延长，督促从速办结', extendedUntil: undefined });
    await h.expectOpen(id, ['reportMaterials']);
    await h.complete(id, 'reportMaterials');
    await h.complete(id, 'reviewHandling');
    expect(await h.status(id)).toBe('completed');
  });
});
