// A 高院 承办人 issues a 督办函 from the task page of a Hainan case (the shipped package, as
// `npm start` installs it): previews it before 提交 (the PDF drawn by pdf.js in the page: the
// first page kept as test-artifacts/e2e/documents-preview-page1.png), submits; the case page
// lists it with its 文号; the supervised court views the issued PDF (first page kept as
// documents-issued-page1.png) and downloads the .docx and the PDF, both read back; the issuing
// handler corrects it (a new 文号 naming the old) and voids the correction with a reason.
import { readFileSync, writeFileSync } from 'node:fs';
import PizZip from 'pizzip';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docxText';
import { readPdf } from '../helpers/pdfText';
import { ROOT, startE2E, type E2E } from './harness';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
/** A PDF page drawn in the browser, kept as a PNG; its ink checked so a blank canvas fails. */
async function keepPage(e: E2E, selector: string, name: string) {
  const canvas = e.page.locator(selector);
  await canvas.waitFor({ timeout: 120_000 });
  // The canvas's own pixels (the page as pdf.js drew it), not the dialog's visible part of it.
  const png = await canvas.evaluate((el) => (el as unknown as { toDataURL(t: string): string }).toDataURL('image/png'));
  writeFileSync(path.join(ARTIFACTS, `${name}.png`), Buffer.from(png.split(',')[1], 'base64'));
  const inked = await canvas.evaluate((el) => {
    const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 1] < 128 && d[i + 2] < 128) dark++;
    return dark / (d.length / 4);
  });
  expect(inked).toBeGreaterThan(0.002); // text drawn, not an empty page
}
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
    // Before 提交: the letter as it would be issued, drawn from its PDF.
    await expect.poll(() => page.locator('[data-test="task-document"]').textContent(), { timeout: 30_000 }).toContain('提交后签发督办函');
    await page.locator('[data-test="document-preview"]').click();
    await keepPage(e, '[data-test="document-preview-dialog"] canvas[data-page="1"]', 'documents-preview-page1');
    await e.shot('documents-preview');
    await page.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click();
    await page.locator('[data-test="document-preview-dialog"]').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/inbox/, { timeout: 30_000 });
  }, 180_000);

  it('the case page lists it with its 文号; the supervised court downloads the .docx and the PDF', async () => {
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

    const pdfDownload = page.waitForEvent('download');
    await card.locator('[data-test="document-pdf"]').click();
    const pdfFile = await pdfDownload;
    expect(pdfFile.suggestedFilename()).toBe('督办函（2026）琼执督函1号.pdf');
    const pdf = await readPdf(readFileSync((await pdfFile.path())!));
    expect(pdf.text.replace(/\s+/g, '')).toContain('一、督办事项：超过法定期限未执结，未及时发放执行款。');
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
  }, 240_000);

  it('the issued letter is viewed as it prints: its PDF drawn in the page', async () => {
    const { page } = e;
    await page.locator('[data-test="case-documents"] [data-test="document-view"]').first().click();
    await keepPage(e, '[data-test="document-viewer"] canvas[data-page="1"]', 'documents-issued-page1');
    await e.shot('documents-viewer');
    await page.keyboard.press('Escape');
    await page.locator('[data-test="document-viewer"]').waitFor({ state: 'hidden' });
  }, 180_000);

  it('the issuing handler corrects it (a new 文号 naming the old) and voids the correction with a reason', async () => {
    const { page } = e;
    await e.signOut();
    await e.signInAs('hi-gy-chengban');
    await page.goto(`${e.url}/cases/${caseId}`);
    const card = page.locator('[data-test="case-documents"]');
    await card.locator('[data-test="document-correct"]').first().click();
    const dialog = page.locator('[data-test="correction-dialog"]');
    await dialog.locator('textarea[name="issues"]').fill('超过法定期限未执结。');
    await dialog.locator('[data-test="correction-submit"]').click();
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('（2026）琼执督函2号');
    expect(await card.textContent()).toContain('更正 （2026）琼执督函1号');
    expect(await card.textContent()).toContain('已由 （2026）琼执督函2号 更正');
    await card.locator('[data-test="document-void"]').first().click();
    const box = page.locator('.el-message-box');
    await box.locator('textarea').fill('更正文书重复签发');
    await box.getByRole('button', { name: '作废' }).click();
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('原因：更正文书重复签发');
    // Two documents: the letter stays 已签发, the correction is 已作废 (a status may be drawn twice
    // in a row, e.g. the table's fixed column; the count of documents is in the card's title).
    expect(await card.innerText()).toContain('文书（2 件）');
    expect([...new Set(await card.locator('[data-test="document-status"]').allTextContents())]).toEqual(['已签发', '已作废']);
    await card.scrollIntoViewIfNeeded();
    await e.shot('case-documents-corrected-voided');
  }, 120_000);

  it('the 流程管理员 lists the 督办函 template\'s revisions; an upload with an unknown placeholder is refused in Chinese, a good one becomes revision 2', async () => {
    const { page } = e;
    const admin = await e.api('admin');
    const original = (await admin.get('/api/documents/templates/hainan/supervisionLetter/file').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })).body as Buffer;
    const edited = (edit: (xml: string) => string) => {
      const zip = new PizZip(original);
      zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
      return zip.generate({ type: 'nodebuffer' }) as Buffer;
    };
    await e.signOut();
    await e.signInAs('admin');
    await page.goto(`${e.url}/admin/packages`);
    // Hainan's row: five packages are shipped, and the list is sorted by id.
    const hainanRow = page.locator('.el-table__row', { has: page.locator('td', { hasText: /^hainan$/ }) });
    await hainanRow.locator('[data-test="package-templates"]').click();
    const card = page.locator('[data-test="template-supervisionLetter"]');
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('第 1 版');
    expect(await card.textContent()).toContain('制作督办函（任务办结时）');

    e.allow({ text: /status of 422/, url: /\/revisions$/ });
    const chooser = page.waitForEvent('filechooser');
    await card.locator('[data-test="template-upload-supervisionLetter"]').click();
    await (await chooser).setFiles({ name: '督办函.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: edited((x) => x.replace('{issues}', '{督办事项}')) });
    await expect.poll(() => card.locator('[data-test="template-refused"]').textContent().catch(() => ''), { timeout: 30_000 }).toContain('未知的占位符「{督办事项}」');
    await e.shot('documents-template-refused');

    const chooser2 = page.waitForEvent('filechooser');
    await card.locator('[data-test="template-upload-supervisionLetter"]').click();
    await (await chooser2).setFiles({ name: '督办函.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: edited((x) => x.replace('附件：相关材料', '附件：相关材料（第二版）')) });
    await expect.poll(() => card.locator('[data-test="template-revisions-supervisionLetter"]').textContent(), { timeout: 30_000 }).toContain('第 2 版');
    expect(await card.locator('[data-test="template-refused"]').count()).toBe(0);
    expect(await card.textContent()).toContain('管理员上传');
    await e.shot('documents-templates');
    // The letter issued before keeps revision 1.
    const docs = (await admin.get(`/api/cases/${caseId}/documents`)).body.documents as { template: { revision: number } }[];
    expect(docs.map((d) => d.template.revision)).toEqual([1, 1]);
  }, 120_000);

  it('made no request to another host and logged no unexpected console error', () => {
    e.assertClean();
  });
});
