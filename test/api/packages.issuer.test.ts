// A package issued by a 中院 (白山规定, issue 21): the shipped `baishan` package names 白山中院 as
// its issuer, so 白山中院's 流程管理员 publishes and edits it and the 吉林高院 above may too; a
// 高院 of another province, or another 中院 of the same province, may not. Its cases run only
// within 白山中院's jurisdiction. 第二十四条: the package records the higher rules it sits under,
// and the conflicts the platform can see against a 吉林高院 package are listed.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../server/packages';
import { collectShipped } from '../../server/packages/installShipped';
import { zipOf } from '../unit/packages/fixtures/harness';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from './helpers/testPlatform';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let p: TestPlatform;

type Res = { status: number; body: any };
async function as(username: string) {
  const { agent, csrfToken } = await p.login(username);
  return {
    get: (url: string): Promise<Res> => agent.get(url),
    post: (url: string, body: object = {}): Promise<Res> => agent.post(url).set('X-CSRF-Token', csrfToken).send(body),
    put: (url: string, body: object = {}): Promise<Res> => agent.put(url).set('X-CSRF-Token', csrfToken).send(body),
    upload: (zip: Buffer): Promise<Res> => agent.post('/api/packages').set('X-CSRF-Token', csrfToken).set('Content-Type', 'application/zip').send(zip),
    download: (url: string): Promise<Res> => agent.get(url).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }),
  };
}

/** The shipped Baishan files (notes for people left out), edited by `f`. */
async function baishanFiles(f: (files: Map<string, Buffer>) => void = () => undefined) {
  const { files } = await collectShipped(ROOT, 'baishan');
  for (const k of [...files.keys()]) if (k.endsWith('.md')) files.delete(k);
  f(files);
  return files;
}
const editManifest = (files: Map<string, Buffer>, g: (m: any) => void) => {
  const m = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  g(m);
  files.set('manifest.json', Buffer.from(JSON.stringify(m, null, 2)));
};

/** A 吉林高院 package made from Baishan's: its own id and process keys, a 30-day limit. */
async function provincePackage() {
  return zipOf(await baishanFiles((files) => {
    for (const [k, v] of files) {
      if (k.endsWith('.bpmn') || k === 'manifest.json') {
        files.set(k, Buffer.from(v.toString('utf8').replaceAll('baishan/', 'jl-province/').replaceAll('baishanSupervision', 'jlSupervision')
          .replaceAll('baishanQualityReview', 'jlQualityReview').replaceAll('baishanPeriodicNotice', 'jlPeriodicNotice')
          .replaceAll('60日 自 receivedAt', '30日 自 receivedAt')));
      }
    }
    editManifest(files, (m) => {
      m.id = 'jl-province';
      m.title = '吉林法院执行督办（测试）';
      delete m.issuer;
      delete m.higherRules;
      m.regulation.title = '吉林省高级人民法院执行督办规定（测试）';
    });
  }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'duban-issuer-'));
  for (const kind of ['processes', 'forms']) await cp(path.join(ROOT, kind, 'baishan'), path.join(dir, kind, 'baishan'), { recursive: true });
  p = await startTestPlatform({ env: { DUBAN_CLOCK: 'manual' }, packagesRoot: dir });
  const jl = await as('jl-admin');
  for (const u of [
    { username: 'jl-cc-admin', name: '长春中院流程管理员', court: 'jl-cc-zy', roles: ['流程管理员'] },
    { username: 'jl-cc-shencha', name: '长春中院审查人员', court: 'jl-cc-zy', roles: ['审查人员'] },
  ]) expect((await jl.post('/api/users', { ...u, password: TEST_PASSWORD })).status).toBe(201);
}, 180_000);
afterAll(async () => {
  await p?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a package issued by 白山中院 (白山规定 第二十二条、第二十四条)', () => {
  it('installed at first start and published, owned by 白山中院 (not the 吉林高院)', async () => {
    const r = await (await as('jl-bs-admin')).get('/api/packages/baishan');
    expect(r.status).toBe(200);
    expect(r.body.package.status ?? r.body.package.versions[0].status).toBe('published');
    const c = await (await as('jl-bs-admin')).get('/api/packages/baishan/conflicts');
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.package.owner).toBe('jl-bs-zy');
  });

  it('白山中院’s 流程管理员 changes a deadline: a new version, published', async () => {
    const r = await (await as('jl-bs-admin')).put('/api/packages/baishan/parameters/handlingLimit', { value: '90日 自 receivedAt' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ unchanged: false, parameter: { id: 'handlingLimit', value: '90日 自 receivedAt', previous: '60日 自 receivedAt' } });
  });

  it('白山中院’s 流程管理员 imports and publishes a new edition; the export re-imports unchanged', async () => {
    const admin = await as('jl-bs-admin');
    const zip = await zipOf(await baishanFiles((files) => editManifest(files, (m) => { m.version = 2; })));
    const r = await admin.upload(zip);
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(201);
    const v = r.body.package.version;
    const pub = await admin.post('/api/packages/baishan/publish', { version: v });
    expect(pub.status, JSON.stringify(pub.body).slice(0, 600)).toBe(200);
    const exported = await admin.download(`/api/packages/baishan/export?version=${v}`);
    expect(exported.status).toBe(200);
    expect((await readZip(exported.body)).problems).toEqual([]);
    const again = await admin.upload(exported.body);
    expect(again.status).toBe(200);
    expect(again.body.unchanged).toBe(true);
  });

  it('a 高院 administrator of another province may not publish, edit or re-import it (403, named owner)', async () => {
    const hainan = await as('admin');
    const put = await hainan.put('/api/packages/baishan/parameters/handlingLimit', { value: '30日 自 receivedAt' });
    expect(put.status).toBe(403);
    expect(put.body.error.message).toBe('程序包「baishan」属于白山市中级人民法院，不在您所在法院的管理范围内');
    expect((await hainan.post('/api/packages/baishan/publish')).status).toBe(403);
    expect((await hainan.post('/api/packages/baishan/draft')).status).toBe(403);
    const edition3 = await zipOf(await baishanFiles((files) => editManifest(files, (m) => { m.version = 3; })));
    expect((await hainan.upload(edition3)).status).toBe(403);
    expect((await hainan.get('/api/packages/baishan/conflicts')).status).toBe(403);
  });

  it('another 中院 of the province (长春) may not edit it, nor open its cases', async () => {
    expect((await (await as('jl-cc-admin')).put('/api/packages/baishan/parameters/handlingLimit', { value: '30日 自 receivedAt' })).status).toBe(403);
    const c = await (await as('jl-cc-shencha')).post('/api/cases', {
      process: 'baishanSupervision', supervisedCourt: 'jl-cc-cy',
      data: { receivedAt: '2026-01-05', sources: { s6: true }, enforcementCaseNo: '（2026）吉0104执1号', parties: '甲、乙', summary: '反映执行不力。' },
    });
    expect(c.status).toBe(403);
    expect(c.body.error.message).toContain('只能在发布法院辖区内立案使用');
  });

  it('a manifest naming an issuer it may not act for is refused (403), an unknown issuer precisely (422), nothing written', async () => {
    const zip = async (issuer: string) => zipOf(await baishanFiles((files) => {
      for (const [k, v] of files) if (k.endsWith('.bpmn') || k === 'manifest.json') files.set(k, Buffer.from(v.toString('utf8').replaceAll('baishan/', 'baishan-copy/').replace(/baishan(Supervision|QualityReview|PeriodicNotice)/g, 'copy$1')));
      editManifest(files, (m) => { m.id = 'baishan-copy'; m.issuer = issuer; });
    }));
    expect((await (await as('admin')).upload(await zip('jl-bs-zy'))).status).toBe(403);
    const unknown = await (await as('jl-admin')).upload(await zip('jl-nowhere'));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toBe('清单的发布法院「jl-nowhere」不是吉林省的法院');
    expect((await (await as('jl-bs-admin')).get('/api/packages/baishan-copy')).status).toBe(404);
  });

  it('第二十四条: the higher rules it sits under, and the conflicts with a 吉林高院 package the platform can detect', async () => {
    const before = await (await as('jl-bs-admin')).get('/api/packages/baishan/conflicts');
    expect(before.body.higherRules.map((r: { issuer?: string }) => r.issuer)).toEqual(['spc', 'spc', 'jl-gy']);
    expect(before.body.conflicts).toEqual([]);
    const jl = await as('jl-admin');
    const imported = await jl.upload(await provincePackage());
    expect(imported.status, JSON.stringify(imported.body).slice(0, 600)).toBe(201);
    expect((await jl.post('/api/packages/jl-province/publish')).status).toBe(200);
    const after = await (await as('jl-bs-admin')).get('/api/packages/baishan/conflicts');
    expect(after.body.higherPackages).toEqual([{ id: 'jl-province', title: '吉林法院执行督办（测试）', owner: 'jl-gy' }]);
    const kinds = after.body.conflicts.map((c: { kind: string; own: string }) => `${c.kind}:${c.own}`);
    expect(kinds).toEqual(expect.arrayContaining(['start:受理执行监督事项', 'inspection:常规评查（已执结案件定期抽查）', 'period:handlingLimit']));
    // Only the differing deadline is a period conflict: the other steps have the same deadlines.
    expect(kinds.filter((k: string) => k.startsWith('period:'))).toEqual(['period:handlingLimit']);
    const period = after.body.conflicts.find((c: { kind: string }) => c.kind === 'period');
    expect(period).toMatchObject({ prevails: 'jl-province' });
    // The live version is edition 2, imported from the shipped files (60日) after the change above.
    expect(period.message).toBe('「执行监督事项办结时限」的期限不同：本包为「60日 自 receivedAt」（白山规定 第九条），上级程序包「吉林法院执行督办（测试）」为「30日 自 receivedAt」（白山规定 第九条），以上级法院的规定为准');
    // The 高院's own package has no higher package.
    expect((await jl.get('/api/packages/jl-province/conflicts')).body.conflicts).toEqual([]);
  });
});
