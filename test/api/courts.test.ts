// Courts: the seeded tree, writes by 系统管理员, and the all-or-nothing CSV import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type SignedIn, type TestPlatform } from './helpers/testPlatform';

let p: TestPlatform;
let admin: SignedIn;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.login('admin');
});
afterAll(() => p?.close());

const importCsv = (csv: string, s = admin) =>
  s.agent.post('/api/courts/import').set('X-CSRF-Token', s.csrfToken).type('text/csv').send(csv);
const courtCount = () => p.db.connection.collection('courts').countDocuments();

describe('GET /api/courts', () => {
  it('lists the seeded tree with levels, kinds and ancestors', async () => {
    const res = await admin.agent.get('/api/courts');
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.courts.map((c: { code: string }) => [c.code, c]));
    expect(byCode.get('hi-hk-hs')).toMatchObject({ name: '海口海事法院', level: '专门', kind: '海事法院', parent: 'hi-gy', province: '海南省' });
    expect(byCode.get('jl-bs-cb')).toMatchObject({ level: '基层', ancestors: ['spc', 'jl-gy', 'jl-bs-zy'] });
  });
  it('seeding again adds nothing and keeps edits', async () => {
    const before = await courtCount();
    await p.auth.seed();
    expect(await courtCount()).toBe(before);
  });
});

describe('POST/PUT /api/courts', () => {
  const post = (body: object) => admin.agent.post('/api/courts').set('X-CSRF-Token', admin.csrfToken).send(body);
  const put = (code: string, body: object) => admin.agent.put(`/api/courts/${code}`).set('X-CSRF-Token', admin.csrfToken).send(body);

  it('creates a court under a 中院 and refuses misplaced or duplicate ones', async () => {
    const created = await post({ code: 'hi-hk-jd', name: '海口江东新区人民法院', level: '基层', parent: 'hi-hk-zy', province: '海南省' });
    expect(created.status).toBe(201);
    expect(created.body.court.ancestors).toEqual(['spc', 'hi-gy', 'hi-hk-zy']);
    expect((await post({ code: 'hi-hk-jd', name: '重复', level: '基层', parent: 'hi-hk-zy', province: '海南省' })).status).toBe(409);
    const misplaced = await post({ code: 'hi-x', name: '错误法院', level: '基层', parent: 'hi-gy', province: '海南省' });
    expect(misplaced.status).toBe(422);
    expect(misplaced.body.error.message).toMatch(/基层法院的上级必须是/);
    const bad = await post({ code: 'Bad Code', name: '', level: '区院', parent: 'hi-gy', province: '海南省' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['code', 'name', 'level']);
  });

  it('moves a court to another 中院 and recomputes ancestors; refuses cycles', async () => {
    const moved = await put('hi-hk-jd', { parent: 'hi-zy1' });
    expect(moved.status).toBe(200);
    expect(moved.body.court.ancestors).toEqual(['spc', 'hi-gy', 'hi-zy1']);
    expect((await put('hi-zy1', { parent: 'hi-hk-jd' })).status).toBe(422);
    expect((await put('hi-zy1', { level: '基层' })).status).toBe(422); // its 基层 courts would be orphaned
    expect((await put('hi-hk-jd', { code: 'x' })).status).toBe(422);
  });
});

describe('POST /api/courts/import', () => {
  it('reports every bad row with its line number and writes nothing', async () => {
    const before = await courtCount();
    const csv = [
      'code,name,level,parent,province',
      'hi-ok-1,海口某人民法院,基层,hi-hk-zy,海南省', // valid, but must not be written
      'hi-bad-1,某法院,区院,hi-hk-zy,海南省', // unknown level
      'hi-bad-2,某法院,基层,hi-nowhere,海南省', // unknown parent
      'hi-ok-1,重复法院,基层,hi-hk-zy,海南省', // duplicate code
      'hi-bad-3,某法院,基层,hi-hk-zy,河南省', // province differs from parent
      'hi-bad-4,某法院', // column count
      'ha-bad-5,开封某法院,基层,ha-kf-zy,河南省', // outside 海南高院's jurisdiction
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe('导入失败：共 6 处错误，未写入任何数据');
    const lines = res.body.error.details.map((d: { line: number }) => d.line);
    expect(lines).toEqual([3, 4, 5, 6, 7, 8]);
    const messages = res.body.error.details.map((d: { message: string }) => d.message);
    expect(messages[0]).toMatch(/^第 3 行：level：级别必须是/);
    expect(messages[1]).toBe('第 4 行：上级法院“hi-nowhere”不存在');
    expect(messages[2]).toBe('第 5 行：代码“hi-ok-1”与第 2 行重复');
    expect(messages[3]).toMatch(/^第 6 行：省份“河南省”与上级法院的省份“海南省”不一致/);
    expect(messages[4]).toMatch(/^第 7 行：应有 5 列/);
    expect(messages[5]).toMatch(/^第 8 行：.*不在本院管辖范围内/);
    expect(await courtCount()).toBe(before);
    expect(await p.db.connection.collection('courts').findOne({ code: 'hi-ok-1' })).toBeNull();
  });

  it('detects a cycle inside the file', async () => {
    const res = await importCsv('hi-c1,甲专门法院,专门,hi-c2,海南省\nhi-c2,乙专门法院,专门,hi-c1,海南省\n');
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { line: number }) => d.line)).toEqual([1, 2]);
  });

  it('imports new courts and updates existing ones in one go, parents defined in the same file', async () => {
    const csv = '\uFEFFcode,name,level,parent,province,kind\r\n'
      + 'hi-lg,临高县人民法院（更名测试）,基层,hi-zy2,海南省,\r\n'
      + 'hi-tl-zy,海南铁路运输中级法院,专门,hi-gy,海南省,铁路运输中级法院\r\n'
      + 'hi-tl,海口铁路运输法院,专门,hi-tl-zy,海南省,铁路运输法院\r\n';
    const res = await importCsv(csv);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 1 });
    const tl = await p.db.connection.collection('courts').findOne({ code: 'hi-tl' });
    expect(tl).toMatchObject({ ancestors: ['spc', 'hi-gy', 'hi-tl-zy'], kind: '铁路运输法院' });
    const audit = await p.db.connection.collection('auditEvents').findOne({ type: 'courts_imported' });
    expect(audit?.actor).toBe('admin');
  });

  it('refuses an empty or missing body', async () => {
    expect((await importCsv('code,name,level,parent,province\n')).status).toBe(422);
    expect((await admin.agent.post('/api/courts/import').set('X-CSRF-Token', admin.csrfToken).send({})).status).toBe(400);
  });
});
