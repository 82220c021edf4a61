// A province package through the API: import a zip as a draft, read it, publish it (forms, then
// diagrams), start a case on it, export it and import the export again, read the clause behind
// an element; and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../server/packages';
import { sampleFiles, zipOf } from '../unit/packages/fixtures/harness';
import { startPackagesPlatform, type PackagesPlatform } from '../unit/packages/fixtures/platform';

let s: PackagesPlatform;
beforeAll(async () => {
  s = await startPackagesPlatform();
});
afterAll(() => s?.close());

describe('a package from import to running cases', () => {
  it('imports a valid zip as a draft and deploys nothing yet', async () => {
    const before = await s.counts();
    const r = await s.admin.upload('/api/packages', await zipOf(sampleFiles()));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.package).toMatchObject({ id: 'sample', version: 1, status: 'draft', edition: '1.0.0', province: '测试省', source: 'import' });
    expect(r.body.problems).toEqual([]);
    expect(await s.counts()).toEqual({ ...before, packages: before.packages + 1 });
  });

  it('lists it and shows manifest, versions, parameters with their values, and articles', async () => {
    const list = await s.admin.get('/api/packages');
    expect(list.body.packages).toEqual([expect.objectContaining({ id: 'sample', status: 'draft', live: null, versions: 1 })]);
    const r = await s.admin.get('/api/packages/sample');
    expect(r.status).toBe(200);
    const pkg = r.body.package;
    expect(pkg.regulation).toMatchObject({ title: '测试省高级人民法院执行督办办法', docNo: '测高法〔2026〕1号' });
    expect(pkg.parameters.map((x: any) => [x.id, x.value])).toEqual([['reportPeriod', '5日'], ['reportWarning', '届满前2日预警 5日'], ['reportOverdue', '5日']]);
    expect(pkg.articles.documents[0].articles.map((a: any) => a.no)).toContain('第四条');
    expect(pkg.versions.map((v: any) => [v.version, v.status])).toEqual([[1, 'draft']]);
    expect((await s.admin.get('/api/packages/nope')).status).toBe(404);
  });

  it('publishes: every form saved, then the diagram deployed; a case can start on it', async () => {
    const r = await s.admin.post('/api/packages/sample/publish');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.package).toMatchObject({ status: 'published', publishedBy: 'admin', deployed: [{ key: 'sampleReport', version: 1 }] });
    expect(r.body.package.formRevisions.map((f: any) => f.key).sort()).toEqual(['sample/report', 'sample/review']);
    const defs = await s.admin.get('/api/definitions?packageId=sample');
    expect(defs.body.definitions.map((d: any) => [d.key, d.version])).toEqual([['sampleReport', 1]]);
    const handler = await s.as('hi-gy-chengban');
    const c = await handler.post('/api/cases', { process: 'sampleReport', supervisedCourt: 'hi-hk-zy' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body.tasks.map((t: any) => t.elementId)).toEqual(['reportInWriting']);
    expect((await s.admin.post('/api/packages/sample/publish')).status).toBe(409);
  });

  it('exports a zip that re-imports to the same package, byte for byte', async () => {
    const r = await s.admin.download('/api/packages/sample/export');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/zip/);
    expect(r.headers['content-disposition']).toContain('sample-v1.zip');
    const read = await readZip(r.body);
    expect(read.problems).toEqual([]);
    const original = sampleFiles();
    expect([...read.files.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [p, data] of original) expect(read.files.get(p)!.equals(data), p).toBe(true);
    const before = await s.counts();
    const again = await s.admin.upload('/api/packages', r.body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, package: { id: 'sample', version: 1 } });
    expect(await s.counts()).toEqual(before);
  });

  it('shows the clause behind an element and an article by its number', async () => {
    const c = await s.admin.get('/api/packages/sample/elements/reportOverdue/clause');
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ element: { id: 'reportOverdue', name: '报告逾期', process: 'sampleReport' }, documentation: '测试办法 第五条' });
    expect(c.body.clauses).toEqual([expect.objectContaining({ no: '第五条', text: '逾期未报告的，督办法院应当通报。', document: expect.objectContaining({ id: '测试办法' }) })]);
    const a = await s.admin.get(`/api/packages/sample/articles/${encodeURIComponent('第四条')}`);
    expect(a.body).toMatchObject({ no: '第四条', text: expect.stringContaining('五日内') });
    expect((await s.admin.get('/api/packages/sample/articles/4')).body.no).toBe('第四条');
    expect((await s.admin.get(`/api/packages/sample/articles/${encodeURIComponent('第九十九条')}`)).status).toBe(404);
    expect((await s.admin.get('/api/packages/sample/elements/nothing/clause')).status).toBe(404);
  });
});

describe('roles', () => {
  it('a handler reads but may not import, publish or change parameters (403)', async () => {
    const handler = await s.as('hi-gy-chengban');
    expect((await handler.get('/api/packages')).status).toBe(200);
    expect((await handler.get('/api/packages/sample')).status).toBe(200);
    expect((await handler.download('/api/packages/sample/export')).status).toBe(200);
    expect((await handler.upload('/api/packages', await zipOf(sampleFiles()))).status).toBe(403);
    expect((await handler.post('/api/packages/sample/publish')).status).toBe(403);
    expect((await handler.put('/api/packages/sample/parameters/reportOverdue', { value: '9日' })).status).toBe(403);
  });

  it('anonymous: 401 everywhere', async () => {
    const anon = s.p.request();
    expect((await anon.get('/api/packages')).status).toBe(401);
    expect((await anon.get('/api/packages/sample')).status).toBe(401);
    expect((await anon.get('/api/packages/sample/export')).status).toBe(401);
    expect((await anon.get('/api/packages/sample/articles/4')).status).toBe(401);
    expect((await anon.post('/api/packages').set('Content-Type', 'application/zip').send(Buffer.from('PK'))).status).toBe(401);
    expect((await anon.put('/api/packages/sample/parameters/reportOverdue').send({ value: '9日' })).status).toBe(401);
  });
});
