// The leaders' dashboard: ECharts canvases render, every figure equals the stats API's, and a
// court drills down to its cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { seedNoticeProcess, seedReportProcess, setClock, startCase, startReportCase } from './seed';

let e: E2E;

beforeAll(async () => {
  e = await startE2E();
  const admin = await e.api('admin');
  await seedReportProcess(admin);
  await seedNoticeProcess(admin);
  await setClock(admin, '2026-09-28 15:30');
  const upper = await e.api('hi-gy-chengban');
  await startReportCase(upper, 'hi-hk-zy', '（2026）琼01执1号');
  await startReportCase(upper, 'hi-hk-zy', '（2026）琼01执2号');
  const onTime = await startReportCase(upper, 'hi-hk-qs', '（2026）琼0107执3号');
  await startCase(upper, 'noticeSupervision', 'hi-hk-qs', '（2026）琼0107执4号');
  await setClock(admin, '2026-10-05 10:00');
  const qs = await e.api('hi-qs-chengban');
  const r = await qs.post(`/api/tasks/${onTime.tasks[0].id}/complete`, { data: { result: '未执结', progress: '已冻结被执行人银行存款。' } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await setClock(admin, '2026-10-09 09:00'); // the two 海口中院 reports are late now
  await e.signInAs('hi-gy-lingdao');
});
afterAll(() => e?.close());

describe('the dashboard', () => {
  it('opens first for a leader, draws its charts, and shows the API’s figures', async () => {
    const { page } = e;
    await page.waitForURL(/\/dashboard/);
    await page.locator('[data-test="chart-load"] canvas').waitFor();
    await page.locator('[data-test="chart-timeliness"] canvas').waitFor();
    await page.locator('[data-test="chart-notices"] canvas').waitFor();
    const stats = (await (await e.api('hi-gy-lingdao')).get('/api/stats/overview')).body;
    expect(stats.totals).toMatchObject({ open: 4, onTime: 1, late: 2, notices: 1 });
    for (const [key, value] of Object.entries(stats.totals)) {
      expect(await page.locator(`[data-test="stat-${key}"]`).textContent(), key).toBe(String(value));
    }
    const table = await page.locator('[data-test="load-table"]').textContent();
    for (const c of stats.load) expect(table).toContain(String(c.open));
    await e.shot('dashboard');
  });

  it('drills down from a court to its running cases', async () => {
    const { page } = e;
    await page.locator('[data-test="load-table"] a', { hasText: '海口市中级人民法院' }).click();
    await page.waitForURL(/\/cases\?court=hi-hk-zy/);
    const rows = page.locator('[data-test="case-table"] .el-table__body tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('[data-test="case-table"]').textContent()).toContain('（2026）琼01执1号');
    await expect.poll(() => page.locator('[data-test="pager"]').textContent(), { timeout: 15_000 }).toContain('共 2 条');
    await e.shot('cases-drilldown');
  });

  it('searches on the server, keeps the search in the address, and pages', async () => {
    const { page } = e;
    await page.locator('[data-test="search"] input, input[data-test="search"]').first().fill('琼01执2');
    await page.waitForURL(/q=/, { timeout: 15_000 });
    const rows = page.locator('[data-test="case-table"] .el-table__body tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('（2026）琼01执2号');
    // The address is the filter: opened afresh, it shows the same list.
    await page.goto(page.url());
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    // One row per page: the province's four cases, reachable page by page.
    await page.goto(`${e.url}/cases?pageSize=1&page=3`);
    await expect.poll(() => page.locator('[data-test="pager"]').textContent(), { timeout: 15_000 }).toContain('共 4 条');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await e.shot('cases-paged');
  });

  it('a handler has no dashboard in the menu and is sent to the inbox', async () => {
    const { page } = e;
    await e.signOut();
    await e.signInAs('hi-hk-chengban');
    await page.waitForURL(/\/inbox/);
    expect(await page.locator('nav').textContent()).not.toContain('督办统计');
    await page.goto(`${e.url}/dashboard`);
    await page.waitForURL(/\/inbox/);
  });

  it('made no request to another host and logged no unexpected console error', () => {
    e.assertClean();
  });
});
