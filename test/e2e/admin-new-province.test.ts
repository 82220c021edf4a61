// A 高院 流程管理员 adds a NEW province's 办法 entirely in the browser — no file edited, no code:
// a new package with its articles, a form designed in the Form.io builder (a text field and a
// select), a diagram drawn in the bpmn-js modeler (palette: start event, task → user task, end
// event, connections) whose user task gets its form, assignment rule, deadline and basis in the
// platform's properties panel; published from its server-side draft after a summary of what it
// adds; then a case of it runs and the task
// appears in the handler's inbox with the designed form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { addFormField, englishOnScreen, formDialogReady, modelerOn } from './adminSupport';

const PKG = 'shandong-duban';
const PROCESS = 'shandongSupervision';
const ARTICLES = [
  '第一条 为规范全省法院执行督办工作，根据有关规定，结合本省实际，制定本办法。',
  '第二条 上级人民法院对下级人民法院执行案件的督办，适用本办法。',
  '第三条 下级人民法院收到督办函后，应当在五日内报告执行情况。',
].join('\n');

let e: E2E;
let userTask = '';

beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1440, height: 900 } });
});
afterAll(() => e?.close());

const missing = (name: string) => e.page.evaluate((n) => [...((globalThis as unknown as Record<string, Set<string>>)[n] ?? [])], name);

describe('a new province in the browser', () => {
  it('creates a package with the regulation pasted and split into articles', async () => {
    const { page } = e;
    await e.signInAs('sd-admin');
    await page.goto(`${e.url}/admin/packages`);
    await page.locator('[data-test="packages-table"]').waitFor();
    await expect.poll(() => page.locator('[data-test="packages-table"] .el-loading-mask').count()).toBe(0);
    await e.shot('admin-packages');
    await page.locator('[data-test="new-package"]').click();
    const dialog = page.locator('[data-test="new-package-dialog"]');
    await dialog.locator('input[name="province"]').fill('山东省');
    await dialog.locator('input[name="title"]').fill('山东法院执行督办');
    await dialog.locator('input[name="id"]').fill(PKG);
    await dialog.locator('input[name="regulationTitle"]').fill('山东省高级人民法院执行督办工作办法');
    await dialog.locator('input[name="documentId"]').fill('山东办法');
    await dialog.locator('input[name="effective"]').fill('2020-01-01');
    await dialog.locator('input[name="effective"]').press('Enter');
    await dialog.locator('textarea[name="articlesText"]').fill(ARTICLES);
    await expect.poll(() => dialog.textContent()).toContain('已识别 3 条');
    await e.shot('admin-new-package');
    await page.locator('[data-test="create-package"]').click();
    await page.waitForURL(new RegExp(`/admin/workspace/${PKG}`));
    expect(await page.locator('[data-test="workspace-title"]').textContent()).toContain('山东省');
  });

  it('designs a form in the builder: Chinese everywhere, ASCII keys from Chinese labels', async () => {
    const { page } = e;
    // Form.io's builder and bpmn-js load only with the pages that use them.
    expect(e.requests.filter((u) => /\/assets\/(FormBuilderView|ModelerView|formio)-/.test(u))).toEqual([]);
    await page.getByRole('tab', { name: '表单' }).click();
    await page.locator('[data-test="new-form"]').click();
    await page.locator('input[name="formTitle"]').fill('执行情况报告');
    await page.locator('input[name="formName"]').fill('progressReport');
    await page.locator('[data-test="create-form"]').click();
    await page.locator('[data-test="form-builder"] .builder-components').first().waitFor();
    expect(e.requests.some((u) => /\/assets\/FormBuilderView-/.test(u))).toBe(true);
    // Every label, tooltip and option of every edit dialog the palette can open has Chinese.
    expect(await page.evaluate(() => (globalThis as unknown as { __dubanUntranslated(): unknown[] }).__dubanUntranslated())).toEqual([]);

    const textKey = await addFormField(page, 'textfield', '执行情况');
    expect(textKey).toBe('enforcementStatus');
    // The select's edit dialog, tab by tab, as the administrator sees it.
    const drop = page.locator('[data-test="form-builder"] .builder-components.drag-container').first();
    await page.locator('[data-test="form-builder"] .formcomponent[data-type="select"]').first().dragTo(drop);
    const dialog = page.locator('.formio-dialog');
    await dialog.waitFor();
    await formDialogReady(page);
    await dialog.locator('input[name="data[label]"]').fill('执行措施');
    const tabs = dialog.locator('.nav-link');
    const names = (await tabs.allTextContents()).map((t) => t.trim());
    expect(names).toEqual(['显示', '数据', '校验', '字段键', '显示条件']);
    for (let i = 0; i < names.length; i++) {
      await tabs.nth(i).click();
      expect(await englishOnScreen(page, '.formio-dialog')).toEqual([]);
      await e.shot(`admin-form-dialog-${i + 1}`);
    }
    await tabs.nth(3).click();
    await expect.poll(() => dialog.locator('input[name="data[key]"]').inputValue()).toBe('enforcementMeasures');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect(await englishOnScreen(page, '[data-test="form-builder"]')).toEqual([]);
    expect(await missing('__dubanMissingFormioKeys')).toEqual([]);
    await page.locator('[data-test="save-form"]').click();
    await page.locator('.el-message--success').waitFor();
    await e.shot('admin-form-builder');
  });

  it('draws the diagram in the modeler with the platform properties, undo and simulation', async () => {
    const { page } = e;
    await page.getByText('← 山东法院执行督办').click();
    await page.getByRole('tab', { name: '流程图' }).click();
    await page.locator('[data-test="new-process"]').click();
    await page.locator('input[name="processTitle"]').fill('执行督办');
    await page.locator('input[name="processKey"]').fill(PROCESS);
    expect(e.requests.filter((u) => /\/assets\/ModelerView-/.test(u))).toEqual([]);
    await page.locator('[data-test="create-process"]').click();
    await page.locator('.djs-palette').waitFor();
    expect(e.requests.some((u) => /\/assets\/ModelerView-/.test(u))).toBe(true);
    // Palette and context pad in Chinese.
    const titles = await page.locator('.djs-palette .entry').evaluateAll((es) => es.map((x) => x.getAttribute('title') ?? ''));
    expect(titles.filter((t) => /[A-Za-z]{3,}/.test(t))).toEqual([]);

    const m = modelerOn(page);
    await m.place('create.start-event', 200, 200, '收到督办函');
    await m.place('create.task', 380, 200, '报告执行情况');
    await m.place('create.end-event', 580, 200, '办结');
    const start = await m.idOf('bpmn:StartEvent');
    const task = await m.idOf('bpmn:Task');
    const end = await m.idOf('bpmn:EndEvent');
    await m.connect(start, task);
    await m.connect(task, end);
    await m.replace(task, 'replace-with-user-task');
    userTask = await m.idOf('bpmn:UserTask');
    expect(userTask).not.toBe('');

    // Published as it is, the platform refuses it: each problem names its file, element and
    // line; the element link opens the modeler on it, the server's reason on the element.
    await page.getByText('← 山东法院执行督办').click();
    e.allow({ text: /status of 422/, url: /\/api\/packages\/shandong-duban\/draft\/publish$/ });
    await page.locator('[data-test="submit-publish"]').click();
    const publishDialog = page.locator('[data-test="publish-dialog"]');
    await expect.poll(() => publishDialog.locator('[data-test="package-diff"]').textContent(), { timeout: 30_000 }).toContain('新增');
    await publishDialog.locator('[data-test="confirm-publish"]').click();
    const problems = page.locator('[data-test="problem-list"]');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(`processes/${PROCESS}.bpmn`);
    await e.shot('admin-submit-problems');
    await problems.getByText(userTask).first().click();
    await page.locator('.djs-palette').waitFor();
    await expect.poll(() => page.locator('[data-test="lint-issues"]').textContent()).toContain('服务器');
    await m.select(userTask);

    // Element ids in English from the court's term (modelling conventions): 报告执行情况 → reportProgress.
    const panel = page.locator('[data-test="properties"]');
    await panel.getByText('基本信息').click();
    await panel.locator('[data-entry-id="id"] input').fill('reportProgress');
    await expect.poll(() => m.idOf('bpmn:UserTask')).toBe('reportProgress');
    userTask = 'reportProgress';

    await panel.locator('[data-entry-id="duban-basis"] input').fill('山东办法 第三条');
    await expect.poll(() => panel.locator('[data-test="clause-text"]').textContent()).toContain('收到督办函后，应当在五日内报告执行情况');
    await panel.locator('[data-entry-id="duban-formKey"] select').selectOption(`${PKG}/progressReport`);
    await panel.locator('[data-entry-id="duban-assignment-court"] select').selectOption('supervisedCourt');
    await panel.locator('[data-entry-id="duban-assignment-role"] select').selectOption('承办人');
    await expect.poll(() => panel.locator('[data-entry-id="duban-assignment-rule"] textarea').inputValue()).toBe(
      '{court: supervisedCourt, role: "承办人"}',
    );
    const deadline = panel.locator('[data-entry-id="duban-deadline"] input');
    await deadline.fill('5日');
    await expect.poll(() => panel.locator('[data-test="deadline-preview"]').textContent()).toMatch(/届满/);

    // Every change is a bpmn-js command: undo takes the deadline back, redo restores it.
    await expect.poll(() => page.locator('[data-test="undo"]').isEnabled()).toBe(true);
    await page.locator('[data-test="undo"]').click();
    await expect.poll(() => deadline.inputValue()).toBe('');
    await page.locator('[data-test="redo"]').click();
    await expect.poll(() => deadline.inputValue()).toBe('5日');
    await expect.poll(() => panel.locator('[data-test="deadline-preview"]').textContent()).toMatch(/届满/);

    await expect.poll(() => page.locator('[data-test="lint-count"]').textContent(), { timeout: 10_000 }).toBe('检查通过');
    // The platform's own import checks on the whole package (POST /api/packages/validate when
    // the platform offers it; otherwise the submission checks).
    e.allow({ text: /status of 404/, url: /\/api\/packages\/validate$/ });
    await page.locator('[data-test="check-server"]').click();
    await expect.poll(() => page.locator('[data-test="check-note"]').textContent()).toMatch(/平台检查通过|未提供单独的检查接口/);
    const labels = await panel.locator('.bio-properties-panel-group-header-title, .bio-properties-panel-label').allTextContents();
    expect(labels.filter((t) => /[A-Za-z]{3,}/.test(t))).toEqual([]);
    expect(await missing('__dubanMissingTranslations')).toEqual([]);
    await e.shot('admin-modeler');

    // Token simulation on and off.
    await page.locator('[data-test="simulate"]').click();
    await expect.poll(() => page.locator('[data-test="canvas"] .simulation').count()).toBe(1);
    expect(await page.locator('[data-test="simulate"]').textContent()).toContain('退出模拟');
    // The bpmn.io watermark (its licence keeps it) is the only Latin text left.
    expect(await englishOnScreen(page, '[data-test="canvas"]', [/bpmn\.io/i])).toEqual([]);
    await e.shot('admin-modeler-simulation');
    await page.locator('[data-test="simulate"]').click();
    await expect.poll(() => page.locator('.djs-palette').isVisible()).toBe(true);
  });

  it('lists the deadline the diagram carries, then submits and publishes the package', async () => {
    const { page } = e;
    await page.getByText('← 山东法院执行督办').click();
    await page.getByRole('tab', { name: '期限' }).click();
    const params = page.locator('[data-test="workspace-parameters"]');
    await expect.poll(() => params.textContent()).toContain('5日');
    expect(await params.textContent()).toContain('山东办法 第三条');
    await e.shot('admin-workspace');
    await page.locator('[data-test="submit-publish"]').click();
    const dialog = page.locator('[data-test="publish-dialog"]');
    await expect.poll(() => dialog.locator('[data-test="diff-deadlines"]').textContent(), { timeout: 30_000 }).toContain('5日');
    expect(await dialog.locator('[data-test="diff-form"]').textContent()).toContain('执行措施');
    await e.shot('admin-publish-diff-new');
    await dialog.locator('[data-test="confirm-publish"]').click();
    await expect.poll(() => dialog.locator('[data-test="published-version"]').textContent(), { timeout: 30_000 }).toContain('已发布版本 1');
    await dialog.locator('[data-test="publish-done"]').click();
    await page.waitForURL(/\/admin\/packages$/);
    const row = page.locator('[data-test="packages-table"] .el-table__body tr', { hasText: PKG });
    await expect.poll(() => row.locator('[data-test="package-status"]').textContent()).toBe('现行');
    await e.shot('admin-published');
  });

  it('runs a case of it: the handler finds the task with the designed form', async () => {
    const admin = await e.api('sd-admin');
    const r = await admin.post('/api/cases', {
      process: PROCESS,
      supervisedCourt: 'sd-jn-zy',
      data: { enforcementCaseNo: '（2026）鲁01执88号', source: '来信' },
    });
    expect(r.status).toBe(201);
    const task = r.body.case.openTasks[0];
    expect(task).toMatchObject({ elementId: userTask, formKey: `${PKG}/progressReport`, assignment: { court: 'sd-jn-zy', role: '承办人' } });
    expect(task.dueAt).toBeTruthy();

    const { page } = e;
    await expect.poll(() => page.locator('.el-message, .el-loading-mask:visible').count(), { timeout: 8000 }).toBe(0);
    await e.signOut();
    await e.signInAs('sd-jn-chengban');
    await page.goto(`${e.url}/inbox`);
    const row = page.locator('[data-test="inbox-table"] .el-table__body tr', { hasText: r.body.case.caseNo });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('报告执行情况');
    await e.shot('admin-handler-inbox');
    await row.locator('[data-test="open-task"]').click();
    await page.locator('.formio-form').waitFor();
    await expect.poll(() => page.locator('.formio-form').textContent()).toContain('执行措施');
    await expect.poll(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
    expect(await page.locator('.formio-form').textContent()).toContain('执行情况');
    await e.shot('admin-handler-task');
    e.assertClean();
  });
});
