// A 承办人 works a task in the browser: the inbox marks it, the Form.io form refuses invalid
// data (in the browser, then the server's 422 on the field), a valid report completes it and
// the case moves on; a task completed elsewhere meanwhile answers 409, shown plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf } from '../api/helpers/sampleFiles';
import { startE2E, type E2E } from './harness';
import { seedReportProcess, setClock, startReportCase } from './seed';

let e: E2E;
let caseA: Awaited<ReturnType<typeof startReportCase>>;
let caseB: Awaited<ReturnType<typeof startReportCase>>;

beforeAll(async () => {
  e = await startE2E();
  const admin = await e.api('admin');
  await seedReportProcess(admin);
  await setClock(admin, '2026-09-28 15:30'); // reports due 2026-10-09 00:00 (国庆 roll)
  const upper = await e.api('hi-gy-chengban');
  caseA = await startReportCase(upper, 'hi-hk-zy', '（2026）琼01执123号');
  caseB = await startReportCase(upper, 'hi-hk-zy', '（2026）琼01执456号');
  await setClock(admin, '2026-10-06 10:00'); // two days left: "即将到期"
});
afterAll(() => e?.close());

describe('a handler completes a report', () => {
  it('signs in with Enter and sees the tasks, most urgent first, marked as due soon', async () => {
    const { page } = e;
    await page.goto(`${e.url}/`);
    await page.waitForURL(/\/login/);
    await e.shot('login');
    await e.signInAs('hi-hk-chengban');
    await page.waitForURL(/\/inbox/);
    const rows = page.locator('[data-test="inbox-table"] .el-table__body tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-urgency="warning"]').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('[data-test="user-name"]').textContent()).toBe('海口中院承办人');
    expect(await rows.first().textContent()).toContain('书面报告');
    await e.shot('inbox');
  });

  it('opens the task: prefilled case number, form in Chinese, case record beside it', async () => {
    const { page } = e;
    const row = page.locator('[data-test="inbox-table"] .el-table__body tr', { hasText: caseA.case.caseNo });
    await row.locator('[data-test="open-task"]').click();
    await page.waitForURL(new RegExp(`/tasks/${caseA.tasks[0].id}`));
    await page.locator('.formio-form').waitFor();
    await expect.poll(() => page.locator('input[name="data[caseNo]"]').inputValue()).toBe(caseA.case.caseNo);
    expect(await page.locator('[data-test="timeline"]').textContent()).toContain('立案督办');
  });

  it('refuses an empty report in the browser, with Chinese messages on the fields', async () => {
    const { page } = e;
    const requests: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && requests.push(r.url()));
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('.formio-errors, .invalid-feedback').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('执行结果为必填项')]),
    );
    expect(requests.filter((u) => u.includes('/complete'))).toEqual([]);
    await e.shot('task-invalid');
  });

  it('shows the server’s 422 on the field it names', async () => {
    const { page } = e;
    e.allow({ text: /status of 422/, url: /\/complete$/ });
    await page.getByLabel('未执结').check();
    await page.locator('textarea[name="data[progress]"]').fill('已查控被执行人名下银行账户，冻结存款十二万元。');
    // The browser's checks pass; the server's do not (a value outside the list).
    await page.route('**/api/tasks/*/complete', (route) =>
      route.continue({ postData: JSON.stringify({ data: { result: '不存在的选项', progress: '已查控被执行人名下银行账户。' } }) }),
    );
    await page.getByRole('button', { name: '提交' }).click();
    const resultField = page.locator('.formio-component-result');
    await expect.poll(() => resultField.textContent(), { timeout: 10_000 }).toMatch(/执行结果.*(不在可选项中|无效|选项)/);
    expect(page.url()).toContain('/tasks/');
    await e.shot('task-422');
    await page.unroute('**/api/tasks/*/complete');
  });

  it('uploads a material and submits a valid report; back in the inbox, the case has moved on', async () => {
    const { page } = e;
    await page.getByLabel('未执结').check();
    const uploaded = page.waitForResponse((r) => r.url().includes('/api/attachments?task=') && r.request().method() === 'POST');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.formio-component-materials a.browse').click();
    await (await chooser).setFiles({ name: '执行情况报告.pdf', mimeType: 'application/pdf', buffer: pdf() });
    expect((await uploaded).status()).toBe(201);
    await expect.poll(() => page.locator('.formio-component-materials').textContent()).toContain('执行情况报告.pdf');
    await e.shot('task-upload');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/inbox/);
    await expect.poll(() => page.locator('[data-test="inbox-table"] .el-table__body tr').count(), { timeout: 15_000 }).toBe(1);
    const detail = (await (await e.api('admin')).get(`/api/cases/${caseA.case.id}`)).body;
    expect(detail.tasks.map((t: { elementId: string }) => t.elementId)).toEqual(['reviewReport']);
    expect(detail.history.some((h: { type: string; actor: string }) => h.type === 'taskCompleted' && h.actor === 'hi-hk-chengban')).toBe(true);
    const stored = JSON.stringify(detail.case.variables);
    expect(stored).toContain('执行情况报告.pdf'); // the attachment reference went with the report
    await page.getByRole('tab', { name: /已办/ }).click();
    await expect.poll(() => page.locator('[data-test="inbox-table"] .el-table__body').textContent(), { timeout: 15_000 }).toContain('书面报告');
    await e.shot('inbox-done');
  });

  it('a task completed elsewhere meanwhile: 409 shown above the form', async () => {
    const { page } = e;
    e.allow({ text: /status of 409/, url: /\/complete$/ });
    await page.goto(`${e.url}/tasks/${caseB.tasks[0].id}`);
    await page.locator('.formio-form').waitFor();
    await page.getByLabel('已执结').check();
    await page.locator('textarea[name="data[progress]"]').fill('案件已全部执行完毕，申请执行人已领取案款。');
    const colleague = await e.api('hi-hk-chengban');
    const done = await colleague.post(`/api/tasks/${caseB.tasks[0].id}/complete`, { data: { result: '已执结', progress: '案件已全部执行完毕，由同事办结。' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await page.locator('textarea[name="data[progress]"]').press('Enter'); // a textarea keeps Enter
    await page.locator('input[name="data[reporter]"]').fill('张法官');
    await page.locator('input[name="data[reporter]"]').press('Enter'); // a single-line field submits
    await page.locator('[data-test="conflict"]').waitFor();
    expect(await page.locator('[data-test="conflict"]').textContent()).toContain('已办结');
    await e.shot('task-409');
  });

  it('made no request to another host and logged no unexpected console error', () => {
    e.assertClean();
  });
});
