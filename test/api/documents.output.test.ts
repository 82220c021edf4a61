// What becomes of an issued document on the shipped Hainan package: its PDF (LibreOffice headless,
// parsed back with pdf.js: the text, A4, every font embedded), the preview a handler sees before
// submitting (nothing numbered), 作废 (the number stays, with the reason) and 更正 (a new document
// naming the old, which stays as it was) with their role and jurisdiction checks; and a server
// without LibreOffice answering 503 with the reason in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docxText';
import { readPdf } from '../helpers/pdfText';
import type { Hainan } from '../scenarios/hainan/helpers';
import { sample } from '../scenarios/hainan/samples';
import { fileUser } from './helpers/fileUser';
import { atLetter as letterCase, documentsOf as documentsOfCase, startShippedHainan } from './helpers/hainanLetters';

let h: Hainan;
beforeAll(async () => {
  h = await startShippedHainan();
}, 120_000);
afterAll(() => h?.close());

const agentOf = (username: string) => fileUser(h.s.p, username);
const atLetter = () => letterCase(h, { enforcementCaseNo: '（2026）琼01执77号' });
const documentsOf = (id: string) => documentsOfCase(h, id);
async function issuedLetter(issues = '超过法定期限未执结。') {
  const id = await atLetter();
  await h.complete(id, 'issueSupervisionLetter', { issues, reportPeriod: 15 });
  const [doc] = await documentsOf(id);
  expect(doc.status).toBe('issued');
  return { caseId: id, doc };
}
const flat = (s: string) => s.replace(/\s+/g, '');

describe('PDF', () => {
  it('an issued 督办函 as PDF: its text read back, A4, every font embedded; rendered once and kept', async () => {
    const { doc } = await issuedLetter('逾期未执结，执行款未及时发放。');
    expect(doc.pdfUrl).toBe(`/api/documents/${doc.id}/pdf`);
    const reader = await agentOf('hi-hk-chengban'); // the supervised court reads it
    const r = await reader.get(doc.pdfUrl);
    expect(r.status, String(r.body)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(encodeURIComponent(`督办函${doc.number}.pdf`));
    const pdf = await readPdf(r.body);
    const text = flat(pdf.text);
    expect(text).toContain(flat(doc.number));
    expect(text).toContain('海南省高级人民法院');
    expect(text).toContain('海口市中级人民法院：');
    expect(text).toContain('（2026）琼01执77号');
    expect(text).toContain('一、督办事项：逾期未执结，执行款未及时发放。');
    expect(text).toContain('2026年12月7日');
    expect(text).toContain('—1—'); // page numbers
    expect(pdf.pageSize).toEqual({ width: 595, height: 842 }); // A4 in points
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.filter((f) => !f.embedded)).toEqual([]);
    // The second request serves the stored PDF byte for byte.
    expect((await reader.get(doc.pdfUrl)).body).toEqual(r.body);
  }, 180_000);

  it('another province or no session: 404 / 401', async () => {
    const { doc } = await issuedLetter();
    expect((await (await agentOf('hi-qs-chengban')).get(doc.pdfUrl)).status).toBe(404); // 琼山法院 (under 海口中院): not its case
    expect((await h.s.p.request().get(doc.pdfUrl)).status).toBe(401);
  });
});

describe('preview before issuing', () => {
  it('the assignee previews the letter as it would be issued (PDF and .docx); nothing is numbered', async () => {
    const id = await atLetter();
    const task = await h.task(id, 'issueSupervisionLetter');
    const data = sample('hainan/supervisionLetter', { issues: '预览中的督办事项。', reportPeriod: 10 });
    const handler = await agentOf('hi-gy-chengban');
    const docx = await handler.post(`/api/tasks/${task.id}/document-preview?format=docx`, { data });
    expect(docx.status, String(docx.body)).toBe(200);
    const text = docxText(docx.body);
    expect(text).toContain('（文号签发时生成）');
    expect(text).toContain('一、督办事项：预览中的督办事项。');
    expect(text).toContain('10日内');
    const pdf = await handler.post(`/api/tasks/${task.id}/document-preview`, { data });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(flat((await readPdf(pdf.body)).text)).toContain('一、督办事项：预览中的督办事项。');
    // Nothing issued, nothing drawn: the case still has no document.
    expect(await documentsOf(id)).toEqual([]);
  }, 180_000);

  it('refused to a user the task is not assigned to (403), outside the jurisdiction (404), for a task that issues nothing (404), bad format (400)', async () => {
    const id = await atLetter();
    const task = await h.task(id, 'issueSupervisionLetter');
    expect((await (await agentOf('hi-hk-chengban')).post(`/api/tasks/${task.id}/document-preview`, { data: {} })).status).toBe(403);
    expect((await (await agentOf('hi-qs-chengban')).post(`/api/tasks/${task.id}/document-preview`, { data: {} })).status).toBe(404);
    const handler = await agentOf('hi-gy-chengban');
    const bad = await handler.post(`/api/tasks/${task.id}/document-preview?format=odt`, { data: {} });
    expect(bad.status).toBe(400);
    expect(JSON.parse(String(bad.body)).error.message).toBe('format 只能是 pdf 或 docx');
    const other = await h.open('hainanSupervision', 'hi-hk-zy', { complaintReceivedAt: '2026-12-07' });
    const review = await h.task(other, 'reviewComplaint');
    const none = await (await agentOf('hi-gy-shencha')).post(`/api/tasks/${review.id}/document-preview`, { data: {} });
    expect(none.status).toBe(404);
    expect(JSON.parse(String(none.body)).error.message).toBe('该任务不签发文书');
  });
});

describe('作废 and 更正', () => {
  it('a voided document keeps its number, file and text, with the reason; it cannot be voided twice; the number is not reused', async () => {
    const { caseId, doc } = await issuedLetter();
    const handler = await h.s.as('hi-gy-chengban');
    const reader = await agentOf('hi-gy-chengban');
    const before = (await reader.get(doc.file.url)).body as Buffer;
    expect((await handler.post(`/api/documents/${doc.id}/void`, { reason: '  ' })).body.error.message).toBe('请填写作废原因');
    const r = await handler.post(`/api/documents/${doc.id}/void`, { reason: '主送法院写错' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.document).toMatchObject({ status: 'voided', number: doc.number, voided: { reason: '主送法院写错', by: { name: '海南高院承办人', courtName: '海南省高级人民法院' } } });
    const again = await handler.post(`/api/documents/${doc.id}/void`, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已于此前作废：主送法院写错');
    expect((await reader.get(doc.file.url)).body).toEqual(before); // still downloadable, unchanged
    const [listed] = await documentsOf(caseId);
    expect(listed).toMatchObject({ status: 'voided', number: doc.number });
    const next = await issuedLetter();
    expect(seqOf(next.doc.number)).toBe(seqOf(doc.number) + 1);
  });

  it('only the issuing court\'s 承办人/审批人/院领导 may void or correct (403); another province does not see it (404)', async () => {
    const { doc } = await issuedLetter();
    const supervised = await (await h.s.as('hi-hk-chengban')).post(`/api/documents/${doc.id}/void`, { reason: '不同意' });
    expect(supervised.status).toBe(403);
    expect(supervised.body.error.message).toBe('只有发文法院（海南省高级人民法院）的承办人、审批人、院领导可以作废或更正本文书');
    expect((await (await h.s.as('hi-gy-chengban')).get(`/api/documents/${doc.id}`)).body.document.status).toBe('issued');
    expect((await (await h.s.as('hi-qs-chengban')).post(`/api/documents/${doc.id}/corrections`, { values: {} })).status).toBe(404);
    expect((await (await h.s.as('hi-hk-chengban')).post(`/api/documents/${doc.id}/corrections`, { values: {} })).status).toBe(403);
  });

  it('a correction is a new document with its own number naming the old; the old one stays as it was; once only', async () => {
    const { caseId, doc } = await issuedLetter('原督办事项。');
    expect(doc.fields).toContainEqual({ key: 'issues', label: '督办事项', type: 'textarea', value: '原督办事项。' });
    const handler = await h.s.as('hi-gy-chengban');
    const reader = await agentOf('hi-gy-chengban');
    const oldBytes = (await reader.get(doc.file.url)).body as Buffer;
    const bad = await handler.post(`/api/documents/${doc.id}/corrections`, { values: { 文号: '（2026）琼执督函999号', issues: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.field)).toEqual(['文号', 'issues']);
    const r = await handler.post(`/api/documents/${doc.id}/corrections`, { values: { issues: '更正后的督办事项。' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const fixed = r.body.document;
    expect(fixed).toMatchObject({ status: 'issued', kind: 'supervisionLetter', corrects: { id: doc.id, number: doc.number } });
    expect(seqOf(fixed.number)).toBeGreaterThan(seqOf(doc.number));
    const text = docxText((await reader.get(fixed.file.url)).body);
    expect(text).toContain('一、督办事项：更正后的督办事项。');
    expect(text).toContain('15日内'); // the fields not edited are the old document's
    expect((await reader.get(doc.file.url)).body).toEqual(oldBytes);
    const listed = await documentsOf(caseId);
    expect(listed.map((d) => [d.number, d.status, d.correctedBy?.number ?? null])).toEqual([[doc.number, 'issued', fixed.number], [fixed.number, 'issued', null]]);
    const twice = await handler.post(`/api/documents/${doc.id}/corrections`, { values: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe(`该文书已更正，更正文书为${fixed.number}`);
  });
});

describe('a server without LibreOffice', () => {
  it('answers the PDF and the preview with 503 and the reason in Chinese; the .docx still downloads', async () => {
    const off = await startShippedHainan({ DUBAN_SOFFICE: 'off' });
    try {
      const id = await letterCase(off);
      const task = await off.task(id, 'issueSupervisionLetter');
      const handler = await off.s.as('hi-gy-chengban');
      const preview = await handler.post(`/api/tasks/${task.id}/document-preview`, { data: {} });
      expect(preview.status).toBe(503);
      expect(preview.body.error.message).toContain('本服务器未安装 LibreOffice');
      await off.complete(id, 'issueSupervisionLetter', { reportPeriod: 15 });
      const [doc] = (await handler.get(`/api/cases/${id}/documents`)).body.documents;
      const pdf = await handler.get(doc.pdfUrl);
      expect(pdf.status).toBe(503);
      expect(pdf.body.error.message).toContain('请下载 .docx，用 Word / WPS 打开后打印');
      expect((await handler.get(doc.file.url)).status).toBe(200);
    } finally {
      await off.close();
    }
  }, 120_000);
});

function seqOf(number: string): number {
  const m = /^（2026）琼执督函(\d+)号$/.exec(number);
  expect(m, number).not.toBeNull();
  return Number(m![1]);
}
