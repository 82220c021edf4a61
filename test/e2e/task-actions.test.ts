// Task actions in the browser on the shipped Hainan package: a 审查人员 claims the review (the
// other sees who holds it), saves the half-filled form (暂存) and finds it again after a reload,
// hands it to a colleague (转办) who resumes the saved form; a 承办人 sends 直接转办 back to the
// review (退回) and the case page records who and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let caseId: string;
let reviewId: string;
let transferCaseId: string;
let transferTaskId: string;

const REVIEW = {
  source: '本院申诉信访系统录入交办', situations: { overdue: true }, complaintSummary: '申请执行人反映超过法定期限未执结。',
  reviewFindings: '经审查，可直接转办。', decision: '直接转办', methods: { report: true },
};

beforeAll(async () => {
  e = await startE2E();
  const admin = await e.api('admin');
  const made = await admin.post('/api/users', { username: 'hi-gy-shencha2', name: '海南高院审查人员乙', court: 'hi-gy', roles: ['审查人员'], password: PASSWORD });
  await e.api('hi-gy-shencha2'); // the first sign-in replaces the initial password (remembered for signInAs)
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  await setClock(admin, '2026-12-07 09:00');
  const reviewer = await e.api('hi-gy-shencha');
  const open = (no: string) => reviewer.post('/api/cases', {
    process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy',
    data: { complaintReceivedAt: '2026-12-07', source: '本院申诉信访系统录入交办', enforcementCaseNo: no, parties: '申请执行人张三，被执行人海口某公司' },
  });
  const a = await open('（2026）琼01执501号');
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  caseId = a.body.case.id;
  reviewId = a.body.tasks[0].id;
  const b = await open('（2026）琼01执502号');
  transferCaseId = b.body.case.id;
  const reviewed = await reviewer.post(`/api/tasks/${b.body.tasks[0].id}/complete`, { data: REVIEW });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  transferTaskId = reviewed.body.tasks.find((t: { elementId: string }) => t.elementId === 'transferDirectly').id;
}, 180_000);
afterAll(() => e?.close());

const bar = () => e.page.locator('[data-test="task-actions"]');

async function pick(option: string, reason: string) {
  const dialog = e.page.locator('.el-dialog', { has: e.page.locator('[data-test="action-reason"]') });
  await dialog.waitFor();
  await dialog.locator('[data-test="action-to"]').click();
  await e.page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  await dialog.locator('textarea[data-test="action-reason"], [data-test="action-reason"] textarea').fill(reason);
  await dialog.locator('[data-test="action-confirm"]').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('认领, 暂存 and resume, 转办, 退回 on the task page', () => {
  it('认领: the reviewer claims the task and is shown as its holder', async () => {
    const { page } = e;
    await e.signInAs('hi-gy-shencha');
    await page.goto(`${e.url}/tasks/${reviewId}`);
    await page.locator('.formio-form:not(.formio-read-only)').waitFor();
    expect(await bar().locator('[data-test="holder"]').textContent()).toContain('尚未认领');
    await bar().locator('[data-test="claim"]').click();
    await expect.poll(() => bar().locator('[data-test="holder"]').textContent(), { timeout: 15_000 }).toBe('办理人：海南高院审查人员（海南省高级人民法院）');
    expect(await bar().locator('[data-test="claim"]').count()).toBe(0);
    await e.shot('task-actions-claimed');
  });

  it('暂存: the half-filled form is saved and is there again after a reload', async () => {
    const { page } = e;
    await page.locator('textarea[name="data[complaintSummary]"]').fill('申请执行人反映法院长期未发放执行款。');
    await bar().locator('[data-test="save"]').click();
    await expect.poll(() => bar().locator('[data-test="draft-note"]').textContent(), { timeout: 15_000 }).toContain('已暂存于');
    await page.reload();
    await page.locator('.formio-form:not(.formio-read-only)').waitFor();
    await expect.poll(() => page.locator('textarea[name="data[complaintSummary]"]').inputValue(), { timeout: 15_000 }).toBe('申请执行人反映法院长期未发放执行款。');
    await e.shot('task-actions-resumed');
  });

  it('转办: handed to a colleague of the same court and role; the form becomes read-only here', async () => {
    const { page } = e;
    await bar().locator('[data-test="transfer"]').click();
    await pick('海南高院审查人员乙', '本人回避，转同事办理');
    await expect.poll(() => bar().locator('[data-test="holder"]').textContent(), { timeout: 15_000 }).toBe('办理人：海南高院审查人员乙（海南省高级人民法院）');
    await page.locator('.formio-form.formio-read-only, .formio-read-only').first().waitFor();
    expect(await page.locator('.readonly').textContent()).toContain('该任务由海南高院审查人员乙（海南省高级人民法院）办理');
    await expect.poll(() => page.locator('[data-test="timeline"]').textContent(), { timeout: 15_000 }).toContain('转办给海南高院审查人员乙（海南省高级人民法院），理由：本人回避，转同事办理');
    await e.shot('task-actions-transferred');
  });

  it('the colleague opens it from the inbox and resumes the saved form', async () => {
    const { page } = e;
    await e.signOut();
    await e.signInAs('hi-gy-shencha2');
    await page.goto(`${e.url}/tasks/${reviewId}`);
    await page.locator('.formio-form:not(.formio-read-only)').waitFor();
    await expect.poll(() => page.locator('textarea[name="data[complaintSummary]"]').inputValue(), { timeout: 15_000 }).toBe('申请执行人反映法院长期未发放执行款。');
    expect(await bar().locator('[data-test="holder"]').textContent()).toBe('办理人：海南高院审查人员乙（海南省高级人民法院）');
  });

  it('退回: the 承办人 sends 直接转办 back to the review; the case page shows the review open again, with who and why', async () => {
    const { page } = e;
    await e.signOut();
    await e.signInAs('hi-gy-chengban');
    await page.goto(`${e.url}/tasks/${transferTaskId}`);
    await bar().locator('[data-test="return"]').waitFor();
    await bar().locator('[data-test="return"]').click();
    await pick('审查信访材料', '转办对象有误，请重新审查');
    await page.waitForURL(new RegExp(`/cases/${transferCaseId}`), { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-test="timeline"]').textContent(), { timeout: 15_000 }).toContain('将「直接转办」退回至「审查信访材料」，理由：转办对象有误，请重新审查');
    const api = await e.api('hi-gy-chengban');
    const c = await api.get(`/api/cases/${transferCaseId}`);
    expect(c.body.tasks.map((t: { elementId: string }) => t.elementId)).toEqual(['reviewComplaint']);
    await e.shot('task-actions-returned');
    e.assertClean();
  });
});
