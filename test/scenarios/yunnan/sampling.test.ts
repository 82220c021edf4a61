// 终本案件抽查 under the Yunnan package: the 昆明中院 draws 30% of the 2018 Q2 终本 cases of two 基层
// courts with a recorded seed; the five criteria are decided from the imported records with their
// evidence; a failing case is ordered back into 恢复执行 and reported; each court's 合格率 goes into
// the ledger. The periodic programme opens a sampling task every quarter (cycle set in 期限一览).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draw } from '../../../server/enforcement';
import { bj, startYunnan, type Yunnan } from './helpers';

let y: Yunnan;
beforeAll(async () => {
  y = await startYunnan('2018-07-10 09:00');
}, 180_000);
afterAll(() => y?.close());

/** Record i of a court, closed 终本 in 2018 Q2. 盘龙's odd records have no 限高 (fails criterion 3). */
function record(court: string, i: number) {
  const restricted = court === 'yn-km-wh' || i % 2 === 0;
  return {
    caseNo: `（2018）云01${court === 'yn-km-wh' ? '02' : '03'}执${100 + i}号`, court, handler: '李四',
    filedAt: '2018-01-08', closedAt: '2018-05-20', closing: '终本',
    nodes: [
      { type: '传统查控', date: '2018-01-20' },
      ...(restricted ? [{ type: '限高', date: '2018-01-22' }] : []),
      { type: '总对总查控', date: '2018-04-02' },
      { type: '终本约谈', date: '2018-05-10' },
      { type: '裁定送达', date: '2018-05-25' },
    ],
  };
}
const records = ['yn-km-wh', 'yn-km-pl'].flatMap((c) => Array.from({ length: 10 }, (_, i) => record(c, i)));

// 条文：云南整改方案 二.(三)1
describe('终本案件抽查 (云南整改方案 二.(三)1)', () => {
  let round: any;
  it('draws at least 30% per court with the seed recorded, re-drawable from it', async () => {
    const km = await y.s.as('yn-km-chengban');
    const feed = await km.post('/api/enforcement/records', { records });
    expect(feed.status, JSON.stringify(feed.body).slice(0, 300)).toBe(200);
    const low = await km.post('/api/enforcement/inspections', { package: 'yunnan', inspection: 'zhongbenSampling', closedFrom: '2018-04-01', closedTo: '2018-06-30', rate: 0.25 });
    expect(low.status).toBe(400);
    const r = await km.post('/api/enforcement/inspections', { package: 'yunnan', inspection: 'zhongbenSampling', closedFrom: '2018-04-01', closedTo: '2018-06-30', seed: 'yunnan-2018q2-0001' });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    round = r.body;
    expect(round.seed).toBe('yunnan-2018q2-0001');
    expect(round.population).toEqual({ 'yn-km-pl': 10, 'yn-km-wh': 10 });
    expect(round.sample.filter((s: any) => s.court === 'yn-km-wh')).toHaveLength(3);
    expect(round.sample.filter((s: any) => s.court === 'yn-km-pl')).toHaveLength(3);
    const again = draw(records.map((x) => ({ id: x.caseNo, court: x.court, caseNo: x.caseNo })), 0.3, round.seed);
    expect(again.sample.map((s) => s.caseNo).sort()).toEqual(round.sample.map((s: any) => s.caseNo).sort());
  });

  it('decides the five criteria from the records, with the evidence, and leaves 及时送达 to the inspector', async () => {
    const detail = (await (await y.s.as('yn-km-chengban')).get(`/api/enforcement/inspections/${round._id}`)).body;
    round = detail;
    for (const s of detail.sample) {
      const c = (await y.view(s.caseId)).case;
      const i = Number(/执(\d+)号/.exec(s.caseNo)![1]) - 100;
      const cr = c.variables.criteria;
      expect(cr.threeMonths.result, s.caseNo).toBe(true);
      expect(cr.threeMonths.evidence).toContain('立案 2018-01-08');
      expect(cr.traditionalInvestigation.result).toBe(true);
      expect(cr.consumptionRestriction.result).toBe(s.court === 'yn-km-wh' || i % 2 === 0);
      expect(cr.networkInvestigation.result).toBe(true);
      expect(cr.timelyService.result).toBe(null);
      expect(c.variables.criteriaUndecided).toContain('终本约谈与终本裁定是否及时送达');
      expect(c.supervisingCourt).toBe('yn-km-zy');
      expect(c.supervisedCourt).toBe(s.court);
    }
  });

  it('failing cases are ordered into 恢复执行 and reported; then each court\'s 合格率 is in the ledger', async () => {
    const rates: Record<string, { n: number; ok: number }> = {};
    for (const s of round.sample) {
      const ok = !(await y.variables(s.caseId)).criteriaFailed;
      rates[s.court] ??= { n: 0, ok: 0 };
      rates[s.court].n++;
      if (ok) rates[s.court].ok++;
      await y.complete(s.caseId, 'inspectCase', { conclusion: ok ? '合格' : '不合格' });
      if (ok) {
        expect(await y.status(s.caseId)).toBe('completed');
        continue;
      }
      await y.complete(s.caseId, 'orderRemedy', { remedy: '恢复执行' });
      const report = await y.task(s.caseId, 'remedyReport');
      expect(report.assignment).toMatchObject({ court: 'yn-km-pl', role: '承办人' });
      expect(report.dueAt).toBe(bj('2018-08-10 00:00'));
      await y.complete(s.caseId, 'remedyReport', { newCaseNo: '（2018）云0103执恢1号' });
    }
    expect(rates['yn-km-pl'].ok).toBeLessThan(rates['yn-km-pl'].n); // the draw holds at least one failing 盘龙 case
    const entries = await y.ledger('yn-km-shenpi', 'kind=评查&year=2018');
    for (const court of ['yn-km-wh', 'yn-km-pl']) {
      const e = entries.find((x) => x.court === court);
      const rate = Math.round((rates[court].ok / rates[court].n) * 1000) / 10;
      expect(e, court).toMatchObject({ score: rate, issuer: 'yn-km-zy' });
      expect(e!.reason).toContain('yunnan-2018q2-0001');
    }
  });

  it('the periodic programme opens 组织本期终本案件抽查 each quarter, due by the cycle\'s day', async () => {
    const id = await y.open('yunnanSamplingSchedule', 'yn-km-chengban', { programme: '2018年度终本案件定期抽查' });
    expect(await y.openIds(id)).toEqual(['runProgramme']);
    await y.setClock('2018-10-01 09:00');
    const t = await y.task(id, 'organizeSampling');
    expect(t.assignment).toMatchObject({ court: 'yn-km-zy', role: '承办人' });
    expect(t.dueAt).toBe(bj('2018-10-11 00:00'));
    await y.complete(id, 'organizeSampling', { roundId: String(round._id), seed: 'yunnan-2018q3-0001' });
    await y.complete(id, 'runProgramme');
    expect(await y.status(id)).toBe('completed');
  });
});
