// Lists beyond paging (issue 23): sorting by more columns, search by party, and the Excel
// exports of the case list, the inbox and the dashboard figures, read back with exceljs —
// confined to the user's jurisdiction like the lists themselves.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHainan, type Hainan } from '../scenarios/hainan/helpers';

let h: Hainan;
beforeAll(async () => {
  h = await startHainan();
  await h.setClock('2026-10-08 09:00');
  await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-10-08', enforcementCaseNo: '（2026）琼01执9号', parties: '申请执行人王某，被执行人甲公司' });
  await h.open('hainanSupervision', 'hi-hk-qs', { complaintReceivedAt: '2026-10-08', enforcementCaseNo: '（2026）琼0107执1号', parties: '申请执行人李某，被执行人乙公司' });
}, 180_000);
afterAll(() => h?.close());

async function sheet(username: string, url: string) {
  const { agent } = await h.s.p.login(username);
  const r = await agent.get(url).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.body as never);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { name: ws.name, rows, disposition: r.headers['content-disposition'] as string };
}

describe('sorting and party search', () => {
  it('sorts the case list by 执行案号 either way, and refuses an unknown column in Chinese', async () => {
    const gy = await h.s.as('hi-gy-shencha');
    const asc = await gy.get('/api/cases?sort=enforcementCaseNo&order=asc');
    const desc = await gy.get('/api/cases?sort=enforcementCaseNo&order=desc');
    const nos = (r: any) => r.body.items.map((c: any) => c.subject.enforcementCaseNo);
    expect(nos(asc)).toEqual([...nos(asc)].sort());
    expect(nos(desc)).toEqual([...nos(asc)].reverse());
    const bad = await gy.get('/api/cases?sort=secret');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].message).toContain('只能按');
  });

  it('finds a case by a party’s name', async () => {
    const r = await (await h.s.as('hi-gy-shencha')).get(`/api/cases?q=${encodeURIComponent('乙公司')}`);
    expect(r.body.items.map((c: any) => c.subject.enforcementCaseNo)).toEqual(['（2026）琼0107执1号']);
  });
});

describe('Excel exports', () => {
  it('the case list: Chinese headers, court names, Beijing times, the same filter as the list', async () => {
    const x = await sheet('hi-gy-shencha', '/api/cases/export?sort=enforcementCaseNo&order=asc');
    expect(x.name).toBe('督办案件');
    expect(x.disposition).toContain(encodeURIComponent('督办案件.xlsx'));
    expect(x.rows[0]).toEqual(['督办案号', '执行案号', '当事人', '被督办法院', '督办法院', '状态', '当前环节', '最近期限（北京时间）', '立案时间（北京时间）', '结案时间（北京时间）']);
    expect(x.rows.slice(1).map((r) => [r[1], r[3], r[5], r[6], r[8]])).toEqual([
      ['（2026）琼0107执1号', '海口市琼山区人民法院', '办理中', '审查信访材料', '2026-10-08 09:00'],
      ['（2026）琼01执9号', '海口市中级人民法院', '办理中', '审查信访材料', '2026-10-08 09:00'],
    ]);
    // A 基层 court sees only its own.
    const qs = await sheet('hi-qs-chengban', '/api/cases/export');
    expect(qs.rows.slice(1).map((r) => r[1])).toEqual(['（2026）琼0107执1号']);
  });

  it('the inbox of the 审查人员, and the dashboard figures with the totals', async () => {
    const inbox = await sheet('hi-gy-shencha', '/api/tasks/export');
    expect(inbox.name).toBe('待办事项');
    expect(inbox.rows.slice(1).map((r) => r[0])).toEqual(['审查信访材料', '审查信访材料']);
    expect(inbox.rows.slice(1).map((r) => r[6]).every((d) => /^2026-10-1\d \d\d:\d\d$/.test(d))).toBe(true);
    const stats = await sheet('hi-gy-shenpi', '/api/stats/export');
    expect(stats.rows[0]).toEqual(['法院', '在办案件', '本周到期', '已逾期', '按期办结', '逾期办结']);
    expect(stats.rows.at(-1)!.slice(0, 2)).toEqual(['合计', '2']);
    const { agent } = await h.s.p.login('hi-qs-chengban');
    expect((await agent.get('/api/stats/export')).status).toBe(403);
  });
});
