// In Chromium on the shipped Hainan package: the supervising court's 系统管理员 uses the case
// administration panel (变更办理人, 挂起, 恢复); a 审查人员 uses the case list's tools (sort,
// party search, a saved filter kept on the server, Excel export) and takes back (撤回) a
// submitted review from 已办.
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let adminCase: { id: string; caseNo: string };
let withdrawCase: { id: string; caseNo: string };

const REVIEW = {
  source: '本院申诉信访系统录入交办', situations: { overdue: true }, complaintSummary: '申请执行人反映超过法定期限未执结。',
  reviewFindings: '经审查，可直接转办。', decision: '直接转办', methods: { report: true },
};

beforeAll(async () => {
  e = await startE2E();
  const admin = await e.api('admin');
  const made = await admin.post('/api/users', { username: 'hi-gy-shencha2', name: '海南高院审查人员乙', court: 'hi-gy', roles: ['审查人员'], password: PASSWORD });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  await e.api('hi-gy-shencha2'); // the first sign-in replaces the initial password
  await setClock(admin, '2026-12-07 09:00');
  const reviewer = await e.api('hi-gy-shencha');
  const open = async (no: string, parties: string) => {
    const r = await reviewer.post('/api/cases', {
      process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy',
      data: { complaintReceivedAt: '2026-12-07', source: '本院申诉信访系统录入交办', enforcementCaseNo: no, parties },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.case.id as string, caseNo: r.body.case.caseNo as string, taskId: r.body.tasks[0].id as string };
  };
  adminCase = await open('（2026）琼01执601号', '申请执行人张三，被执行人海口甲公司');
  const w = await open('（2026）琼01执602号', '申请执行人李四，被执行人海口乙公司');
  await open('（2026）琼01执603号', '申请执行人王五，被执行人海口丙公司');
  const reviewed = await reviewer.post(`/api/tasks/${w.taskId}/complete`, { data: REVIEW });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  withdrawCase = w;
}, 180_000);
afterAll(() => e?.close());

const panel = () => e.page.locator('[data-test="case-admin"]');
const timeline = () => e.page.locator('[data-test="timeline"]');

async function confirmDialog(title: string, reason: string, option?: string) {
  const dialog = e.page.locator('.el-dialog', { has: e.page.locator('.el-dialog__title', { hasText: title }) });
  await dialog.waitFor();
  if (option) {
    // On a busy machine the first click can land while the dropdown is still opening: choose
    // again until the select shows the choice.
    const select = dialog.locator('.el-select');
    await expect.poll(async () => {
      if (!(await select.textContent())?.includes(option)) {
        await select.click();
        await e.page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click({ timeout: 5_000 }).catch(() => undefined);
      }
      return select.textContent();
    }, { timeout: 30_000 }).toContain(option);
  }
  await dialog.locator('textarea').fill(reason);
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
}

describe('the case administration panel', () => {
  it('变更办理人: the review goes to the colleague, recorded with the reason', async () => {
    await e.signInAs('admin');
    await e.page.goto(`${e.url}/cases/${adminCase.id}`);
    await panel().waitFor();
    await panel().getByRole('button', { name: '变更办理人' }).click();
    await confirmDialog('变更办理人', '原审查人员出差', '海南高院审查人员乙');
    await expect.poll(() => timeline().textContent(), { timeout: 15_000 }).toContain('的办理人变更为海南高院审查人员乙（海南省高级人民法院），理由：原审查人员出差');
  });

  it('挂起: the panel says since when and why; the reviewer may not work the task', async () => {
    await panel().locator('[data-test="admin-suspend"]').click();
    await confirmDialog('挂起案件', '当事人达成执行和解');
    await expect.poll(() => panel().locator('[data-test="admin-suspended"]').textContent(), { timeout: 15_000 }).toContain('当事人达成执行和解');
    expect(await e.page.locator('.case-summary, [data-test="case-summary"], body').first().textContent()).toContain('已挂起');
    await expect.poll(() => timeline().textContent(), { timeout: 15_000 }).toContain('管理员挂起案件，理由：当事人达成执行和解');
    await e.shot('case-admin-suspended');
    const reviewer = await e.api('hi-gy-shencha2');
    const task = (await reviewer.get(`/api/cases/${adminCase.id}`)).body.tasks[0];
    const refused = await reviewer.post(`/api/tasks/${task.id}/claim`, {});
    expect(refused.status).toBe(409);
  });

  it('恢复: the suspended days are recorded and the deadlines run on', async () => {
    await panel().locator('[data-test="admin-resume"]').click();
    await confirmDialog('恢复案件', '和解未履行');
    await expect.poll(() => timeline().textContent(), { timeout: 15_000 }).toContain('管理员恢复案件，理由：和解未履行；挂起 0 日');
    expect(await panel().locator('[data-test="admin-suspended"]').count()).toBe(0);
    expect(await panel().locator('[data-test="admin-suspend"]').count()).toBe(1);
    e.assertClean();
    await e.signOut();
  });
});

describe('the case list tools', () => {
  it('party search, sort by 督办案号, a saved filter applied again, and the export of what is shown', async () => {
    const { page } = e;
    await e.signInAs('hi-gy-shencha');
    await page.goto(`${e.url}/cases`);
    const rows = () => page.locator('[data-test="case-table"] .el-table__body tr');
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(3);

    // Sort by 督办案号, then the other way.
    const header = page.locator('[data-test="case-table"] th', { hasText: '督办案号' });
    await header.click();
    await page.waitForURL(/sort=caseNo/, { timeout: 15_000 });
    const ascending = await rows().locator('td:first-child').allTextContents();
    await header.click();
    await page.waitForURL(/order=desc/, { timeout: 15_000 });
    await expect.poll(async () => (await rows().locator('td:first-child').allTextContents()).join('|'), { timeout: 15_000 }).toBe([...ascending].reverse().join('|'));

    // Search by a party's name.
    await page.locator('[data-test="search"] input, input[data-test="search"]').first().fill('海口乙公司');
    await page.waitForURL(/q=/, { timeout: 15_000 });
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(1);
    expect(await rows().first().textContent()).toContain(withdrawCase.caseNo);

    // Saved on the server, shared with the court.
    await page.locator('[data-test="saved-filters"] button').click();
    await page.locator('[data-test="save-filter"]').click();
    await page.locator('[data-test="filter-name"] input, input[data-test="filter-name"]').first().fill('乙公司案件');
    await page.locator('[data-test="filter-shared"]').click();
    await page.locator('[data-test="filter-save"]').click();
    await page.locator('.el-message', { hasText: '已保存常用筛选「乙公司案件」' }).waitFor();
    const shared = await (await e.api('hi-gy-chengban')).get('/api/filters?list=cases');
    expect(shared.body.items).toEqual([expect.objectContaining({ name: '乙公司案件', shared: true, params: expect.objectContaining({ q: '海口乙公司' }) })]);

    await page.goto(`${e.url}/cases`);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(3);
    await page.locator('[data-test="saved-filters"] button').click();
    await page.locator('[data-test="saved-filter-乙公司案件"]').click();
    await page.waitForURL(/q=/, { timeout: 15_000 });
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(1);
    await e.shot('case-list-saved-filter');

    // The export carries the same filter: one case.
    const download = page.waitForEvent('download');
    await page.locator('[data-test="export"]').click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await readFile(file!) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain(withdrawCase.caseNo);
  });
});

describe('撤回 from 已办', () => {
  it('the reviewer takes back the submitted review; the case shows the review open again with the reason', async () => {
    const { page } = e;
    await page.goto(`${e.url}/inbox?tab=done`);
    const row = page.locator('[data-test="inbox-table"] .el-table__body tr', { hasText: withdrawCase.caseNo });
    await row.locator('[data-test="withdraw"]').click();
    const box = page.locator('.el-message-box');
    await box.locator('input, textarea').first().fill('审查结论有误，重新审查');
    await box.getByRole('button', { name: '撤回' }).click();
    await page.waitForURL(new RegExp(`/cases/${withdrawCase.id}`), { timeout: 30_000 });
    await expect.poll(() => timeline().textContent(), { timeout: 15_000 }).toContain('撤回已提交的步骤，重新办理，理由：审查结论有误，重新审查');
    const c = await (await e.api('hi-gy-shencha')).get(`/api/cases/${withdrawCase.id}`);
    expect(c.body.tasks.map((t: { elementId: string }) => t.elementId)).toEqual(['reviewComplaint']);
    await e.shot('task-withdrawn');
    e.assertClean();
  });
});
