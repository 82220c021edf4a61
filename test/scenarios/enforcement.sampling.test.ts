// Sampled inspection of 终本 cases (issue 16) on the shipped demonstration package
// processes/yunnan (its 终本抽查, 云南整改方案 二.(三)1): 1,000 records of four 基层 courts, 30% drawn stratified by court
// (each court within one record of 30%), the seed recorded and re-drawing the same sample, the
// five criteria decided from the data with evidence, and each court's 合格率 in the ledger.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draw, sampleKey } from '../../server/enforcement';
import { startTestPlatform, type SignedIn, type TestPlatform } from '../api/helpers/testPlatform';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let p: TestPlatform;
let km: SignedIn; // 昆明中院 承办人

const COURTS = ['yn-km-wh', 'yn-km-pl', 'yn-km-gd'];
const SIZES = [500, 333, 167];
const all = COURTS.flatMap((c, k) => Array.from({ length: SIZES[k] }, (_, i) => record(c, i)));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duban-sampling-'));
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'yunnan'), path.join(dir, kind, 'yunnan'), { recursive: true });
  p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' }, packagesRoot: dir });
  const admin = await p.login('yn-admin');
  await admin.agent.post('/api/clock').set('X-CSRF-Token', admin.csrfToken).send({ set: '2026-07-10T02:00:00Z' });
  km = await p.login('yn-km-chengban');
  const feed = await km.agent.post('/api/enforcement/records').set('X-CSRF-Token', km.csrfToken).send({ records: all });
  expect(feed.status, JSON.stringify(feed.body).slice(0, 500)).toBe(200);
  expect(feed.body.created).toBe(1000);
}, 180_000);
afterAll(async () => {
  await p?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Record i of a court: closed 终本 in 2026 Q2; its nodes vary so that every criterion meets both outcomes. */
function record(court: string, i: number) {
  const quick = i % 5 === 0; // closed within three months of 立案
  const nodes = [
    ...(i % 3 ? [{ type: '传统查控', date: '2026-01-20' }] : []),
    ...(i % 4 ? [{ type: '限高', date: '2026-01-21' }] : []),
    ...(i % 2 ? [{ type: '总对总查控', date: '2026-04-01' }] : [{ type: '总对总查控', date: '2026-01-10' }]),
    ...(i % 7 ? [{ type: '终本约谈', date: '2026-05-10' }, { type: '裁定送达', date: '2026-05-20' }] : []),
  ];
  return { caseNo: `（2026）云${court}执${i}号`, court, handler: '李四', filedAt: quick ? '2026-03-10' : '2026-01-05', closedAt: '2026-05-15', closing: '终本', nodes };
}

describe('终本 sampling', () => {
  it('draws 30% per court with a recorded seed, decides the criteria and records 合格率', async () => {

    const refused = await km.agent.post('/api/enforcement/inspections').set('X-CSRF-Token', km.csrfToken)
      .send({ package: 'yunnan', inspection: 'zhongbenSampling', closedFrom: '2026-04-01', closedTo: '2026-06-30', rate: 0.2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].message).toContain('30%');

    const res = await km.agent.post('/api/enforcement/inspections').set('X-CSRF-Token', km.csrfToken)
      .send({ package: 'yunnan', inspection: 'zhongbenSampling', closedFrom: '2026-04-01', closedTo: '2026-05-31', rate: 0.3 });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    const round = res.body;
    expect(round.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(round.population).toEqual({ 'yn-km-gd': 167, 'yn-km-pl': 333, 'yn-km-wh': 500 });
    for (const [k, court] of COURTS.entries()) {
      const n = round.sample.filter((s: any) => s.court === court).length;
      expect(Math.abs(n - SIZES[k] * 0.3), court).toBeLessThanOrEqual(1);
      expect(n).toBeGreaterThanOrEqual(SIZES[k] * 0.3);
    }
    expect(round.started).toBe(round.sample.length);

    // Re-checkable: the documented algorithm with the recorded seed gives the same sample.
    const again = draw(all.map((r) => ({ id: r.caseNo, court: r.court, caseNo: r.caseNo })), 0.3, round.seed);
    expect(again.sample.map((s) => s.caseNo).sort()).toEqual(round.sample.map((s: any) => s.caseNo).sort());
    expect(round.sample[0].key).toBe(sampleKey(round.seed, round.sample[0].court, round.sample[0].caseNo));
    const other = draw(all.map((r) => ({ id: r.caseNo, court: r.court, caseNo: r.caseNo })), 0.3, 'another-seed-1234');
    expect(other.sample.map((s) => s.caseNo).sort()).not.toEqual(round.sample.map((s: any) => s.caseNo).sort());
    // The same seed given to the server draws the same sample again (a preview starts nothing).
    const repeat = await km.agent.post('/api/enforcement/inspections').set('X-CSRF-Token', km.csrfToken)
      .send({ package: 'yunnan', inspection: 'zhongbenSampling', closedFrom: '2026-04-01', closedTo: '2026-05-31', rate: 0.3, seed: round.seed, courts: ['yn-km-gd'], preview: true });
    expect(repeat.status).toBe(201);
    expect(repeat.body.started).toBe(0);
    expect(repeat.body.sample.map((s: any) => s.caseNo)).toEqual(round.sample.filter((s: any) => s.court === 'yn-km-gd').map((s: any) => s.caseNo));

    // The criteria each inspection case carries, decided from the record.
    const detail = (await km.agent.get(`/api/enforcement/inspections/${round.id ?? round._id}`)).body;
    const checked = detail.sample.slice(0, 40);
    for (const s of checked) {
      const c = (await km.agent.get(`/api/cases/${s.caseId}`)).body.case;
      const i = Number(/执(\d+)号/.exec(s.caseNo)![1]);
      const cr = c.variables.criteria;
      expect(cr.threeMonths.result, s.caseNo).toBe(i % 5 !== 0);
      expect(cr.traditionalInvestigation.result).toBe(i % 3 !== 0);
      expect(cr.traditionalInvestigation.evidence).toBe(`传统查控节点 ${i % 3 ? 1 : 0} 项`);
      expect(cr.consumptionRestriction.result).toBe(i % 4 !== 0);
      expect(cr.networkInvestigation.result).toBe(i % 2 === 1);
      expect(cr.timelyService.result).toBe(i % 7 ? null : false);
      expect(c.variables.criteriaText).toContain(i % 7 ? '待评查人员认定' : '不符合（无终本约谈节点）');
      expect(c.subject.enforcementCaseNo).toBe(s.caseNo);
    }
  }, 600_000);

  it('the 合格率 of each court goes into the ledger when the round is closed (failing cases remedied first)', async () => {
    // A small round of its own: the 20 June 终本 cases of one court, 30% = 6 cases.
    const june = Array.from({ length: 20 }, (_, i) => ({ ...record('yn-km-gd', 1000 + i), closedAt: '2026-06-20' }));
    expect((await km.agent.post('/api/enforcement/records').set('X-CSRF-Token', km.csrfToken).send({ records: june })).body.created).toBe(20);
    const res = await km.agent.post('/api/enforcement/inspections').set('X-CSRF-Token', km.csrfToken)
      .send({ package: 'yunnan', inspection: 'zhongbenSampling', closedFrom: '2026-06-01', closedTo: '2026-06-30', courts: ['yn-km-gd'], seed: 'ledger-round-0001' });
    expect(res.status).toBe(201);
    const id = res.body._id;
    expect(res.body.sample).toHaveLength(6);
    const early = await km.agent.post(`/api/enforcement/inspections/${id}/aggregate`).set('X-CSRF-Token', km.csrfToken);
    expect(early.status).toBe(409);
    // 审查人员 of 昆明中院 (a demo account) works each case: 合格 when the data decided nothing against it.
    const inspector = await p.login('yn-km-shencha');
    const round = (await km.agent.get(`/api/enforcement/inspections/${id}`)).body;
    let passed = 0;
    let gdUser: SignedIn | undefined;
    const executing = async () => (gdUser ??= await p.login('yn-gd-chengban'));
    for (const s of round.sample) {
      const c = (await inspector.agent.get(`/api/cases/${s.caseId}`)).body;
      const ok = !c.case.variables.criteriaFailed;
      if (ok) passed++;
      const done = await inspector.agent.post(`/api/tasks/${c.tasks[0].id}/complete`).set('X-CSRF-Token', inspector.csrfToken)
        .send({ data: { undecidedFindings: '终本约谈与裁定送达及时', conclusion: ok ? '合格' : '不合格' } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      if (ok) continue;
      // 不合格: the 中院 orders 恢复执行 and the executing court reports; the round waits for it.
      const order = (await km.agent.get(`/api/cases/${s.caseId}`)).body.tasks;
      expect(order.map((t: any) => t.elementId)).toEqual(['orderRemedy']);
      expect((await km.agent.post(`/api/tasks/${order[0].id}/complete`).set('X-CSRF-Token', km.csrfToken)
        .send({ data: { remedy: '恢复执行', requirement: '依法恢复执行' } })).status).toBe(200);
      const gd = await executing();
      const report = (await gd.agent.get(`/api/cases/${s.caseId}`)).body.tasks;
      expect(report.map((t: any) => t.elementId)).toEqual(['remedyReport']);
      if (s !== round.sample.at(-1)) expect((await km.agent.post(`/api/enforcement/inspections/${id}/aggregate`).set('X-CSRF-Token', km.csrfToken)).status).toBe(409);
      expect((await gd.agent.post(`/api/tasks/${report[0].id}/complete`).set('X-CSRF-Token', gd.csrfToken)
        .send({ data: { report: '已恢复执行' } })).status).toBe(200);
    }
    const ledger = await inspector.agent.get('/api/ledger?kind=评查&court=yn-km-gd');
    expect(ledger.status, JSON.stringify(ledger.body)).toBe(200);
    const entry = ledger.body.items.find((e: any) => e._id === `inspection:${id}:yn-km-gd` || e.id === `inspection:${id}:yn-km-gd`);
    expect(entry, JSON.stringify(ledger.body).slice(0, 400)).toBeTruthy();
    const rate = Math.round((passed / round.sample.length) * 1000) / 10;
    expect(entry.score).toBe(rate);
    expect(entry.reason).toContain(`抽查 ${round.sample.length} 件，合格 ${passed} 件，合格率 ${rate}%`);
    expect(entry.reason).toContain('ledger-round-0001');
    // Recorded once: asking again records nothing new.
    const again = await km.agent.post(`/api/enforcement/inspections/${id}/aggregate`).set('X-CSRF-Token', km.csrfToken);
    expect(again.status).toBe(200);
    const count = (await inspector.agent.get('/api/ledger?kind=评查&court=yn-km-gd')).body.items.filter((e: any) => (e._id ?? e.id) === (entry._id ?? entry.id));
    expect(count).toHaveLength(1);
  }, 600_000);
});
