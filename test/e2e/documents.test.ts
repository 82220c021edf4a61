// A 高院 承办人 issues a 督办函 from the task page of a Hainan case (the shipped package, as
// `npm start` installs it): the case page then lists it with its 文号 and the supervised court
// downloads the .docx from the browser; the file is read back. The screenshot is the case page's
// document list: Chromium does not render Word files (server/documents/README.md: no PDF).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docxText';
import { startE2E, type E2E } from './harness';
import { setClock } from './seed';

let e: E2E;
let caseId: string;
let taskId: string;

beforeAll(async () => {
  e = await startE2E();
  const admin = await e.api('admin');
  await setClock(admin, '2026-12-07 09:00');
  const reviewer = await e.api('hi-gy-shencha');
  const opened = await reviewer.post('/api/cases', {
    process: 'hainanSupervision', supervisedCourt: 'hi-hk-zy',
    data: { complaintReceivedAt: '2026-12-07', source: '本院申诉信访系统录入交办', enforcementCaseNo: '（2026）琼01执321号', parties: '申请执行人张三，被执行人海口某公司' },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  caseId = opened.body.case.id;
  const review = opened.body.tasks[0];
  const reviewed = await reviewer.post(`/api/tasks/${review.id}/complete`, { data: {
    source: '本院申诉信访系统录入交办', situations: { overdue: true }, complaintSummary: '申请执行人反映超过法定期限未执结。',
    reviewFindings: '经审查，符合督办条件。', decision: '督办', methods: { report: true },
  } });
  expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
  taskId = reviewed.body.tasks.find((t: { elementId: string }) => t.elementId === 'issueSupervisionLetter').id;
}, 180_000);
afterAll(() => e?.close());

describe('a 督办函 issued from the task page', () => {
  it('the handler fills 制作督办函 and submits it', async () => {
    const { page } = e;
    await e.signInAs('hi-gy-chengban');
    await page.goto(`${e.url}/tasks/${taskId}`);
    await page.locator('.formio-form:not(.formio-read-only)').waitFor();
    await page.locator('input[name="data[letterNo]"]').fill('（手填）');
    await page.locator('textarea[name="data[issues]"]').fill('超过法定期限未执结，未及时发放执行款。');
    await page.locator('textarea[name="data[requirements]"]').fill('依法及时执行并书面报告。');
    await page.locator('input[name="data[reportPeriod]"]').fill('15');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/inbox/, { timeout: 30_000 });
  });

  it('the case page lists it with its 文号; the supervised court downloads the .docx', async () => {
    const { page } = e;
    await e.signOut();
    await e.signInAs('hi-hk-chengban');
    await page.goto(`${e.url}/cases/${caseId}`);
    const card = page.locator('[data-test="case-documents"]');
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('（2026）琼执督函1号');
    expect(await card.textContent()).toContain('海口市中级人民法院');
    await card.scrollIntoViewIfNeeded();
    await e.shot('case-documents');
    const download = page.waitForEvent('download');
    await card.locator('[data-test="document-download"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('督办函（2026）琼执督函1号.docx');
    const text = docxText(readFileSync((await file.path())!));
    expect(text).toContain('海口市中级人民法院：');
    expect(text).toContain('一、督办事项：超过法定期限未执结，未及时发放执行款。');
    expect(text).toContain('2026年12月7日');
    expect(text).toContain('联系人：海南高院承办人');
  });

  it('made no request to another host and logged no unexpected console error', () => {
    e.assertClean();
  });
});
