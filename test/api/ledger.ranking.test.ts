// 法院排名 (issue 15): the courts below the reader's by indicators (the platform's default when
// no published package declares any), 4xx on bad input, jurisdiction, and the Excel read back.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNoticeProcess } from '../e2e/seed';
import { startScenario, type Scenario } from '../scenarios/helpers';
import { fileUser } from './helpers/fileUser';

let s: Scenario;
const as = (username: string) => s.as(username);

beforeAll(async () => {
  s = await startScenario();
  await seedNoticeProcess(s.admin);
  await s.setClock('2026-08-03 10:00');
  // Two 通报批评 of 海口中院 (written by the process), one 表扬 of 琼山 by hand.
  const upper = await as('hi-gy-chengban');
  for (const i of [1, 2]) {
    const r = await upper.post('/api/cases', { process: 'noticeSupervision', supervisedCourt: 'hi-hk-zy', data: { enforcementCaseNo: `（2026）琼执${i}号` } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const r = await (await as('hi-gy-lingdao')).post('/api/ledger', { kind: '表扬', court: 'hi-hk-qs', reason: '执行款及时发放' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});
afterAll(() => s?.close());

describe('法院排名', () => {
  it('ranks the courts below by the default indicators; a level narrows it', async () => {
    const gy = await as('hi-gy-lingdao');
    const r = await gy.get('/api/ledger/ranking?year=2026');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.declaredBy).toBeNull();
    expect(r.body.indicators.map((i: { id: string }) => i.id)).toEqual(['criticisms', 'overdue', 'closed', 'praise']);
    const rows = r.body.rows as { court: string; courtName: string; values: Record<string, number>; score: number; rank: number }[];
    expect(rows.some((x) => x.court === 'hi-gy')).toBe(false); // not the reader's own court
    expect(rows[0]).toMatchObject({ court: 'hi-hk-qs', courtName: '海口市琼山区人民法院', values: { praise: 1, criticisms: 0 }, score: 5, rank: 1 });
    const zy = rows.find((x) => x.court === 'hi-hk-zy')!;
    expect(zy.values.criticisms).toBe(2);
    expect(zy.score).toBe(-20 - 5 * zy.values.overdue + zy.values.closed);
    expect(zy.rank).toBe(rows.length);
    const mid = (await gy.get('/api/ledger/ranking?year=2026&level=中院')).body.rows as { court: string }[];
    expect(mid.map((x) => x.court)).toContain('hi-hk-zy');
    expect(mid.map((x) => x.court)).not.toContain('hi-hk-qs');
  });

  it('a 中院 ranks its own courts only; a 承办人 is refused; bad input is 400 in Chinese', async () => {
    const zy = (await (await as('hi-hk-shenpi')).get('/api/ledger/ranking?year=2026')).body.rows as { court: string }[];
    expect(zy.map((x) => x.court)).toContain('hi-hk-qs');
    expect(zy.map((x) => x.court)).not.toContain('hi-hk-zy');
    expect(zy.map((x) => x.court)).not.toContain('hi-sy-zy');
    expect((await (await as('hi-gy-chengban')).get('/api/ledger/ranking')).status).toBe(403);
    const bad = await (await as('hi-gy-lingdao')).get('/api/ledger/ranking?level=省');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('层级应为：中院、基层、专门');
  });

  it('exports the ranking as a workbook that reads back', async () => {
    const r = await (await fileUser(s.p, 'hi-gy-lingdao')).get('/api/ledger/ranking/export?year=2026');
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('2026年法院排名.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body);
    const ws = wb.getWorksheet('2026年法院排名')!;
    expect(ws.getRow(1).values).toEqual([undefined, '名次', '法院', '通报批评（权重 -10）', '逾期案件（权重 -5）', '办结督办案件（权重 1）', '表扬（权重 5）', '得分']);
    expect(ws.getRow(2).values).toEqual([undefined, 1, '海口市琼山区人民法院', 0, 0, 0, 1, 5]);
  });
});
