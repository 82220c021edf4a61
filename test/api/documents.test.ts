// /api/documents on the shipped Hainan package: the template library (list, download, upload a
// revision — refused with every problem in Chinese), revisions pinned per issued document, and
// the 文号 series under 20 concurrent completions (no gap, no duplicate).
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../helpers/docxText';
import type { Hainan } from '../scenarios/hainan/helpers';
import { sample } from '../scenarios/hainan/samples';
import { DOCX, fileUser } from './helpers/fileUser';
import { atLetter as letterCase, documentsOf as documentsOfCase, startShippedHainan } from './helpers/hainanLetters';

let h: Hainan;
beforeAll(async () => {
  h = await startShippedHainan();
}, 120_000);
afterAll(() => h?.close());

const agentOf = (username: string) => fileUser(h.s.p, username);
const TEMPLATE_URL = '/api/documents/templates/hainan/supervisionLetter';
const atLetter = () => letterCase(h);
const documentsOf = (id: string) => documentsOfCase(h, id);

describe('the template library', () => {
  it('lists each kind with its elements, 文号 pattern, placeholders and revisions', async () => {
    const r = await (await h.s.as('admin')).get('/api/documents/templates?package=hainan');
    expect(r.status).toBe(200);
    const byKind = Object.fromEntries(r.body.templates.map((t: any) => [t.kind, t]));
    expect(Object.keys(byKind).sort()).toEqual(['enforcementOrder', 'notice', 'supervisionLetter', 'urgingLetter']);
    const letter = byKind.supervisionLetter;
    expect(letter.name).toBe('督办函');
    expect(letter.numbering).toBe('（{年}）{代字}执督函{号}号');
    expect(letter.elements.map((e: any) => [e.id, e.name])).toEqual([['issueSupervisionLetter', '制作督办函'], ['reissueSupervisionLetter', '再次督办（发函）']]);
    expect(letter.placeholders.map((p: any) => p.name)).toEqual(expect.arrayContaining(['文号', '被督办法院', 'issues', 'reportPeriod']));
    expect(letter.revisions).toEqual([expect.objectContaining({ revision: 1, source: 'package' })]);
    expect(byKind.notice.elements.map((e: any) => e.id).sort()).toEqual(['assignmentNotice', 'itemNotice', 'notice']);
  });

  it('an administrator downloads the template; a handler may not (403); an unknown kind is 404', async () => {
    const admin = await agentOf('admin');
    const r = await admin.get(`${TEMPLATE_URL}/file`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    expect(docxText(r.body)).toContain('{被督办法院}：');
    expect((await (await agentOf('hi-gy-chengban')).get(`${TEMPLATE_URL}/file`)).status).toBe(403);
    expect((await admin.get('/api/documents/templates/hainan/nothing/file')).status).toBe(404);
  });

  it('an upload is refused with every problem: unknown placeholders, malformed tags (422, nothing saved)', async () => {
    const admin = await agentOf('admin');
    const original = (await admin.get(`${TEMPLATE_URL}/file`)).body as Buffer;
    const bad = rewrite(original, (x) => x.replace('{督办案号}', '{督办编号}').replace('{issues}', '{事项}'));
    const r = await admin.upload(`${TEMPLATE_URL}/revisions`, bad);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toBe('模板有 2 处问题，未保存');
    expect(r.body.error.details.map((d: any) => d.message)).toEqual([
      '未知的占位符「{督办编号}」：可用的占位符见模板说明（案件信息用中文名称，表单字段用字段键）',
      '未知的占位符「{事项}」：可用的占位符见模板说明（案件信息用中文名称，表单字段用字段键）',
    ]);
    const broken = rewrite(original, (x) => x.replace('{文号}', '{文号'));
    const b = await admin.upload(`${TEMPLATE_URL}/revisions`, broken);
    expect(b.status).toBe(422);
    expect(b.body.error.details[0].message).toMatch(/缺少右花括号/);
    const notWord = await admin.upload(`${TEMPLATE_URL}/revisions`, Buffer.from('%PDF-1.7 …'));
    expect(notWord.status).toBe(422);
    expect(notWord.body.error.details[0].message).toBe('不是有效的 Word 文档（.docx）：文件不是 zip 格式');
    const revisions = (await (await h.s.as('admin')).get('/api/documents/templates?package=hainan')).body.templates
      .find((t: any) => t.kind === 'supervisionLetter').revisions;
    expect(revisions).toHaveLength(1);
  });

  it('refuses a handler (403), an empty body, a body that is not a Word file type (400), an oversized one (413)', async () => {
    const original = (await (await agentOf('admin')).get(`${TEMPLATE_URL}/file`)).body as Buffer;
    expect((await (await agentOf('hi-gy-chengban')).upload(`${TEMPLATE_URL}/revisions`, original)).status).toBe(403);
    const admin = await agentOf('admin');
    expect((await admin.upload(`${TEMPLATE_URL}/revisions`, Buffer.alloc(0))).status).toBe(400);
    const typed = await admin.upload(`${TEMPLATE_URL}/revisions`, 'x', 'text/plain');
    expect(typed.status).toBe(400);
    expect(typed.body.error.message).toBe('请以 Word 文档（.docx）上传模板');
    expect((await admin.upload(`${TEMPLATE_URL}/revisions`, Buffer.alloc(2 * 1024 * 1024 + 1))).status).toBe(413);
  });
});

describe('revisions are pinned per issued document', () => {
  it('a document issued before an upload keeps its revision and its text; the next one uses revision 2', async () => {
    const first = await atLetter();
    await h.complete(first, 'issueSupervisionLetter', { reportPeriod: 15 });
    const [before] = await documentsOf(first);
    expect(before.template).toEqual({ revision: 1 });
    const reader = await agentOf('hi-gy-chengban');
    const bytesBefore = (await reader.get(before.file.url)).body as Buffer;

    const admin = await agentOf('admin');
    const original = (await admin.get(`${TEMPLATE_URL}/file`)).body as Buffer;
    const revised = rewrite(original, (x) => x.replace('附件：相关材料', '附件：相关材料（第二版模板）'));
    const up = await admin.upload(`${TEMPLATE_URL}/revisions`, revised);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ kind: 'supervisionLetter', revision: 2 });
    expect((await admin.get(`${TEMPLATE_URL}/file?revision=1`)).body).toEqual(original);

    const second = await atLetter();
    await h.complete(second, 'issueSupervisionLetter', { reportPeriod: 15 });
    const [after] = await documentsOf(second);
    expect(after.template).toEqual({ revision: 2 });
    expect(docxText((await reader.get(after.file.url)).body)).toContain('附件：相关材料（第二版模板）');

    const again = (await reader.get(before.file.url)).body as Buffer;
    expect(again).toEqual(bytesBefore);
    expect(docxText(again)).not.toContain('第二版模板');
    await expect((await h.s.as('hi-gy-chengban')).get(`/api/documents/${before.id}`).then((r) => r.body.document.template)).resolves.toEqual({ revision: 1 });
  });
});

describe('文号 under concurrency', () => {
  it('20 letters completed at once get 20 consecutive numbers of the 高院 series: no gap, no duplicate', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await atLetter());
    // The last number before: one letter issued on its own.
    const lead = await atLetter();
    await h.complete(lead, 'issueSupervisionLetter', { reportPeriod: 15 });
    const issuedBefore = seqOf((await documentsOf(lead))[0].number);
    const handler = await h.s.as('hi-gy-chengban');
    const tasks = await Promise.all(ids.map((id) => h.task(id, 'issueSupervisionLetter')));
    const results = await Promise.all(tasks.map((t) => handler.post(`/api/tasks/${t.id}/complete`, { data: sample('hainan/supervisionLetter', { issues: '逾期未执结。' }) })));
    expect(results.map((r) => r.status), JSON.stringify(results[0].body)).toEqual(Array(20).fill(200));
    const docs = (await Promise.all(ids.map(documentsOf))).flat();
    expect(docs.map((d) => d.status)).toEqual(Array(20).fill('issued'));
    const seqs = docs.map((d) => seqOf(d.number)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => issuedBefore + 1 + i));
  }, 240_000);
});

function seqOf(number: string): number {
  const m = /^（2026）琼执督函(\d+)号$/.exec(number);
  expect(m, number).not.toBeNull();
  return Number(m![1]);
}

function rewrite(docx: Buffer, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(docx);
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
}
