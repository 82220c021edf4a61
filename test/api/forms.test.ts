// Forms over HTTP: immutable revisions, the save policy, roles, pinning at deploy, a case
// keeping its forms until migrated, the task's form with prefill, and validated completion.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startScenario, type Scenario } from '../scenarios/helpers';

let s: Scenario;
beforeAll(async () => {
  s = await startScenario();
});
afterAll(() => s?.close());

const enc = (key: string) => encodeURIComponent(key);
const letter = (extra: object[] = []) => ({
  title: '督办函（接口测试）',
  components: [
    { type: 'textfield', key: 'letterNo', label: '督办函文号', input: true, validate: { required: true } },
    { type: 'select', key: 'period', label: '报告期限', input: true, data: { values: [{ label: '十五日', value: '15日' }] } },
    ...extra,
  ],
});

describe('form revisions', () => {
  it('saves revision 1, the same schema again is no new revision, a change is revision 2; old revisions stay readable', async () => {
    const first = await s.admin.post(`/api/forms/${enc('apitest/letter')}/revisions`, { schema: letter() });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ key: 'apitest/letter', revision: 1, unchanged: false });
    const again = await s.admin.post('/api/forms/apitest/letter/revisions', { schema: letter() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 1, unchanged: true });
    const changed = await s.admin.post('/api/forms/apitest/letter/revisions', {
      schema: letter([{ type: 'textarea', key: 'body', label: '正文', input: true }]),
    });
    expect(changed.body.revision).toBe(2);

    const latest = await s.admin.get(`/api/forms/${enc('apitest/letter')}`);
    expect(latest.status).toBe(200);
    expect(latest.body.form).toMatchObject({ key: 'apitest/letter', revision: 2, createdBy: 'admin' });
    const old = await s.admin.get('/api/forms/apitest/letter?revision=1');
    expect(old.body.form.schema.components.map((c: any) => c.key)).toEqual(['letterNo', 'period']);
    expect((await s.admin.get('/api/forms/apitest/letter/revisions/1')).body.form.revision).toBe(1);
    const list = await s.admin.get('/api/forms/apitest/letter/revisions');
    expect(list.body.revisions.map((r: any) => r.revision)).toEqual([1, 2]);
    expect(list.body.revisions[0].schemaJson).toBeUndefined();
    const all = await s.admin.get('/api/forms?package=apitest');
    expect(all.body.forms).toEqual([expect.objectContaining({ key: 'apitest/letter', revision: 2 })]);
  });

  it('stores the forced settings (onlyAvailableItems) with the revision', async () => {
    const r = await s.admin.get('/api/forms/apitest/letter');
    expect(r.body.form.schema.components[1].validate.onlyAvailableItems).toBe(true);
  });

  it('refuses a schema that breaks the policy with 422 and one Chinese detail per violation', async () => {
    const bad = {
      components: [
        { type: 'textfield', key: '文号', label: '文号' },
        { type: 'textfield', key: 'a', label: 'A', validate: { custom: 'valid = true' } },
        { type: 'select', key: 's', label: 'S', dataSrc: 'url', data: { url: 'http://x/' } },
      ],
    };
    const r = await s.admin.post('/api/forms/apitest/bad/revisions', { schema: bad });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.field)).toEqual(['文号', 'a', 's']);
    for (const d of r.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await s.admin.get('/api/forms/apitest/bad')).status).toBe(404);
  });

  it('answers bad input: no schema 400, a bad key 422, an unknown form or revision 404', async () => {
    expect((await s.admin.post('/api/forms/apitest/x/revisions', {})).status).toBe(400);
    expect((await s.admin.post('/api/forms/Bad Key/x/revisions', { schema: letter() })).status).toBe(404);
    expect((await s.admin.get('/api/forms/apitest/none')).status).toBe(404);
    expect((await s.admin.get('/api/forms/apitest/letter?revision=9')).status).toBe(404);
    expect((await s.admin.get('/api/forms/apitest/letter?revision=x')).status).toBe(400);
  });

  it('reading needs a signed-in user; saving needs a 流程管理员 and the CSRF token', async () => {
    expect((await s.p.request().get('/api/forms/apitest/letter')).status).toBe(401);
    const handler = await s.as('hi-hk-chengban');
    expect((await handler.get('/api/forms/apitest/letter')).status).toBe(200);
    expect((await handler.post('/api/forms/apitest/letter/revisions', { schema: letter() })).status).toBe(403);
    const { agent } = await s.p.login('admin');
    expect((await agent.post('/api/forms/apitest/letter/revisions').send({ schema: letter() })).status).toBe(403);
  });
});

describe('pinning at deploy', () => {
  it('refuses a diagram whose form has no revision: one Chinese problem per task', async () => {
    const xml = fixture('report-supervision.bpmn')
      .replace('formKey="test/report"', 'formKey="apitest/missingReport"')
      .replace('formKey="test/review"', 'formKey="apitest/missingReview"');
    const r = await s.admin.post('/api/definitions', { packageId: 'test', xml });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.element).sort()).toEqual(['reportInWriting', 'reviewReport']);
    for (const d of r.body.error.details) expect(d.message).toMatch(/表单.*不存在/);
  });

  it('pins the latest revision of every form; a new revision makes the same diagram a new version', async () => {
    const v1 = await s.admin.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') });
    expect(v1.status).toBe(201);
    expect(v1.body.forms).toEqual({ 'test/report': 1, 'test/urge': 1, 'test/review': 1 });
    const same = await s.admin.post('/api/definitions', { packageId: 'test', xml: fixture('report-supervision.bpmn') });
    expect(same.body).toMatchObject({ version: v1.body.version, unchanged: true });
  });
});

describe('seeding forms/<package-id>/*.json', () => {
  it('saves each file under the policy, reports the ones that break it, and is idempotent', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-forms-'));
    try {
      await mkdir(path.join(dir, 'seedtest'));
      await writeFile(path.join(dir, 'seedtest', 'good.json'), JSON.stringify(letter()));
      await writeFile(path.join(dir, 'seedtest', 'evil.json'), JSON.stringify({ components: [{ type: 'textfield', key: 'a', customConditional: 'show = true' }] }));
      await writeFile(path.join(dir, 'seedtest', 'broken.json'), '{ not json');
      const forms = s.p.platform.services.forms;
      const first = await forms.seedForms(dir);
      expect(first.created).toEqual([{ key: 'seedtest/good', revision: 1 }]);
      expect(first.problems.map((p) => p.file).sort()).toEqual(['seedtest/broken.json', 'seedtest/evil.json']);
      for (const p of first.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
      const again = await forms.seedForms(dir);
      expect(again).toMatchObject({ created: [], unchanged: ['seedtest/good'] });
      // An administrator's later revision survives a restart's seeding; a changed file is applied.
      await forms.saveRevision('seedtest/good', letter([{ type: 'textarea', key: 'adminAdded', label: '管理员增加', input: true }]), { username: 'admin' });
      expect((await forms.seedForms(dir)).unchanged).toEqual(['seedtest/good']);
      expect((await forms.latest('seedtest/good'))!.revision).toBe(2);
      await writeFile(path.join(dir, 'seedtest', 'good.json'), JSON.stringify(letter([{ type: 'textarea', key: 'shipped', label: '新版', input: true }])));
      expect((await forms.seedForms(dir)).created).toEqual([{ key: 'seedtest/good', revision: 3 }]);
      expect(await forms.seedForms(path.join(dir, 'missing'))).toEqual({ created: [], unchanged: [], problems: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('seeded the test diagrams\' forms at start', async () => {
    expect((await s.admin.get('/api/forms/test/report')).body.form).toMatchObject({ revision: 1, createdBy: 'system' });
  });
});
