// Importing 执行案件 records (issue 16): every kind of bad row reported by row, column and reason
// in Chinese; mode "all" writes nothing when any row is bad; re-importing is idempotent; a changed
// record keeps its history; the JSON feed; jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type SignedIn, type TestPlatform } from './helpers/testPlatform';
import { csv, xlsx } from '../helpers/enforcementFiles';

let p: TestPlatform;
let admin: SignedIn; // 山东高院 系统管理员
let jinan: SignedIn; // 济南中院 承办人

const upload = (s: SignedIn, file: Buffer, name: string, mode?: string) => {
  let req = s.agent.post('/api/enforcement/imports').set('X-CSRF-Token', s.csrfToken).attach('file', file, name);
  if (mode) req = req.field('mode', mode);
  return req;
};

async function finished(s: SignedIn, id: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await s.agent.get(`/api/enforcement/imports/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (r.body.status !== 'running') return r.body;
    if (Date.now() > deadline) throw new Error(`import ${id} still running after 120 s: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const records = async (s: SignedIn, q = '') => (await s.agent.get(`/api/enforcement/records?pageSize=100${q}`)).body;

beforeAll(async () => {
  p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' } });
  admin = await p.login('sd-admin');
  await admin.agent.post('/api/clock').set('X-CSRF-Token', admin.csrfToken).send({ set: '2026-06-01T02:00:00Z' });
  jinan = await p.login('sd-jn-chengban');
}, 120_000);
afterAll(async () => p?.close());

const good = (n: number, court = '济南市历下区人民法院') =>
  [`（2026）鲁0102执${n}号`, court, '张三', '2026-01-05', null, null, '2026-01-06', '2026-01-06', null, null, null, null, null, null];

describe('file import', () => {
  it('reports every kind of bad row and writes the valid ones (mode valid)', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = await xlsx([
      good(1),
      ['', '济南市历下区人民法院', '李四', '2026-01-05'], // row 3: missing 案号
      ['（2026）鲁0102执3号', '济南市历下区人民法院', '李四', '2026-02-30'], // row 4: no such date
      ['（2026）鲁0102执4号', '济南市不存在区人民法院', '李四', '2026-01-05'], // row 5: unknown court
      good(1), // row 6: duplicate of row 2
      ['（2026）鲁0102执6号', '济南市历下区人民法院', '李四', { formula: 'TODAY()', result: new Date('2026-01-05') }], // row 7: formula
      ['（2026）鲁0102执7号', '济南市历下区人民法院', huge, '2026-01-05'], // row 8: 10 MB text cell
      ['（2026）琼0105执8号', '海口市琼山区人民法院', '王五', '2026-01-05'], // row 9: a court of another province
      ['（2026）鲁0102执9号', 'sd-jn-lx', '赵六', '2026年3月2日', '2026-05-30', '终结本次执行程序', null, '2026-03-05；2026-05-01', '2026/3/10', '2026-03-11', null, null, '2026-05-20', '2026-05-30'],
    ]);
    expect(huge.length).toBe(10 * 1024 * 1024); // a zip compresses it: the cell, not the file, is 10 MB
    const res = await upload(admin, file, '执行案件.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const job = await finished(admin, res.body.id);
    expect(job.status).toBe('done');
    expect(job.rows).toBe(9);
    expect(job.created).toBe(2);
    const byRow = Object.fromEntries(job.problems.map((x: any) => [x.row, x]));
    expect(byRow[3]).toMatchObject({ column: '案号', reason: '缺少案号' });
    expect(byRow[4]).toMatchObject({ column: '立案日期' });
    expect(byRow[4].reason).toContain('不是存在的日期');
    expect(byRow[5]).toMatchObject({ column: '执行法院' });
    expect(byRow[5].reason).toContain('未知的执行法院');
    expect(byRow[6].reason).toBe('与第 2 行重复（同一执行法院、同一案号）');
    expect(byRow[7]).toMatchObject({ column: '立案日期' });
    expect(byRow[7].reason).toContain('公式');
    expect(byRow[8]).toMatchObject({ column: '承办人' });
    expect(byRow[8].reason).toContain('超过 200 字');
    expect(byRow[9].reason).toContain('不是本院或本院辖区的法院');
    expect(job.problemCount).toBe(7);
    for (const x of job.problems) expect(x.reason).toMatch(/[\u4e00-\u9fa5]/);

    const list = await records(admin);
    expect(list.total).toBe(2);
    const r9 = list.items.find((x: any) => x.caseNo === '（2026）鲁0102执9号');
    expect(r9).toMatchObject({ court: 'sd-jn-lx', courtName: '济南市历下区人民法院', filedAt: '2026-03-02', closedAt: '2026-05-30', closing: '终本' });
    expect(r9.nodes).toEqual([
      { type: '传统查控', date: '2026-03-10' }, { type: '总对总查控', date: '2026-03-05' }, { type: '总对总查控', date: '2026-05-01' },
      { type: '终本约谈', date: '2026-05-20' }, { type: '裁定送达', date: '2026-05-30' }, { type: '限高', date: '2026-03-11' },
    ].sort((a, b) => a.type.localeCompare(b.type) || a.date.localeCompare(b.date)));
  }, 180_000);

  it('mode all: one bad row and nothing is written', async () => {
    const file = csv([
      [`（2026）鲁0103执1号`, '济南市市中区人民法院', '甲', '2026-01-05', null, null],
      [`（2026）鲁0103执2号`, '济南市市中区人民法院', '乙', '2026-13-01', null, null],
    ], ['案号', '执行法院', '承办人', '立案日期', '结案日期', '结案方式']);
    const res = await upload(admin, file, '市中.csv', 'all');
    expect(res.status).toBe(202);
    const job = await finished(admin, res.body.id);
    expect(job.status).toBe('rejected');
    expect(job.message).toContain('一条也未导入');
    expect(job.problems).toEqual([expect.objectContaining({ row: 3, column: '立案日期' })]);
    expect((await records(admin, '&court=sd-jn-sz')).total).toBe(0);
  }, 120_000);

  it('re-importing the same file changes nothing; a changed row is updated with its history kept', async () => {
    const rows = [good(21), good(22)];
    const first = await finished(admin, (await upload(admin, await xlsx(rows), 'a.xlsx', 'all')).body.id);
    expect(first).toMatchObject({ status: 'done', created: 2, updated: 0, unchanged: 0 });
    const again = await finished(admin, (await upload(admin, await xlsx(rows), 'a.xlsx', 'all')).body.id);
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    const changed = [good(21), [...good(22).slice(0, 8), '2026-02-01']]; // a 传统查控 node added
    const third = await finished(admin, (await upload(admin, await xlsx(changed), 'a.xlsx', 'all')).body.id);
    expect(third).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 1 });
    const list = await records(admin, `&caseNo=${encodeURIComponent('执22号')}`);
    expect(list.total).toBe(1);
    const full = (await admin.agent.get(`/api/enforcement/records/${list.items[0].id}`)).body;
    expect(full.version).toBe(1);
    expect(full.history).toHaveLength(2);
    expect(full.history[1].changes.nodes.to).toContainEqual({ type: '传统查控', date: '2026-02-01' });
  }, 120_000);

  it('refuses a file without the required columns, and a file that is not a spreadsheet', async () => {
    const noCourt = await finished(admin, (await upload(admin, csv([['x', '2026-01-01']], ['案号', '立案日期']), 'x.csv')).body.id);
    expect(noCourt.status).toBe('failed');
    expect(noCourt.message).toContain('缺少列：执行法院');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    const broken = await finished(admin, (await upload(admin, zip, 'x.xlsx')).body.id);
    expect(broken.status).toBe('failed');
    expect(broken.message).toMatch(/[\u4e00-\u9fa5]/);
  }, 60_000);
});

describe('jurisdiction and the feed', () => {
  it('a 中院 imports and sees its own and lower courts only', async () => {
    const res = await jinan.agent.post('/api/enforcement/records').set('X-CSRF-Token', jinan.csrfToken).send({
      records: [
        { caseNo: '（2026）鲁01执1号', court: 'sd-jn-zy', filedAt: '2026-01-05', nodes: [{ type: '首次查控', date: '2026-01-06' }] },
        { caseNo: '（2026）鲁02执1号', court: 'sd-qd-zy', filedAt: '2026-01-05' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, created: 1 });
    expect(res.body.problems).toEqual([expect.objectContaining({ row: 2, column: 'court' })]);
    const seen = await records(jinan);
    expect(seen.items.every((x: any) => ['sd-jn-zy', 'sd-jn-lx', 'sd-jn-sz', 'sd-jn-lc'].includes(x.court))).toBe(true);
    const other = await p.login('yn-km-chengban');
    const none = await records(other);
    expect(none.total).toBe(0);
    const hidden = await other.agent.get(`/api/enforcement/records/${seen.items[0].id}`);
    expect(hidden.status).toBe(404);
  });

  it('mode all on the feed: 422 with the report and nothing written; bad bodies are 400', async () => {
    const res = await jinan.agent.post('/api/enforcement/records').set('X-CSRF-Token', jinan.csrfToken).send({
      mode: 'all',
      records: [{ caseNo: '（2026）鲁01执2号', court: 'sd-jn-zy', filedAt: '2026-01-05' }, { court: 'sd-jn-zy', filedAt: '2026-01-05' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ row: 2, column: 'caseNo', message: '缺少案号' });
    expect((await records(jinan, `&caseNo=${encodeURIComponent('鲁01执2号')}`)).total).toBe(0);
    const bad = await jinan.agent.post('/api/enforcement/records').set('X-CSRF-Token', jinan.csrfToken).send({ records: 'x' });
    expect(bad.status).toBe(400);
    const ducha = await p.login('hi-gy-ducha');
    const refused = await ducha.agent.post('/api/enforcement/records').set('X-CSRF-Token', ducha.csrfToken).send({ records: [] });
    expect(refused.status).toBe(403);
  });

  it('the province mapping is saved and used by the next import', async () => {
    const put = await admin.agent.put('/api/enforcement/mapping').set('X-CSRF-Token', admin.csrfToken)
      .send({ fields: { caseNo: '执行案号', court: '承办法院' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const file = csv([['（2026）鲁0104执1号', '济南市历城区人民法院', '2026-01-05']], ['执行案号', '承办法院', '立案日期']);
    const job = await finished(admin, (await upload(admin, file, 'm.csv')).body.id);
    expect(job).toMatchObject({ status: 'done', created: 1 });
    const jn = await jinan.agent.put('/api/enforcement/mapping').set('X-CSRF-Token', jinan.csrfToken).send({ fields: {} });
    expect(jn.status).toBe(403);
    const dup = await admin.agent.put('/api/enforcement/mapping').set('X-CSRF-Token', admin.csrfToken).send({ fields: { caseNo: '立案日期' } });
    expect(dup.status).toBe(400);
  });
});
