// A 流程管理员 edits the shipped Hainan package as a draft kept on the server: the workspace
// fields take typing (D4), a deep link to the modeler in a fresh page loads the draft from the
// server and opens the big diagram readable (D16), the deadline is typed with the data
// dictionary's Chinese label (D13) and stored by variable name. Meanwhile another deadline is
// changed in 期限一览: publishing the stale draft is refused in Chinese, 合并到现行版本 re-applies
// it, the publish dialog lists what changes (D9), and the open case is dry-run and migrated.
// Then the version history names who published what, and compares two versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let caseNo = '';
let caseId = '';
const LABEL = '审查信访材料期限（七个工作日）';

beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1440, height: 900 } });
  const admin = await e.api('admin');
  await setClock(admin, '2026-11-03 09:00');
  // A 流程管理员 does not open cases of a declared process: the 审查人员 does (manifest startForms).
  const c = await (await e.api('hi-gy-shencha')).post('/api/cases', {
    process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy',
    data: { complaintReceivedAt: '2026-11-02', source: '本院申诉信访系统录入交办', enforcementCaseNo: '（2026）琼01执88号', parties: '申请执行人张三，被执行人海口某公司' },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  caseNo = c.body.case.caseNo;
  caseId = c.body.case.id;
});
afterAll(() => e?.close());

const saved = () => e.page.locator('[data-test="save-state"]').textContent();

describe('a draft of the Hainan package, kept on the server', () => {
  it('opens the draft from the package list; every workspace text field takes typing (D4)', async () => {
    const { page } = e;
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/packages`);
    await page.locator('[data-test="packages-table"] .el-table__body tr', { hasText: 'hainan' }).locator('[data-test="edit-package"]').click();
    await page.waitForURL(/\/admin\/workspace\/hainan/);
    await expect.poll(() => page.locator('[data-test="draft-meta"]').textContent(), { timeout: 30_000 }).toContain('草稿，基于版本 1');

    await page.getByRole('tab', { name: '期限' }).click();
    const row = page.locator('[data-test="workspace-parameters"] .el-table__body tr', { hasText: '5日 自 收到信访材料之日' }).first();
    const label = row.locator('input[data-test="parameter-label"]');
    await label.click();
    await label.press('Control+A');
    await label.pressSequentially(LABEL);
    await expect.poll(() => label.inputValue()).toBe(LABEL);

    await page.getByRole('tab', { name: '基本信息' }).click();
    const docNo = page.locator('input[data-test="info-docNo"]');
    await docNo.click();
    await docNo.pressSequentially('琼高法发〔2010〕88号');
    await expect.poll(() => docNo.inputValue()).toBe('琼高法发〔2010〕88号');

    await page.getByRole('tab', { name: '条文' }).click();
    const article = page.locator('textarea[data-test="article-text"]').first();
    const before = await article.inputValue();
    await article.click();
    await article.press('End');
    await article.pressSequentially('（试行）');
    await expect.poll(() => article.inputValue()).toBe(`${before}（试行）`);
    await expect.poll(saved, { timeout: 30_000 }).toContain('已保存（海南高院管理员');
    await e.shot('admin-draft-workspace');

    // On the server, for every administrator of 海南高院.
    const draft = (await (await e.api('admin')).get('/api/packages/hainan/draft')).body.draft;
    expect(draft.content.manifest.regulation.docNo).toBe('琼高法发〔2010〕88号');
    expect(draft.content.manifest.parameters.find((p: { id: string }) => p.id === 'complaintReviewPeriod').label).toBe(LABEL);
    expect(draft.content.articles.documents[0].articles[0].text).toBe(`${before}（试行）`);
  });

  it('a deep link to the modeler in a fresh page loads the draft; the big diagram opens readable; the deadline is typed by label (D5, D13, D16)', async () => {
    const fresh = await e.context.newPage();
    try {
      await fresh.goto(`${e.url}/admin/workspace/hainan/process/supervision.bpmn?element=reviewComplaint`);
      await fresh.locator('.djs-palette').waitFor({ timeout: 60_000 });
      const zoom = await fresh.evaluate(() => (globalThis as unknown as { __dubanModeler: { get(s: string): { zoom(): number } } }).__dubanModeler.get('canvas').zoom());
      expect(zoom).toBeGreaterThanOrEqual(0.74);
      // The palette does not cover the selected task.
      const palette = (await fresh.locator('.djs-palette').boundingBox())!;
      const task = (await fresh.locator('.djs-shape[data-element-id="reviewComplaint"]').boundingBox())!;
      expect(task.x).toBeGreaterThan(palette.x + palette.width);
      const panel = fresh.locator('[data-test="properties"]');
      const deadline = panel.locator('[data-entry-id="duban-deadline"] input');
      await expect.poll(() => deadline.inputValue(), { timeout: 30_000 }).toBe('5日 自 收到信访材料之日');
      await deadline.fill('7个工作日 自 收到信访材料之日');
      await expect.poll(() => panel.locator('[data-test="deadline-preview"]').textContent(), { timeout: 30_000 }).toMatch(/届满/);
      await e.shot('admin-draft-modeler');
      // Back to the workspace: the save waits for nothing, the list shows the label.
      await fresh.getByText('← 海南法院执行案件督办').click();
      await fresh.getByRole('tab', { name: '期限' }).click();
      await expect.poll(() => fresh.locator('[data-test="workspace-parameters"]').textContent(), { timeout: 30_000 }).toContain('7个工作日 自 收到信访材料之日');
    } finally {
      await fresh.close();
    }
    const draft = (await (await e.api('admin')).get('/api/packages/hainan/draft')).body.draft;
    expect(draft.content.diagrams['supervision.bpmn']).toContain('camunda:dueDate="7个工作日 自 complaintReceivedAt"');
    expect(draft.content.manifest.parameters.find((p: { id: string }) => p.id === 'complaintReviewPeriod').value).toBe('7个工作日 自 complaintReceivedAt');
  });

  it('refuses to publish the draft once another version went live, merges it, then publishes with the diff and migrates (D5, D9)', async () => {
    const { page } = e;
    const admin = await e.api('admin');
    // Meanwhile, in 期限一览 (another administrator): version 2.
    expect((await admin.put('/api/packages/hainan/parameters/supervisionLetterPeriod', { value: '5日' })).status).toBe(200);

    e.allow({ text: /status of 409/, url: /\/api\/packages\/hainan\/draft\/publish$/ });
    await page.reload();
    await expect.poll(() => page.locator('[data-test="draft-stale"]').textContent(), { timeout: 30_000 }).toContain('平台现行版本已是 2');
    await page.locator('[data-test="submit-publish"]').click();
    const dialog = page.locator('[data-test="publish-dialog"]');
    await dialog.locator('[data-test="publish-stale"]').waitFor({ timeout: 30_000 });
    // Confirmed anyway: the platform refuses it (409), in Chinese, with the way out.
    await dialog.locator('[data-test="confirm-publish"]').click();
    await expect.poll(() => dialog.textContent(), { timeout: 30_000 }).toContain('草稿基于版本 1，平台现行版本已是 2');
    await e.shot('admin-draft-stale-refused');
    await dialog.getByRole('button', { name: '取消' }).click();

    await page.locator('[data-test="rebase"]').click();
    await page.locator('.el-message--success', { hasText: '已把草稿的修改合并到现行版本 2' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('[data-test="draft-stale"]').count(), { timeout: 30_000 }).toBe(0);

    await page.locator('[data-test="submit-publish"]').click();
    const deadlines = dialog.locator('[data-test="diff-deadlines"]');
    await expect.poll(() => deadlines.textContent(), { timeout: 30_000 }).toContain('7个工作日 自 收到信访材料之日');
    const text = (await deadlines.textContent())!;
    expect(text).toContain('5日 自 收到信访材料之日');
    expect(text).toContain(LABEL);
    expect(text).not.toContain('制作督办函'); // merged from version 2: not a change of this draft
    expect(await dialog.locator('[data-test="diff-elements"]').textContent()).toContain('审查信访材料');
    expect(await dialog.locator('[data-test="package-diff"]').textContent()).toContain('琼高法发〔2010〕88号');
    await e.shot('admin-draft-publish-diff');

    await dialog.locator('[data-test="confirm-publish"]').click();
    // Publishing the whole Hainan package (52 forms, 4 diagrams) and dry-running the open cases.
    const outcome = dialog.locator('[data-test="published-version"], .el-alert--error');
    await outcome.first().waitFor({ timeout: 300_000 }).catch(async (err) => {
      await e.shot('admin-draft-publish-failed');
      const log = e.platform.output().split('\n').filter((l) => /publish|error|warn|"level":[45]/i.test(l)).slice(-15).join('\n');
      throw new Error(`${(err as Error).message}\n页面：${(await page.locator('body').innerText()).slice(0, 1500)}\n服务日志：${log}`);
    });
    expect(await outcome.first().textContent()).toContain('已发布版本 3');
    const dry = dialog.locator('[data-test="dry-run-table"]');
    await expect.poll(() => dry.textContent()).toContain(caseNo);
    expect(await dry.textContent()).toContain('可迁移');
    await e.shot('admin-draft-published-dry-run');
    await dialog.locator('[data-test="migrate"]').click();
    await expect.poll(() => dialog.locator('[data-test="migration-result"]').textContent(), { timeout: 120_000 }).toContain('已迁移');
    await e.shot('admin-draft-migrated');
    const c = (await admin.get(`/api/cases/${caseId}`)).body.case;
    expect(c.definition.version).toBeGreaterThan(1);
    await dialog.locator('[data-test="publish-done"]').click();
    await page.waitForURL(/\/admin\/packages$/);
    expect(await page.locator('[data-test="drafts-table"]').count()).toBe(0); // published: no stale row (D23)
  }, 600_000);

  it('shows the version history by name and compares two versions', async () => {
    const { page } = e;
    await page.locator('[data-test="packages-table"] .el-table__body tr', { hasText: 'hainan' }).locator('[data-test="package-history"]').click();
    const dialog = page.locator('[data-test="history-dialog"]');
    const table = dialog.locator('[data-test="history-table"]');
    await expect.poll(() => table.locator('.el-table__body tr').count(), { timeout: 30_000 }).toBe(3);
    const text = (await table.textContent())!;
    expect(text).toContain('草稿发布');
    expect(text).toContain('期限一览修改');
    expect(text).toContain('海南高院管理员');
    await dialog.locator('[data-test="compare-versions"]').click();
    await expect.poll(() => dialog.locator('[data-test="package-diff"]').textContent(), { timeout: 30_000 }).toContain('7个工作日');
    await e.shot('admin-history');
    e.assertClean();
  });
});
