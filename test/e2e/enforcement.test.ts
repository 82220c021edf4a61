// 执行案件导入 in the browser (issue 16): an .xlsx with good and bad rows uploaded as 山东高院's
// 系统管理员, the progress and the report by row, column and reason; the shipped
// shandong package's 法定期限 rule starts its warning for a record already within ten days of its
// 法定期限; the case page shows the record behind the case; the case list filters by 执行案号.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xlsx } from '../helpers/enforcementFiles';
import { startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let file: string;

beforeAll(async () => {
  e = await startE2E();
  const admin = await e.api('admin');
  await setClock(admin, '2026-06-01 10:00');
  file = path.join(os.tmpdir(), `执行案件-${process.pid}.xlsx`);
  await writeFile(file, await xlsx([
    ['（2025）鲁0102执501号', '济南市历下区人民法院', '张三', '2025-12-05', null, null, '2025-12-06'],
    ['（2025）鲁0102执502号', '济南市历下区人民法院', '李四', '2025-12-05', '2026-05-20', '终本', '2025-12-06', '2026-04-01', '2026-01-10', '2026-01-11', null, null, '2026-05-10', '2026-05-20'],
    ['', '济南市历下区人民法院', '王五', '2026-01-05'],
    ['（2026）鲁0102执3号', '济南市历下区人民法院', '赵六', '2026-02-30'],
    ['（2026）鲁0102执4号', '济南市不存在区人民法院', '钱七', '2026-01-05'],
  ]));
  await e.signInAs('sd-admin');
}, 300_000);
afterAll(() => e?.close());

describe('执行案件导入', () => {
  it('uploads, shows progress and the report', async () => {
    const { page } = e;
    await page.goto(`${e.url}/enforcement/import`);
    await page.locator('[data-test="import-file"]').setInputFiles(file);
    await page.locator('[data-test="import-mode"] label', { hasText: '导入正确的行' }).click();
    await page.locator('[data-test="import-start"]').click();
    await page.locator('[data-test="import-progress"]').waitFor();
    const report = page.locator('[data-test="import-report"]');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toContain('新增 2');
    const problems = page.locator('[data-test="import-problems"] .el-table__body tr');
    await expect.poll(() => problems.count(), { timeout: 30_000 }).toBe(3);
    const text = (await problems.allTextContents()).join('\n');
    expect(text).toContain('缺少案号');
    expect(text).toContain('不是存在的日期');
    expect(text).toContain('未知的执行法院');
    await e.shot('enforcement-import');
  }, 120_000);

  it('the warning rule started a case whose page shows the record; the list filters by 执行案号', async () => {
    const { page } = e;
    await page.goto(`${e.url}/cases?enforcementCaseNo=${encodeURIComponent('鲁0102执501号')}`);
    const rows = page.locator('.el-table__body tr');
    const api = await e.api('sd-admin');
    await expect.poll(async () => (await api.get(`/api/cases?enforcementCaseNo=${encodeURIComponent('鲁0102执501号')}`)).body.total, { timeout: 60_000, interval: 1000 }).toBe(1);
    await page.reload();
    await rows.first().locator('a').first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(1);
    await e.shot('enforcement-case-list');
    await rows.first().locator('a').first().click();
    const panel = page.locator('[data-test="enforcement-record"]');
    await panel.waitFor({ timeout: 30_000 });
    const t = await panel.textContent();
    expect(t).toContain('（2025）鲁0102执501号');
    expect(t).toContain('济南市历下区人民法院');
    expect(t).toContain('首次查控');
    await e.shot('enforcement-case-record');
    e.assertClean();
  }, 120_000);
});
