// The packages that ship in processes/ + forms/ are installed and published on first start,
// once: a restart changes nothing, an administrator's later change is kept, and a shipped
// package that fails validation is logged and skipped without stopping the others.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED, sampleFiles } from '../unit/packages/fixtures/harness';
import { startPackagesPlatform, type PackagesPlatform } from '../unit/packages/fixtures/platform';

let s: PackagesPlatform;
let root: string;
beforeAll(async () => {
  s = await startPackagesPlatform();
  root = await mkdtemp(path.join(os.tmpdir(), 'duban-shipped-'));
  await cp(SHIPPED, root, { recursive: true });
  // Shipped as 海南's package, so that 海南's administrator (admin) owns it (server/packages/owners.ts).
  const sample = path.join(root, 'processes', 'sample', 'manifest.json');
  await writeFile(sample, (await readFile(sample, 'utf8')).replace('"province": "测试省"', '"province": "海南省"'));
  // A second shipped package with a script task: refused, the sample still installs.
  await cp(path.join(root, 'processes', 'sample'), path.join(root, 'processes', 'broken'), { recursive: true });
  const bpmn = path.join(root, 'processes', 'broken', 'report.bpmn');
  await writeFile(bpmn, (await readFile(bpmn, 'utf8')).replace('<bpmn:endEvent id="reviewed" name="审查完毕"/>',
    '<bpmn:scriptTask id="evil"><bpmn:script>1</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="reviewed" name="审查完毕"/>'));
  const manifest = path.join(root, 'processes', 'broken', 'manifest.json');
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"id": "sample"', '"id": "broken"'));
});
afterAll(async () => {
  await s?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('installShipped', () => {
  it('installs and publishes a valid shipped package and skips (with its problems) an invalid one', async () => {
    const summary = await s.packages.installShipped(root);
    expect(summary.installed).toEqual([{ id: 'sample', version: 1 }]);
    const broken = summary.failed.find((f) => f.id === 'broken')!;
    expect(broken.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['SCRIPT_TASK', 'FORM_NAMESPACE']));
    const pkg = (await s.admin.get('/api/packages/sample')).body.package;
    expect(pkg).toMatchObject({ status: 'published', source: 'shipped', createdBy: 'system', deployed: [{ key: 'sampleReport', version: 1 }] });
    expect((await s.admin.get('/api/packages/broken')).status).toBe(404);
  });

  it('is idempotent across restarts', async () => {
    const before = await s.counts();
    const summary = await s.packages.installShipped(root);
    expect(summary.installed).toEqual([]);
    expect(summary.skipped).toEqual([{ id: 'sample', reason: expect.stringContaining('1.0.0') }]);
    expect(await s.counts()).toEqual(before);
  });

  it("keeps an administrator's parameter change; a new edition is installed and published", async () => {
    expect((await s.admin.put('/api/packages/sample/parameters/reportOverdue', { value: '7日' })).status).toBe(200);
    expect((await s.packages.installShipped(root)).installed).toEqual([]);
    expect((await s.admin.get('/api/packages/sample')).body.package.version).toBe(2);
    const manifest = path.join(root, 'processes', 'sample', 'manifest.json');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"version": "1.0.0"', '"version": "1.1.0"'));
    expect((await s.packages.installShipped(root)).installed).toEqual([{ id: 'sample', version: 3 }]);
    const pkg = (await s.admin.get('/api/packages/sample')).body.package;
    expect(pkg).toMatchObject({ version: 3, edition: '1.1.0', status: 'published' });
  });

  it('two server processes starting at once install it once', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'duban-shipped-'));
    try {
      for (const [p, data] of sampleFiles('twin')) {
        const target = p.startsWith('forms/') ? path.join(other, 'forms', 'twin', p.slice(6)) : path.join(other, 'processes', 'twin', p.replace(/^processes\//, ''));
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, data);
      }
      const [a, b] = await Promise.all([s.packages.installShipped(other), s.packages.installShipped(other)]);
      expect([...a.installed, ...b.installed]).toEqual([{ id: 'twin', version: 1 }]);
      expect([...a.failed, ...b.failed]).toEqual([]);
      const defs = (await s.admin.get('/api/definitions?packageId=twin')).body.definitions;
      expect(defs.map((d: any) => [d.key, d.version])).toEqual([['twinReport', 1]]);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('a missing directory is nothing to install', async () => {
    expect(await s.packages.installShipped(path.join(root, 'nowhere'))).toEqual({ installed: [], skipped: [], failed: [] });
  });
});

describe('the package detail carries its period coverage', () => {
  it('each period of the articles with what enforces it and the diagram file of that element', async () => {
    await s.packages.installShipped(root);
    const pkg = (await s.admin.get('/api/packages/sample')).body.package;
    expect(pkg.coverage.figure).toEqual({ stated: 2, bound: 2, explained: 0, open: 0 });
    expect(pkg.coverage.periods.map((p: { key: string; sentence: string }) => [p.key, p.sentence])).toEqual([
      ['测试办法 第四条 五日内', '下级法院应当自收到督办函之日起五日内书面报告执行情况。'],
      ['测试办法 第五条 逾期', '逾期未报告的，督办法院应当通报。'],
    ]);
    expect(pkg.coverage.periods[0].bindings).toEqual([expect.objectContaining({ parameter: 'reportPeriod', element: 'reportInWriting', file: 'report.bpmn', how: 'auto' })]);
  });
});
