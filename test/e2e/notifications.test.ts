// 消息中心 in the browser on the shipped Hainan package (as `npm start` installs it): the header's
// count rises when a task reaches the signed-in 承办人, the message opens the task and falls back
// when read; the supervising court's 催办 from the case page reaches the lower court's count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let caseId: string;

beforeAll(async () => {
  e = await startE2E();
  await setClock(await e.api('admin'), '2026-12-07 09:00');
}, 180_000);
afterAll(() => e?.close());

const badge = () => e.page.locator('[data-test="notification-count"] sup');
const count = async () => ((await badge().isVisible()) ? Number((await badge().textContent())?.trim()) : 0);

describe('消息中心', () => {
  it('the count rises when a task arrives and falls when its message is read', async () => {
    const { page } = e;
    await e.signInAs('hi-gy-chengban');
    await page.locator('[data-test="notification-bell"]').waitFor();
    const before = await count();

    const reviewer = await e.api('hi-gy-shencha');
    const opened = await reviewer.post('/api/cases', {
      process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy',
      data: { complaintReceivedAt: '2026-12-07', source: '本院申诉信访系统录入交办', enforcementCaseNo: '（2026）琼01执654号', parties: '申请执行人张三，被执行人海口某公司' },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    caseId = opened.body.case.id;
    const reviewed = await reviewer.post(`/api/tasks/${opened.body.tasks[0].id}/complete`, { data: {
      source: '本院申诉信访系统录入交办', situations: { overdue: true }, complaintSummary: '申请执行人反映超过法定期限未执结。',
      reviewFindings: '经审查，符合督办条件。', decision: '督办', methods: { report: true },
    } });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    const taskId = reviewed.body.tasks.find((t: { elementId: string }) => t.elementId === 'issueSupervisionLetter').id;

    // The bell polls; moving to another page refreshes it at once.
    await page.locator('.el-menu-item', { hasText: '督办案件' }).click();
    await expect.poll(count, { timeout: 60_000 }).toBe(before + 1);
    await e.shot('notifications-bell');

    await page.locator('[data-test="notification-bell"]').click();
    const row = page.locator('[data-test="messages"] .el-table__body tr', { hasText: '新任务：制作督办函' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('（2026）琼执督');
    expect(await row.textContent()).toContain('未读');
    await e.shot('notifications-page');
    await row.click();
    await page.waitForURL(new RegExp(`/tasks/${taskId}`), { timeout: 30_000 });
    await expect.poll(count, { timeout: 30_000 }).toBe(before);
  });

  it('a 催办 from the case page reaches the lower court\'s count', async () => {
    const { page } = e;
    // Up to the lower court's 签收 (a 海口中院 审批人's task) by API.
    const handler = await e.api('hi-gy-chengban');
    const tasks = (await handler.get(`/api/cases/${caseId}`)).body.tasks as { id: string; elementId: string }[];
    const letter = tasks.find((t) => t.elementId === 'issueSupervisionLetter')!;
    const issued = await handler.post(`/api/tasks/${letter.id}/complete`, { data: {
      letterNo: '（手填）', issues: '超过法定期限未执结。', requirements: '依法及时执行并书面报告。', reportPeriod: 15,
    } });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    await page.goto(`${e.url}/cases/${caseId}`);
    await page.locator('[data-test="urge"]').click();
    await page.locator('textarea[data-test="urge-reason"]').fill('请于三日内签收并指定专人');
    await page.locator('[data-test="urge-send"]').click();
    await page.locator('.el-message--success', { hasText: '已催办' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.el-message--success').textContent()).toContain('海口中院执行局长（海口市中级人民法院）');
    const timeline = page.locator('text=催办「');
    await timeline.first().waitFor({ timeout: 30_000 });
    await e.shot('case-urged');

    await e.signOut();
    await e.signInAs('hi-hk-shenpi');
    await expect.poll(count, { timeout: 60_000 }).toBeGreaterThan(0);
    await page.locator('[data-test="notification-bell"]').click();
    const row = page.locator('[data-test="messages"] .el-table__body tr', { hasText: '催办' });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().textContent()).toContain('请于三日内签收并指定专人');
    await e.shot('notifications-urged');
    e.assertClean();
  });

  it('the ledger\'s court ranking is drawn with ECharts and exported', async () => {
    const { page } = e;
    await e.signOut();
    await e.signInAs('hi-gy-lingdao');
    await page.goto(`${e.url}/ledger`);
    await page.locator('[data-test="ledger-tabs"] .el-tabs__item', { hasText: '法院排名' }).click();
    await page.locator('[data-test="chart-ranking"] canvas').waitFor({ timeout: 30_000 });
    const rows = page.locator('[data-test="ranking-table"] .el-table__body tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(1);
    // 海口中院 was urged once (海南办法 第十二条: recorded in the ledger; weight -2 in the package).
    const zy = page.locator('[data-test="ranking-table"] .el-table__body tr', { hasText: '海口市中级人民法院' });
    expect((await zy.locator('td').allTextContents()).map((t) => t.trim())).toContain('1');
    expect(await page.locator('[data-test="ranking-export"]').getAttribute('href')).toBe('/api/ledger/ranking/export?year=2026');
    await e.shot('ledger-ranking');
    e.assertClean();
  });
});
