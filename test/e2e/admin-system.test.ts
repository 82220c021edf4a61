// The administrators' other pages: the holiday calendar as a year grid (a day made a rest day
// recomputes the pending deadlines, listed with old and new due), a projected year marked
// provisional; the court tree (a court added below another); users (created, disabled).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { seedReportProcess, setClock, startReportCase } from './seed';

let e: E2E;
let caseNo = '';

beforeAll(async () => {
  e = await startE2E({ viewport: { width: 1440, height: 900 } });
  const admin = await e.api('admin');
  await seedReportProcess(admin);
  await setClock(admin, '2026-09-28 15:30'); // the report is due 2026-10-08 24:00 (国庆 roll)
  const started = await startReportCase(await e.api('hi-gy-chengban'), 'hi-hk-zy', '（2026）琼01执321号');
  caseNo = started.case.caseNo;
});
afterAll(() => e?.close());

describe('节假日', () => {
  it('shows a published year as twelve months with rest and 调休 days', async () => {
    const { page } = e;
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/calendar`);
    const year = page.locator('[data-test="calendar-year"] input');
    await year.fill('2026');
    await year.press('Enter');
    const grid = page.locator('[data-test="calendar-grid"]');
    await expect.poll(() => grid.locator('button[data-date="2026-10-01"]').getAttribute('class')).toContain('rest');
    expect(await grid.locator('button[data-date="2026-10-10"]').getAttribute('class')).toContain('makeup');
    expect(await page.locator('[data-test="provisional"]').count()).toBe(0);
    await e.shot('admin-calendar');
  });

  it('makes a day a rest day and lists the deadlines it moved', async () => {
    const { page } = e;
    const day = page.locator('[data-test="calendar-grid"] button[data-date="2026-10-08"]');
    await day.click();
    expect(await day.getAttribute('class')).toContain('rest');
    await page.locator('[data-test="save-calendar"]').click();
    const table = page.locator('[data-test="recomputed-table"]');
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain(caseNo);
    expect(text).toContain('2026/10/08 24:00');
    expect(text).toContain('2026/10/09 24:00');
    await e.shot('admin-calendar-recomputed');
  });

  it('marks a year without a published notice as provisional', async () => {
    const { page } = e;
    const year = page.locator('[data-test="calendar-year"] input');
    await year.fill('2030');
    await year.press('Enter');
    await page.locator('[data-test="provisional"]').waitFor();
    expect(await page.locator('[data-test="provisional"]').textContent()).toContain('暂定');
    await e.shot('admin-calendar-provisional');
  });
});

describe('法院与用户', () => {
  it('shows the court tree and adds a court below one', async () => {
    const { page } = e;
    await page.goto(`${e.url}/admin/courts`);
    const tree = page.locator('[data-test="courts-tree"]');
    await tree.getByText('海口市中级人民法院').first().click();
    await page.getByRole('button', { name: '新增下级法院' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '新增法院' });
    await dialog.getByPlaceholder('小写英文、数字、连字符，如 hi-hk-xy').fill('hi-hk-e2e');
    await dialog.locator('.el-form-item', { hasText: '名称' }).locator('input').fill('海口市测试区人民法院');
    await dialog.getByRole('button', { name: '新增' }).click();
    await page.locator('.el-message--success').waitFor();
    await expect.poll(() => tree.textContent()).toContain('海口市测试区人民法院');
    await expect.poll(() => page.locator('.el-message').count(), { timeout: 8000 }).toBe(0);
    await e.shot('admin-courts');
  });

  it('creates a user with roles and a court, then disables them', async () => {
    const { page } = e;
    await page.goto(`${e.url}/admin/users`);
    await page.locator('[data-test="users-table"] .el-table__body tr').first().waitFor();
    await page.locator('[data-test="new-user"]').click();
    const dialog = page.locator('.el-dialog', { hasText: '新建用户' });
    await dialog.locator('.el-form-item', { hasText: '用户名' }).locator('input').fill('hi-e2e-user');
    await dialog.locator('.el-form-item', { hasText: '姓名' }).locator('input').fill('测试承办人');
    await dialog.locator('.el-form-item', { hasText: '法院' }).locator('.el-select').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '海口市中级人民法院' }).first().click();
    await dialog.locator('.el-form-item', { hasText: '初始密码' }).locator('input').fill('e2e-Passw0rd-2026');
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = page.locator('[data-test="users-table"] .el-table__body tr', { hasText: 'hi-e2e-user' });
    await row.waitFor();
    expect(await row.textContent()).toContain('承办人');
    await row.getByRole('button', { name: '编辑' }).click();
    const edit = page.locator('.el-dialog', { hasText: '编辑用户' });
    await edit.locator('.el-switch').click();
    await edit.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row.textContent()).toContain('已停用');
    await expect.poll(() => page.locator('.el-message').count(), { timeout: 8000 }).toBe(0);
    await e.shot('admin-users');
    e.assertClean();
  });
});

describe('首次登录修改初始密码', () => {
  it('a user created by an administrator sees only the change-password page until they choose a password', async () => {
    const { page } = e;
    const admin = await e.api('admin');
    const created = await admin.post('/api/users', { username: 'hi-e2e-first', name: '首次登录', court: 'hi-hk-zy', roles: ['承办人'], password: 'Initial-e2e-2026' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Refusals the page provokes on purpose (the server's 422 is logged by Chromium).
    e.allow({ text: /status of 422/, url: /\/api\/me\/password$/ });

    await e.context.clearCookies(); // whoever was signed in before
    await page.goto(`${e.url}/login`);
    await page.getByPlaceholder('请输入用户名').fill('hi-e2e-first');
    await page.getByPlaceholder('请输入密码').fill('Initial-e2e-2026');
    await page.getByPlaceholder('请输入密码').press('Enter');
    await page.waitForURL(/\/account\/password/);
    await page.locator('[data-test="password-forced"]').waitFor();
    expect(await page.locator('.menu .el-menu-item').count()).toBe(0);
    await page.goto(`${e.url}/cases`); // any other page leads back here
    await page.waitForURL(/\/account\/password/);

    const fill = async (current: string, next: string, repeat = next) => {
      await page.getByPlaceholder('请输入当前密码').fill(current);
      await page.getByPlaceholder('至少 10 位，须含字母和数字，不能包含用户名').fill(next);
      await page.getByPlaceholder('请再次输入新密码').fill(repeat);
      await page.locator('[data-test="password-submit"]').click();
    };
    const error = page.locator('[data-test="password-error"]');
    await fill('Initial-e2e-2026', 'Chosen-e2e-2026', 'Chosen-e2e-2027');
    await expect.poll(() => error.textContent()).toContain('两次输入的新密码不一致');
    await fill('Initial-e2e-2026', 'Initial-e2e-2026');
    await expect.poll(() => error.textContent()).toContain('新密码不能与当前密码相同');
    await e.shot('first-login-password');
    await fill('Initial-e2e-2026', 'Chosen-e2e-2026');
    await page.waitForURL((u) => !u.pathname.startsWith('/account/password'));
    await expect.poll(() => page.locator('.menu .el-menu-item').count()).toBeGreaterThan(0);
    await e.signOut();
    e.assertClean();
  });
});
