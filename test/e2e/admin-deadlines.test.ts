// A 流程管理员 changes a Hainan deadline in 期限一览: the clause behind it beside the value, a
// live preview of the new notation, the new version published with the dry run over the open
// cases (案号, 原到期, 新到期), then the migration. Before that, the package list: a zip imported
// with upload progress — a broken one refused with a readable problem list (file, element,
// line, reason), the exported Hainan package re-imported as the same content.
import { existsSync } from 'node:fs';
import path from 'node:path';
import supertest from 'supertest';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, ROOT, startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let pkg = 'hainan';
let paramLabel = '审查信访材料期限';
let caseNo = '';
let caseId = '';

function zip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) z.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data), name);
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('error', reject).on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A one-task package, for a checkout without the shipped Hainan package. */
async function smallPackage(): Promise<Buffer> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://duban.court/bpmn">
  <bpmn:process id="e2eReview" name="审查" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="reviewComplaint" name="审查信访材料" camunda:formKey="e2e-pkg/review" camunda:candidateGroups="{court: supervisingCourt, role: &quot;审查人员&quot;}" camunda:dueDate="5日 自 complaintReceivedAt">
      <bpmn:documentation>第一条</bpmn:documentation><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="reviewComplaint" />
    <bpmn:sequenceFlow id="f2" sourceRef="reviewComplaint" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
  return zip({
    'manifest.json': JSON.stringify({
      id: 'e2e-pkg', province: '海南省', title: '测试督办', version: '1.0.0',
      regulation: { title: '测试办法', effective: '2020-01-01', articles: 'articles.json' },
      processes: [{ key: 'e2eReview', file: 'review.bpmn', title: '审查' }],
      forms: ['e2e-pkg/review'],
      parameters: [{ id: 'reviewPeriod', label: '审查信访材料期限', element: 'reviewComplaint', value: '5日 自 complaintReceivedAt', basis: '第一条' }],
    }),
    'articles.json': JSON.stringify({ documents: [{ id: '测试办法', title: '测试办法', articles: [{ no: '第一条', text: '收到信访材料后五日内审查。' }] }] }),
    'processes/review.bpmn': xml,
    'forms/review.json': JSON.stringify({ display: 'form', components: [{ type: 'textarea', key: 'opinion', label: '审查意见', input: true }] }),
  });
}

/** A signed-in supertest agent for what JSON helpers cannot send (zip bodies and answers). */
async function raw(username: string) {
  const agent = supertest.agent(e.url);
  const r = await agent.post('/api/session').send({ username, password: PASSWORD });
  return { agent, token: r.body.csrfToken as string };
}

beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1440, height: 900 } });
  const admin = await e.api('admin');
  await setClock(admin, '2026-11-03 09:00');
  const list = (await admin.get('/api/packages')).body.packages as { id: string; live: unknown }[];
  const shipped = existsSync(path.join(ROOT, 'processes', 'hainan', 'manifest.json')) && list.some((p) => p.id === 'hainan' && p.live);
  let process = 'hainanSupervision';
  if (!shipped) {
    pkg = 'e2e-pkg';
    process = 'e2eReview';
    const { agent, token } = await raw('admin');
    const r = await agent.post('/api/packages').set('X-CSRF-Token', token).set('Content-Type', 'application/zip').send(await smallPackage());
    expect(r.status).toBe(201);
    expect((await admin.post(`/api/packages/${pkg}/publish`)).status).toBe(200);
  }
  // An open case whose first task counts 5 days from the complaint: due Mon 2026-11-09 24:00
  // (the 7th is a Saturday: the last day rolls to the next working day).
  // 立案 as the package declares it: a 审查人员 of the 高院, with the start form's data.
  const c = await (await e.api('hi-gy-shencha')).post('/api/cases', {
    process,
    supervisedCourt: 'hi-hk-zy',
    data: { enforcementCaseNo: '（2026）琼01执77号', complaintReceivedAt: '2026-11-02', source: '本院申诉信访系统录入交办', parties: '申请执行人甲，被执行人乙' },
  });
  expect(c.status).toBe(201);
  caseNo = c.body.case.caseNo;
  caseId = c.body.case.id;
  if (!shipped) paramLabel = '审查信访材料期限';
});
afterAll(() => e?.close());

describe('packages: import with progress and problems, export', () => {
  it('refuses a broken zip with every problem: file, element, line, reason', async () => {
    const { page } = e;
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/packages`);
    await expect.poll(() => page.locator('[data-test="packages-table"]').textContent(), { timeout: 30_000 }).toContain(pkg);
    const broken = await zip({
      'manifest.json': JSON.stringify({ id: 'broken-pkg', province: '海南省', title: '有问题的程序包', version: 1, processes: [], forms: [], parameters: [] }),
      'notes.txt': '不应出现在程序包中',
    });
    e.allow({ text: /status of 422/, url: /\/api\/packages$/ });
    await page.locator('[data-test="import-file"]').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: broken });
    const problems = page.locator('[data-test="problem-list"]');
    await problems.waitFor();
    expect(await page.locator('[data-test="upload-progress"]').textContent()).toContain('broken.zip');
    const text = await problems.textContent();
    expect(text).toContain('manifest.json');
    expect(text).toContain('notes.txt');
    expect(await problems.locator('.el-table__body tr').count()).toBeGreaterThan(2);
    await e.shot('admin-import-problems');
  });

  it('exports a package and imports it back as the same content', async () => {
    const { page } = e;
    const { agent } = await raw('admin');
    const exported = await agent.get(`/api/packages/${pkg}/export`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(exported.status).toBe(200);
    await page.locator('[data-test="import-file"]').setInputFiles({ name: `${pkg}.zip`, mimeType: 'application/zip', buffer: exported.body as Buffer });
    await page.locator('.el-message--success').waitFor();
    expect(await page.locator('.el-message--success').textContent()).toContain('相同');
    await e.shot('admin-import-same');
  });
});

describe('期限一览: change a deadline, see the open cases, migrate', () => {
  it('lists every deadline with its basis and value, the article beside it', async () => {
    const { page } = e;
    await page.goto(`${e.url}/admin/deadlines/${pkg}`);
    const table = page.locator('[data-test="deadlines-table"]');
    const row = table.locator('.el-table__body tr', { hasText: paramLabel }).first();
    await row.waitFor();
    // The variable by its Chinese label from Hainan's data dictionary.
    expect(await row.textContent()).toContain(pkg === 'hainan' ? '5日 自 收到信访材料之日' : '5日 自 complaintReceivedAt');
    await row.locator('.el-table__expand-icon').click();
    await expect.poll(() => table.textContent()).toContain('第');
    await e.shot('admin-deadlines');
  });

  it('previews the new notation, publishes it and shows the dry run over the open cases', async () => {
    const { page } = e;
    const row = page.locator('[data-test="deadlines-table"] .el-table__body tr', { hasText: paramLabel }).first();
    await row.locator('[data-test="change-deadline"]').click();
    const dialog = page.locator('[data-test="deadline-dialog"]');
    // Typed with the Chinese label where the package has a dictionary.
    await dialog.locator('input[data-test="deadline-input"]').fill(pkg === 'hainan' ? '10日 自 收到信访材料之日' : '10日 自 complaintReceivedAt');
    await expect.poll(() => dialog.locator('[data-test="deadline-preview"]').textContent()).toContain('届满');
    await e.shot('admin-deadline-edit');
    await dialog.locator('[data-test="publish-deadline"]').click();
    const dry = dialog.locator('[data-test="dry-run-table"]');
    await dry.waitFor();
    const text = await dry.textContent();
    expect(text).toContain(caseNo);
    expect(text).toContain('2026/11/09 24:00'); // 原到期
    expect(text).toContain('2026/11/12 24:00'); // 新到期
    expect(text).toContain('可迁移');
    await e.shot('admin-deadline-dry-run');
  });

  it('migrates the open cases to the new version', async () => {
    const { page } = e;
    const dialog = page.locator('[data-test="deadline-dialog"]');
    await dialog.locator('[data-test="migrate"]').click();
    await expect.poll(() => dialog.textContent(), { timeout: 60_000 }).toContain('迁移结果');
    expect(await dialog.locator('[data-test="migration-result"]').textContent()).toContain('已迁移');
    await e.shot('admin-deadline-migrated');
    const admin = await e.api('admin');
    const c = (await admin.get(`/api/cases/${caseId}`)).body;
    const task = (c.tasks ?? c.case.openTasks)[0];
    expect(new Date(task.dueAt).toISOString()).toBe('2026-11-12T16:00:00.000Z');
    await dialog.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => page.locator('[data-test="deadlines-table"]').textContent(), { timeout: 30_000 })
      .toContain(pkg === 'hainan' ? '10日 自 收到信访材料之日' : '10日 自 complaintReceivedAt');
    const stored = (await admin.get(`/api/packages/${pkg}`)).body.package.parameters.find((p: { label: string }) => p.label === paramLabel || p.label.startsWith(paramLabel));
    expect(stored.value).toBe('10日 自 complaintReceivedAt'); // stored by variable name
    e.assertClean();
  });
});
