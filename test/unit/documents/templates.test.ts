// Templates: the shipped Hainan files are Word documents that parse, fill and keep their
// layout; a bad template is refused with one Chinese problem per fault; values are text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../server/documents/template/inspect';
import { fillTemplate } from '../../../server/documents/template/fill';
import { allowedNames, CASE_PLACEHOLDERS, formPlaceholders } from '../../../server/documents/template/vocabulary';
import { docxText, xmlParts } from '../../helpers/docxText';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'processes/hainan/templates');
const template = (name: string) => readFileSync(path.join(DIR, `${name}.docx`));
const form = (name: string) => ({ key: `hainan/${name}`, schema: JSON.parse(readFileSync(path.join(ROOT, 'forms/hainan', `${name}.json`), 'utf8')) });
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'processes/hainan/manifest.json'), 'utf8'));
const FORM_OF: Record<string, string> = { supervisionLetter: 'supervisionLetter', urgingLetter: 'urgingLetter', enforcementOrder: 'enforcementOrder', notice: 'notice' };

/** The template with word/document.xml rewritten (as an administrator's edit in Word would). */
function edited(name: string, edit: (xml: string) => string, extra: Record<string, string> = {}): Buffer {
  const zip = new PizZip(template(name));
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  for (const [n, content] of Object.entries(extra)) zip.file(n, content);
  return zip.generate({ type: 'nodebuffer' }) as Buffer;
}

describe('the shipped Hainan templates', () => {
  it('ship 督办函, 催办函, 督促执行令 and 通报, each listed in the manifest', () => {
    const files = readdirSync(DIR).sort();
    expect(files).toEqual(['enforcementOrder.docx', 'notice.docx', 'supervisionLetter.docx', 'urgingLetter.docx']);
    expect(manifest.documents.map((d: any) => [d.name, d.template])).toEqual([
      ['督办函', 'supervisionLetter.docx'], ['催办函', 'urgingLetter.docx'], ['督促执行令', 'enforcementOrder.docx'], ['通报', 'notice.docx'],
    ]);
  });

  it.each(Object.keys(FORM_OF))('%s: every XML part is well-formed, A4 with GB/T 9704 margins and a page number', (name) => {
    const parts = xmlParts(template(name));
    expect(parts.map((p) => p.name)).toContain('word/document.xml');
    for (const p of parts) {
      // DOMParser is not in Node; a strict check of tag balance does the same job here.
      expect(balanced(p.xml), p.name).toBe(true);
    }
    const doc = parts.find((p) => p.name === 'word/document.xml')!.xml;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/); // 210 × 297 mm
    expect(doc).toMatch(/<w:pgMar w:top="2098"[^>]* w:bottom="1984"[^>]* w:left="1587"/); // 37 / 35 / 28 mm
    const footer = parts.find((p) => /word\/footer\d*\.xml/.test(p.name))!.xml;
    expect(footer).toContain('PAGE');
  });

  it.each(Object.keys(FORM_OF))('%s: uses only the case placeholders and its form\'s fields', (name) => {
    expect(checkTemplate(template(name), allowedNames(formPlaceholders([form(FORM_OF[name])])))).toEqual([]);
  });
});

describe('refusals (Chinese, one per fault, all at once)', () => {
  const allowed = allowedNames(formPlaceholders([form('supervisionLetter')]));

  it('an unknown placeholder is named; a known one is not', () => {
    const bad = edited('supervisionLetter', (x) => x.replace('{督办案号}', '{督办案号码}').replace('{issues}', '{issue}'));
    const problems = checkTemplate(bad, allowed);
    expect(problems.map((p) => p.tag)).toEqual(['{督办案号码}', '{issue}']);
    expect(problems[0].message).toBe('未知的占位符「{督办案号码}」：可用的占位符见模板说明（案件信息用中文名称，表单字段用字段键）');
  });

  it('malformed tags: an unclosed brace, an unclosed condition', () => {
    const bad = edited('supervisionLetter', (x) => x.replace('{文号}', '{文号').replace('{/urgent}', ''));
    const messages = checkTemplate(bad, allowed).map((p) => p.message);
    // docxtemplater reads an unclosed tag up to the next text it meets: 「{文号督」.
    expect(messages[0]).toMatch(/^「\{文号\S*」缺少右花括号「}」$/);
    expect(messages).toContain('条件段「{#urgent}」没有对应的结束标记「{/urgent}」');
    expect(messages).toHaveLength(2);
  });

  it('raw XML ({@…}) is refused: it would paste submitted text into the markup', () => {
    const bad = edited('supervisionLetter', (x) => x.replace('{issues}', '{@issues}'));
    expect(checkTemplate(bad, allowed).map((p) => p.code)).toContain('TEMPLATE_MALFORMED');
    const alone = edited('supervisionLetter', (x) => x.replace(/<w:t xml:space="preserve">一、督办事项：\{issues\}<\/w:t>/, '<w:t xml:space="preserve">{@issues}</w:t>'));
    expect(checkTemplate(alone, allowed)).toEqual([expect.objectContaining({ code: 'TEMPLATE_RAW_XML', tag: '{@issues}' })]);
  });

  it('an expression is just an unknown name: the default parser runs no code', () => {
    const bad = edited('supervisionLetter', (x) => x.replace('{issues}', '{constructor.constructor("return process")()}'));
    const problems = checkTemplate(bad, allowed);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('TEMPLATE_UNKNOWN_PLACEHOLDER');
    // Filling it anyway prints nothing: a name is looked up as an own property, never evaluated.
    expect(docxText(fillTemplate(bad, {}))).toContain('一、督办事项：\n');
  });

  it('not a Word file, or one with macros', () => {
    expect(checkTemplate(Buffer.from('%PDF-1.7'), allowed)[0].message).toBe('不是有效的 Word 文档（.docx）：文件不是 zip 格式');
    const zip = new PizZip();
    zip.file('hello.txt', 'x');
    expect(checkTemplate(zip.generate({ type: 'nodebuffer' }) as Buffer, allowed)[0].code).toBe('TEMPLATE_NOT_DOCX');
    const macro = edited('supervisionLetter', (x) => x, { 'word/vbaProject.bin': 'VBA' });
    expect(checkTemplate(macro, allowed)).toEqual([expect.objectContaining({ code: 'TEMPLATE_MACRO' })]);
  });
});

describe('filling', () => {
  it('values are text: markup characters are escaped, line breaks kept, conditions follow booleans', () => {
    const out = fillTemplate(template('supervisionLetter'), { 文号: '（2026）琼执督函3号', issues: '<w:p>甲&乙\n第二行', urgent: false });
    const parts = xmlParts(out);
    for (const p of parts) expect(balanced(p.xml), p.name).toBe(true);
    const text = docxText(out);
    expect(text).toContain('一、督办事项：<w:p>甲&乙\n第二行');
    expect(text).not.toContain('情况紧急');
    expect(text).toContain('（2026）琼执督函3号');
  });

  it('every case placeholder is described in Chinese', () => {
    for (const [name, description] of Object.entries(CASE_PLACEHOLDERS)) expect(description, name).toMatch(/[\u4e00-\u9fa5]/);
  });
});

/** Start and end tags pair up (comments, declarations and self-closing tags aside). */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (!close) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}
