// An administrator changes a deadline of a live package: the notation is checked, written into
// the diagram, a new package version and a new definition version are published, and the answer
// is the migration dry run listing the running case with its old and new due instants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../server/packages';
import { editJson, sampleFiles, zipOf } from '../unit/packages/fixtures/harness';
import { startPackagesPlatform, type PackagesPlatform } from '../unit/packages/fixtures/platform';

let s: PackagesPlatform;
let caseId: string;
beforeAll(async () => {
  s = await startPackagesPlatform();
  expect((await s.admin.upload('/api/packages', await zipOf(sampleFiles()))).status).toBe(201);
  expect((await s.admin.post('/api/packages/sample/publish')).status).toBe(200);
  await s.setClock('2026-11-02T01:00:00.000Z'); // Monday 09:00 in Beijing, no holiday near
  const c = await (await s.as('hi-gy-chengban')).post('/api/cases', { process: 'sampleReport', supervisedCourt: 'hi-hk-zy' });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  caseId = c.body.case.id;
});
afterAll(() => s?.close());

const put = (param: string, value: unknown) => s.admin.put(`/api/packages/sample/parameters/${param}`, { value });

describe('PUT /api/packages/:id/parameters/:paramId', () => {
  it('refuses a notation the calendar cannot read, and an unknown parameter, changing nothing', async () => {
    const before = await s.counts();
    const bad = await put('reportOverdue', '五个星期左右');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'value' });
    expect(bad.body.error.message).toMatch(/期限写法有误/);
    expect((await put('nope', '5日')).status).toBe(404);
    expect((await put('reportOverdue', '')).status).toBe(400);
    expect((await put('reportOverdue', '5日')).body).toMatchObject({ unchanged: true });
    expect(await s.counts()).toEqual(before);
  });

  it('writes the value into the diagram, publishes version 2 and answers with the dry run', async () => {
    const r = await put('reportOverdue', '10日');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      unchanged: false,
      version: 2,
      parameter: { id: 'reportOverdue', value: '10日', previous: '5日', element: 'reportOverdue' },
      definition: { key: 'sampleReport', fromVersion: 1, toVersion: 2 },
      migration: { dryRun: true, fromVersions: [1], toVersion: 2, counts: { 'would-migrate': 1 } },
    });
    const entry = r.body.migration.cases.find((c: any) => c.caseId === caseId);
    expect(entry.status).toBe('would-migrate');
    const overdue = entry.changes.find((c: any) => c.element === 'reportOverdue');
    expect(overdue.before).toBeTruthy();
    expect(Date.parse(overdue.after)).toBeGreaterThan(Date.parse(overdue.before));
    // A dry run: the case stays where it is.
    expect((await s.admin.get(`/api/cases/${caseId}`)).body.case.definition.version).toBe(1);
  });

  it('keeps the history: version 1 replaced, version 2 live with the new value, exported diagram changed', async () => {
    const pkg = (await s.admin.get('/api/packages/sample')).body.package;
    expect(pkg).toMatchObject({ version: 2, status: 'published', source: 'parameter', deployed: [{ key: 'sampleReport', version: 2 }] });
    expect(pkg.change).toMatchObject({ parameter: 'reportOverdue', from: '5日', to: '10日', fromVersion: 1 });
    expect(pkg.versions.map((v: any) => [v.version, v.status])).toEqual([[1, 'replaced'], [2, 'published']]);
    expect(pkg.parameters.find((p: any) => p.id === 'reportOverdue').value).toBe('10日');
    const zip = await readZip((await s.admin.download('/api/packages/sample/export')).body);
    const xml = zip.files.get('processes/report.bpmn')!.toString('utf8');
    expect(xml).toMatch(/<bpmn:timeDuration>10日<\/bpmn:timeDuration>/);
    expect(xml).toMatch(/届满前2日预警 5日/);
    const defs = (await s.admin.get('/api/definitions?packageId=sample')).body.definitions;
    expect(defs.map((d: any) => d.version)).toEqual([1, 2]);
  });

  it('changes a task due date too; the exported package re-imports as the same package', async () => {
    const r = await put('reportPeriod', '8日');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // The case never moved off version 1: the dry run covers every earlier version.
    expect(r.body.migration.fromVersions).toEqual([1, 2]);
    const entry = r.body.migration.cases.find((c: any) => c.caseId === caseId);
    expect(entry.fromVersion).toBe(1);
    const task = entry.changes.find((c: any) => c.element === 'reportInWriting');
    expect(task.kind).toBe('task');
    expect(Date.parse(task.after)).toBeGreaterThan(Date.parse(task.before));
    const exported = (await s.admin.download('/api/packages/sample/export')).body;
    const again = await s.admin.upload('/api/packages', exported);
    expect(again.body).toMatchObject({ unchanged: true, package: { version: 3 } });
  });

  it('then the administrator migrates the running case for real', async () => {
    const r = await s.admin.post('/api/definitions/sampleReport/migrate', { fromVersion: 1, toVersion: 3, dryRun: false });
    expect(r.body.counts).toMatchObject({ migrated: 1 });
    expect((await s.admin.get(`/api/cases/${caseId}`)).body.case.definition.version).toBe(3);
  });

  it('a draft imported before a change cannot be published over it', async () => {
    const draft = await s.admin.upload('/api/packages', await zipOf(editJson(sampleFiles(), 'manifest.json', (m) => { m.title = '修订稿'; })));
    expect(draft.body.package).toMatchObject({ version: 4, status: 'draft' });
    expect((await put('reportWarning', '届满前1日预警 5日')).body.version).toBe(5);
    const r = await s.admin.post('/api/packages/sample/publish', { version: 4 });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/早于现行版本 5/);
    expect((await s.admin.get('/api/packages/sample')).body.package).toMatchObject({ version: 5, status: 'published' });
  });
});
