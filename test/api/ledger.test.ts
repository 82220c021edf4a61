// /api/ledger on the real store (server/ledger/README.md): the role and jurisdiction matrix with
// its refusals, entries written by a process (each exactly once, also when cases run at once),
// the quarterly list over cases built for it, and the Excel export read back.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNoticeProcess } from '../e2e/seed';
import { startScenario, type Scenario, type User } from '../scenarios/helpers';
import { fileUser } from './helpers/fileUser';

let s: Scenario;
const as = (username: string) => s.as(username);
let gy: User;

beforeAll(async () => {
  s = await startScenario();
  gy = await as('hi-gy-lingdao');
  await seedNoticeProcess(s.admin);
  await s.setClock('2026-08-03 10:00');
});
afterAll(() => s?.close());

describe('entries written by a process', () => {
  it('cases started at once each write exactly one entry (deterministic ids, no double count)', async () => {
    const upper = await as('hi-gy-chengban');
    const starts = await Promise.all(['hi-hk-zy', 'hi-hk-zy', 'hi-hk-qs'].map((court, i) =>
      upper.post('/api/cases', { process: 'noticeSupervision', supervisedCourt: court, data: { enforcementCaseNo: `（2026）琼执${i}号` } })));
    for (const r of starts) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const list = (await gy.get('/api/ledger?year=2026&kind=通报批评')).body;
    expect(list.total).toBe(3);
    expect(new Set(list.items.map((e: { caseId: string }) => e.caseId))).toEqual(new Set(starts.map((r) => r.body.case.id)));
    expect(list.items[0]).toMatchObject({ source: 'process', element: 'notice', elementName: '通报批评', issuer: 'hi-gy', basis: '海南办法 第十二条' });
  });
});

describe('the projection is rebuildable from the cases (DESIGN.md decision 2)', () => {
  it('entries lost between a case write and its projection come back with the same ids, once, also when rebuilt twice at once', async () => {
    const ledgerColl = s.p.db.connection.collection('ledger');
    const before = (await ledgerColl.find({ source: 'process' }).toArray()).map((d) => String(d._id)).sort();
    expect(before).toHaveLength(3);
    await ledgerColl.deleteMany({ source: 'process' }); // as if the server died after the case writes
    const added = await Promise.all([s.p.platform.services.ledger.rebuild(), s.p.platform.services.ledger.rebuild()]);
    expect(added[0] + added[1]).toBe(3);
    expect((await ledgerColl.find({ source: 'process' }).toArray()).map((d) => String(d._id)).sort()).toEqual(before);
    expect(await s.p.platform.services.ledger.rebuild()).toBe(0);
  });
});

describe('jurisdiction and roles', () => {
  it('a 中院 sees entries about itself and its courts only; a court outside sees none; a 承办人 is refused', async () => {
    const hk = (await (await as('hi-hk-shenpi')).get('/api/ledger?year=2026')).body;
    expect(hk.items.map((e: { court: string }) => e.court).sort()).toEqual(['hi-hk-qs', 'hi-hk-zy', 'hi-hk-zy']);
    // 海口海事法院 sits beside 海口中院 (under the 高院): none of these entries are about it.
    expect((await (await as('hi-hs-shenpi')).get('/api/ledger?year=2026')).body.total).toBe(0);
    expect((await (await as('hi-hk-chengban')).get('/api/ledger')).status).toBe(403);
    expect((await s.p.request().get('/api/ledger')).status).toBe(401);
  });

  it('manual entry: by an 审批人 / 院领导 of the issuing court, about its jurisdiction, with a reason; refusals in Chinese', async () => {
    const hk = await as('hi-hk-shenpi');
    const cases: [User, object, number, RegExp?][] = [
      [hk, { kind: '约谈', court: 'hi-hk-qs', reason: '执行工作滞后（河南 第22条 同类）' }, 201],
      [hk, { kind: '通报批评', court: 'hi-gy', reason: '越级' }, 400, /辖区/],
      [hk, { kind: '通报批评', court: 'hi-hk-qs' }, 400, /事由/],
      [hk, { kind: '批评', court: 'hi-hk-qs', reason: 'x' }, 400, /类别/],
      [hk, { kind: '评查', court: 'hi-hk-qs', reason: 'x', grade: '很好' }, 400, /评查等次/],
      [hk, { kind: '考核', court: 'hi-hk-qs', reason: 'x', score: 'ninety' }, 400, /考核分数/],
      [hk, { kind: '通报批评', court: 'hi-hk-qs', reason: 'x', at: '2099-01-01' }, 400, /晚于/],
      [await as('hi-hk-chengban'), { kind: '通报批评', court: 'hi-hk-qs', reason: 'x' }, 403],
    ];
    for (const [user, body, status, message] of cases) {
      const r = await user.post('/api/ledger', body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      if (message) expect(r.body.error.message + JSON.stringify(r.body.error.details)).toMatch(message);
    }
  });

  it('a person sees the entries that name them, whatever their role', async () => {
    const hk = await as('hi-hk-shenpi');
    expect((await hk.post('/api/ledger', { kind: '表扬', court: 'hi-hk-zy', reason: '本人', persons: [{ name: '海口中院承办人', role: '承办人' }] })).status).toBe(201);
    const mine = (await (await as('hi-hk-chengban')).get('/api/ledger/mine')).body;
    expect(mine.items.map((e: { reason: string }) => e.reason)).toEqual(['本人']);
    expect((await (await as('hi-qs-chengban')).get('/api/ledger/mine')).body.items).toEqual([]);
    expect((await s.p.request().get('/api/ledger/mine')).status).toBe(401);
  });

  it('reversal: only the issuing court; an unknown or invisible entry is 404; a second reversal 409', async () => {
    const hk = await as('hi-hk-shenpi');
    const entry = (await hk.get('/api/ledger?kind=约谈')).body.items[0];
    expect((await gy.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: '撤销' })).status).toBe(403);
    expect((await hk.post('/api/ledger/nope/reversal', { reason: '撤销' })).status).toBe(404);
    expect((await hk.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: 'x'.repeat(501) })).status).toBe(400);
    expect((await hk.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: '约谈记录有误' })).status).toBe(201);
    expect((await hk.post(`/api/ledger/${encodeURIComponent(entry.id)}/reversal`, { reason: '再撤' })).status).toBe(409);
    const after = (await hk.get('/api/ledger?kind=约谈')).body.items[0];
    expect(after.reversed).toBe(true);
  });

  it('bad query parameters are 400 in Chinese', async () => {
    for (const q of ['year=abc', 'year=1900', 'page=0', 'pageSize=1000', 'kind=随便']) {
      const r = await gy.get(`/api/ledger?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await gy.get('/api/ledger/quarterly?year=2026')).status).toBe(400);
  });
});

describe('the quarterly list (暂行规定 第二十四条) and the Excel export', () => {
  it('counts cases supervised in the quarter and the 通报 issued in it, per court', async () => {
    const q = (await gy.get('/api/ledger/quarterly?year=2026&quarter=3')).body;
    expect(q).toMatchObject({ year: 2026, quarter: 3, issuer: 'hi-gy', issuerName: '海南省高级人民法院' });
    const zy = q.rows.find((r: { court: string }) => r.court === 'hi-hk-zy');
    expect(zy).toMatchObject({ courtName: '海口市中级人民法院', cases: 2, opened: 2, criticisms: 2, situationNotices: 0 });
    expect(q.rows.find((r: { court: string }) => r.court === 'hi-hk-qs')).toMatchObject({ cases: 1, criticisms: 1 });
    const q2 = (await gy.get('/api/ledger/quarterly?year=2026&quarter=2')).body;
    expect(q2.rows).toEqual([]);
  });

  it('exports the year as a workbook that reads back', async () => {
    const r = await (await fileUser(s.p, 'hi-gy-lingdao')).get('/api/ledger/export?year=2026');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026年督办台账', '各法院', '个人', '后果']);
    const list = wb.getWorksheet('2026年督办台账')!;
    expect(list.getRow(1).getCell(2).value).toBe('类别');
    const kinds = list.getColumn(2).values.slice(2);
    expect(kinds.filter((k) => k === '通报批评')).toHaveLength(3);
    const courts = wb.getWorksheet('各法院')!;
    const zy = courts.getColumn(1).values.indexOf('海口市中级人民法院');
    expect(courts.getRow(zy).getCell(2).value).toBe(2);
  });
});
