// Checking a .docx template before it is stored: a Word file (not a macro-enabled one), tags
// that docxtemplater can compile, and only known placeholders. Every problem is collected in
// Chinese, so an administrator fixes the file once in Word rather than once per upload.
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import { TEMPLATE_OPTIONS } from './options';

export interface TemplateProblem {
  code: string;
  message: string;
  /** The placeholder concerned, as written in the file. */
  tag?: string;
}

const COMPILE_MESSAGES: Record<string, (tag: string) => string> = {
  unopened_tag: (t) => `「${t}}」缺少左花括号「{」`,
  unclosed_tag: (t) => `「{${t}」缺少右花括号「}」`,
  duplicate_open_tag: (t) => `「${t}」中左花括号「{」重复`,
  duplicate_close_tag: (t) => `「${t}」中右花括号「}」重复`,
  closing_tag_does_not_match_opening_tag: (t) => `条件段的开始与结束不一致：「${t}」`,
  unopened_loop: (t) => `条件段「{/${t}}」没有对应的开始标记「{#${t}}」`,
  unclosed_loop: (t) => `条件段「{#${t}}」没有对应的结束标记「{/${t}}」`,
  unbalanced_loop_tags: (t) => `条件段的开始与结束标记不配对：「${t}」`,
  raw_xml_tag_should_be_only_text_in_paragraph: (t) => `「{@${t}}」不允许使用`,
  malformed_xml: () => '文档的 XML 结构已损坏',
  lost_tag: (t) => `占位符「${t}」被拆散在不同段落中，请在一个段落内重新输入`,
};

type Part = { type: string; value: string; module?: string; subparsed?: Part[]; raw?: string };

/** Loads the zip; a file that is not a Word document is one problem, not an exception. */
export function openDocx(buffer: Buffer): { zip?: PizZip; problem?: TemplateProblem } {
  let zip: PizZip;
  try {
    zip = new PizZip(buffer);
  } catch {
    return { problem: { code: 'TEMPLATE_NOT_DOCX', message: '不是有效的 Word 文档（.docx）：文件不是 zip 格式' } };
  }
  if (!zip.file('word/document.xml') || !zip.file('[Content_Types].xml')) {
    return { problem: { code: 'TEMPLATE_NOT_DOCX', message: '不是有效的 Word 文档（.docx）：缺少 word/document.xml' } };
  }
  // A macro-enabled document (.docm renamed) would carry its macros into every issued copy.
  const types = zip.file('[Content_Types].xml')!.asText();
  if (zip.file(/vbaProject\.bin$/i).length || /macroEnabled/i.test(types)) {
    return { problem: { code: 'TEMPLATE_MACRO', message: '模板含有宏（VBA），不允许：请另存为不含宏的 .docx' } };
  }
  return { zip };
}

/** Every problem of the template against the allowed placeholder names ([] = usable). */
export function checkTemplate(buffer: Buffer, allowed: Set<string>): TemplateProblem[] {
  const opened = openDocx(buffer);
  if (!opened.zip) return [opened.problem!];
  const inspect = new InspectModule();
  try {
    new Docxtemplater(opened.zip, { ...TEMPLATE_OPTIONS, modules: [inspect] });
  } catch (err) {
    return compileProblems(err);
  }
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  const visit = (parts: Part[]) => {
    for (const p of parts) {
      if (p.type !== 'placeholder') continue;
      const shown = p.module === 'loop' ? `{#${p.value}}` : p.module === 'rawxml' ? `{@${p.value}}` : `{${p.value}}`;
      if (p.module === 'rawxml') {
        // Raw XML would paste submitted text into the document's markup.
        problems.push({ code: 'TEMPLATE_RAW_XML', tag: shown, message: `「${shown}」会把文字当作 Word 标记插入，不允许使用；请写作「{${p.value}}」` });
      } else if (!allowed.has(p.value) && !seen.has(p.value)) {
        seen.add(p.value);
        problems.push({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', tag: shown, message: `未知的占位符「${shown}」：可用的占位符见模板说明（案件信息用中文名称，表单字段用字段键）` });
      }
      if (p.subparsed) visit(p.subparsed);
    }
  };
  visit(inspect.getAllStructuredTags() as Part[]);
  return problems;
}

function compileProblems(err: unknown): TemplateProblem[] {
  const e = err as { properties?: { id?: string; errors?: unknown[]; xtag?: string; explanation?: string } };
  const list = (e.properties?.errors ?? [err]) as { properties?: { id?: string; xtag?: string; explanation?: string } }[];
  return list.map((x) => {
    const id = x.properties?.id ?? 'unknown';
    const tag = x.properties?.xtag ?? '';
    const say = COMPILE_MESSAGES[id];
    return {
      code: 'TEMPLATE_MALFORMED',
      ...(tag ? { tag } : {}),
      message: say ? say(tag) : `模板无法解析（${id}${tag ? `：${tag}` : ''}）`,
    };
  });
}
