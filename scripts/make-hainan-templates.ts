// Writes Hainan's document templates (processes/hainan/templates/*.docx) with the `docx`
// library: run `npx tsx scripts/make-hainan-templates.ts` after changing the wording here.
// The files are committed; the platform never runs this script. An administrator may also
// edit the .docx in Word / WPS and upload it as a new revision (server/documents/README.md).
//
// Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, 22 lines of
// 28 characters; 版头 (the issuing court in red 小标宋), 发文字号, red separator; 标题 in 2号
// 小标宋; 主送; 正文 in 3号 仿宋; 成文日期 and 发文机关署名; page numbers 「— 1 —」 in 4号 宋体.
// Fonts are named, not embedded: 仿宋_GB2312 / 方正小标宋简体 on court machines; Word, WPS and
// LibreOffice substitute a Song/Fang Song face where they are missing (README: fallback).
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun,
} from 'docx';

const OUT = path.resolve(import.meta.dirname, '../processes/hainan/templates');
const mm = (n: number) => Math.round((n / 25.4) * 1440); // twips
const BODY_FONT = { ascii: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hAnsi: '仿宋_GB2312', cs: '仿宋_GB2312' };
const TITLE_FONT = { ascii: '方正小标宋简体', eastAsia: '方正小标宋简体', hAnsi: '方正小标宋简体', cs: '方正小标宋简体' };
const SONG = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体', cs: '宋体' };
const LINE = { line: 579, lineRule: LineRuleType.EXACT }; // 28.95 pt: 22 lines on the 版心

const run = (text: string, opts: { font?: typeof BODY_FONT; size?: number; color?: string; bold?: boolean } = {}) =>
  new TextRun({ text, font: opts.font ?? BODY_FONT, size: opts.size ?? 32, color: opts.color, bold: opts.bold });

/** A 正文 paragraph, first line indented two characters. One placeholder stays in one run. */
const body = (...parts: string[]) =>
  new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED, children: parts.map((p) => run(p)) });

const plain = (text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT, opts: Parameters<typeof run>[1] = {}) =>
  new Paragraph({ alignment, spacing: LINE, children: [run(text, opts)] });

const blank = () => new Paragraph({ spacing: LINE, children: [run('')] });

/** 版头: the issuing court in red, the 发文字号, a red line across the 版心. */
const head = () => [
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 600, after: 400 }, children: [run('{发文法院}', { font: TITLE_FONT, size: 52, color: 'C00000' })] }),
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 200 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 8 } },
    children: [run('{文号}')],
  }),
  blank(),
];

const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200, line: 700, lineRule: LineRuleType.EXACT }, children: [run(text, { font: TITLE_FONT, size: 44 })] });

/** 发文机关署名 and 成文日期, right-aligned, four characters from the right edge. */
const signature = () => [
  blank(),
  new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: LINE, children: [run('{发文法院}')] }),
  new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: LINE, children: [run('{成文日期}')] }),
  blank(),
  plain('（联系人：{承办人}，{发文法院}）'),
];

const footer = () =>
  new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: 28 })],
    })],
  });

function document(paragraphs: Paragraph[], kindTitle: string): Document {
  return new Document({
    creator: '督办平台',
    title: kindTitle,
    description: '海南法院执行案件督办 文书模板（占位符以花括号标出）',
    sections: [{
      properties: {
        page: {
          size: { width: mm(210), height: mm(297) },
          margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20), header: mm(15) },
        },
      },
      footers: { default: footer() },
      children: paragraphs,
    }],
  });
}

const REGULATION = '《海南省高级人民法院关于执行案件督办工作的实施办法（试行）》';
const PROVISIONS = '《海南省高级人民法院执行督办工作暂行规定》';

const templates: Record<string, { title: string; paragraphs: Paragraph[] }> = {
  supervisionLetter: {
    title: '督办函',
    paragraphs: [
      ...head(),
      title('督 办 函'),
      plain('{被督办法院}：'),
      body('本院受理的反映你院执行的{执行案号}案件（本院督办案号：{督办案号}）的涉执申诉信访，经审查，符合执行督办条件。根据', REGULATION, '第四条、第五条、第六条的规定，现将该案交你院督办，并附相关材料函转你院。'),
      body('一、督办事项：{issues}'),
      body('二、办理要求：{requirements}'),
      body('三、督办方式：{methods}'),
      body('请你院收到本函后指定专人办理，并于收到本函之日起{reportPeriod}日内将案件办理情况或者处理意见附相关材料向本院作出书面报告。必要时，携卷向本院汇报。{#urgent}情况紧急，请你院立即向本院汇报，本院将视情况派员实地指导督办。{/urgent}'),
      body('你院认为无财产可供执行的，应当在收到本函之日起二十日内组织申请执行人与被执行人听证，并于听证之日起十日内将办理情况报告本院（', REGULATION, '第七条）。'),
      blank(),
      body('附件：相关材料'),
      ...signature(),
    ],
  },
  urgingLetter: {
    title: '催办函',
    paragraphs: [
      ...head(),
      title('催 办 函'),
      plain('{被督办法院}：'),
      body('本院督办的{执行案号}案件（本院督办案号：{督办案号}），已限期要求你院报告办理结果或者按照督办意见纠正执行行为。你院逾期未报告或者未予纠正。根据', PROVISIONS, '第二十三条的规定，现予催办。'),
      body('催办内容：{content}'),
      body('请你院于收到本函之日起{compliancePeriod}日内向本院报告办理结果或者按照督办意见纠正执行行为。仍催而不办的，本院将要求你院说明原因或者视情况予以通报。'),
      ...signature(),
    ],
  },
  enforcementOrder: {
    title: '督促执行令',
    paragraphs: [
      ...head(),
      title('督 促 执 行 令'),
      plain('{被督办法院}：'),
      body('本院督办的{执行案号}案件（本院督办案号：{督办案号}），你院逾期未报告办理结果或者未按照督办意见纠正执行行为。根据', PROVISIONS, '第二十三条的规定，责令你院依法督促执行。'),
      body('一、督促事项：{content}'),
      body('二、应当采取的执行措施：{requiredMeasures}'),
      body('你院应当于收到本令之日起{compliancePeriod}日内执行完毕，并将执行情况书面报告本院。仍不执行的，本院将要求你院说明原因或者视情况予以通报，并依据有关规定追究相关法院及其人员的责任。'),
      ...signature(),
    ],
  },
  notice: {
    title: '通报',
    paragraphs: [
      ...head(),
      title('关于{被督办法院}执行督办案件办理情况的通报'),
      plain('各中级人民法院、海口海事法院，各基层人民法院：'),
      body('{被督办法院}办理的{执行案号}案件（本院督办案号：{督办案号}），经本院督办、催办后仍未落实。根据', REGULATION, '第十二条和', PROVISIONS, '第二十三条的规定，现予{kind}。'),
      body('通报事由：{reason}'),
      body('被通报的责任人：{persons}'),
      body('{content}'),
      body('{#accountability}本院将依据有关规定追究相关法院或责任人的责任。{/accountability}'),
      body('各级法院要引以为戒，严格落实上级法院的督办意见，依法及时执行。'),
      ...signature(),
    ],
  },
};

mkdirSync(OUT, { recursive: true });
for (const [name, t] of Object.entries(templates)) {
  const buffer = await Packer.toBuffer(document(t.paragraphs, t.title));
  writeFileSync(path.join(OUT, `${name}.docx`), buffer);
  console.log(`${name}.docx ${buffer.length} bytes`);
}
