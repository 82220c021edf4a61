// 条文期限 (issue 24): a 流程管理员 reads the Hainan regulation with every period it states
// highlighted — green when a deadline enforces it — and clicks one to land on the enforcing
// element, selected in the modeler; 期限一览 shows the sentence each deadline comes from; in the
// working copy he records how a period is accounted for, and the coverage figure follows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1440, height: 900 } });
});
afterAll(() => e?.close());

const period = (key: string) => e.page.locator(`[data-test="period"][data-key="${key}"]`);

describe('条文期限: the articles with their periods, linked to the elements that enforce them', () => {
  it('shows the coverage figure and each period highlighted by its status', async () => {
    const { page } = e;
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/packages`);
    await page.locator('[data-test="packages-table"] .el-table__body tr', { hasText: 'hainan' }).locator('[data-test="package-articles"]').click();
    await page.waitForURL(/\/admin\/articles\/hainan/);
    const figure = page.locator('[data-test="coverage-figure"]');
    await expect.poll(() => figure.textContent(), { timeout: 30_000 }).toContain('31 / 34');
    expect(await page.locator('[data-test="coverage-open"]').textContent()).toContain('未落实 0');
    await expect.poll(() => period('海南办法 第四条 五日内').getAttribute('class')).toContain('bound');
    expect(await period('海南办法 第三条 法定期限').getAttribute('class')).toContain('explained');
    // The flags: parameters that say another period than their article, each with its reason.
    expect(await page.locator('[data-test="coverage-flags"]').textContent()).toContain('收到书面报告后专报反馈只说「及时」');
    await e.shot('admin-articles');
  });

  it('a click on 五日内 names the deadline; its link opens the modeler with reviewComplaint selected', async () => {
    const { page } = e;
    await period('海南办法 第四条 五日内').click();
    const pop = page.locator('[data-test="period-popover"]:visible');
    await expect.poll(() => pop.textContent()).toContain('审查信访材料期限');
    await e.shot('admin-articles-popover');
    await pop.locator('[data-test="period-binding"]').first().click();
    await page.waitForURL(/\/admin\/workspace\/hainan\/process\/supervision\.bpmn\?element=reviewComplaint/, { timeout: 30_000 });
    await page.locator('.djs-palette').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __dubanModeler: { get(s: string): { get(): { id: string }[] } } })
      .__dubanModeler.get('selection').get().map((x) => x.id)), { timeout: 30_000 }).toEqual(['reviewComplaint']);
    await e.shot('admin-articles-modeler');
  });

  it('期限一览 shows for each deadline the sentence of the article it comes from', async () => {
    const { page } = e;
    await page.goto(`${e.url}/admin/deadlines/hainan`);
    const row = page.locator('[data-test="deadlines-table"] .el-table__body tr', { hasText: '审查信访材料期限' }).first();
    await expect.poll(() => row.locator('[data-test="deadline-source"]').first().textContent(), { timeout: 30_000 })
      .toContain('应当安排审查人员于五日内审查完毕');
    expect(await row.locator('[data-test="deadline-source"] mark').first().textContent()).toBe('五日内');
    expect(await page.locator('[data-test="coverage-figure"]').textContent()).toContain('31 / 34');
    await e.shot('admin-deadlines-sources');
  });

  it('in the working copy a period is explained and saved with the draft; the figure follows', async () => {
    const { page } = e;
    await page.goto(`${e.url}/admin/workspace/hainan?tab=periods`);
    const panel = page.locator('[data-test="periods-panel"]');
    await expect.poll(() => panel.locator('[data-test="coverage-figure"]').textContent(), { timeout: 30_000 }).toContain('31 / 34');
    const key = '海南暂行规定 第二十五条 规定期限';
    // Undo the shipped explanation: the period is open, the figure says so.
    await panel.locator(`[data-test="period"][data-key="${key}"]`).click();
    await page.locator('[data-test="period-popover"]:visible [data-test="period-edit"]').click();
    const dialog = page.locator('[data-test="period-dialog"]');
    await dialog.getByRole('button', { name: '撤销处理' }).click();
    await expect.poll(() => panel.locator('[data-test="coverage-open"]').textContent()).toContain('未落实 1');
    expect(await panel.locator(`[data-test="period"][data-key="${key}"]`).getAttribute('class')).toContain('open');
    // Explain it again, as 平台无法执行 this time.
    await panel.locator(`[data-test="period"][data-key="${key}"]`).click();
    await page.locator('[data-test="period-popover"]:visible [data-test="period-edit"]').click();
    await dialog.getByText('平台无法执行').click();
    expect(await dialog.locator('[data-test="period-save"]').isDisabled()).toBe(true); // a reason is required
    await dialog.locator('textarea[data-test="period-reason"]').fill('追责情形引用的期限，由纪检部门线下掌握');
    await dialog.locator('[data-test="period-save"]').click();
    await expect.poll(() => panel.locator('[data-test="coverage-open"]').textContent()).toContain('未落实 0');
    await expect.poll(() => page.locator('[data-test="save-state"]').textContent(), { timeout: 30_000 }).toContain('已保存');
    await e.shot('admin-workspace-periods');
    const draft = (await (await e.api('admin')).get('/api/packages/hainan/draft')).body.draft;
    expect(draft.content.manifest.periods).toContainEqual({ period: key, status: '平台无法执行', reason: '追责情形引用的期限，由纪检部门线下掌握' });
    e.assertClean();
  });
});
