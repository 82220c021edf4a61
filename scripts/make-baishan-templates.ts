// Writes Baishan's document templates (processes/baishan/templates/*.docx): run
// `npx tsx scripts/make-baishan-templates.ts` after changing the wording here. Same layout as
// Hainan's (scripts/make-hainan-templates.ts, GB/T 9704-2012); the files are committed and the
// platform never runs this script.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';

const OUT = path.resolve(import.meta.dirname, '../processes/baishan/templates');
const mm = (n: number) => Math.round((n / 25.4) * 1440);
const BODY_FONT = { ascii: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hAnsi: '仿宋_GB2312', cs: '仿宋_GB2312' };
const TITLE_FONT = { ascii: '方正小标宋简体', eastAsia: '方正小标宋简体', hAnsi: '方正小标宋简体', cs: '方正小标宋简体' };
const SONG = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体', cs: '宋体' };
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const run = (text: string, opts: { font?: typeof BODY_FONT; size?: number; color?: string } = {}) =>
  new TextRun({ text, font: opts.font ?? BODY_FONT, size: opts.size ?? 32, color: opts.color });
const body = (...parts: string[]) =>
  new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED, children: parts.map((p) => run(p)) });
const plain = (text: string) => new Paragraph({ spacing: LINE, children: [run(text)] });
const blank = () => new Paragraph({ spacing: LINE, children: [run('')] });
const head = () => [
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 600, after: 400 }, children: [run('{发文法院}执行局', { font: TITLE_FONT, size: 52, color: 'C00000' })] }),
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 8 } }, children: [run('{文号}')] }),
  blank(),
];
const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200, line: 700, lineRule: LineRuleType.EXACT }, children: [run(text, { font: TITLE_FONT, size: 44 })] });
const signature = () => [
  blank(),
  new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: LINE, children: [run('{发文法院}执行局')] }),
  new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: LINE, children: [run('{成文日期}')] }),
  blank(),
  plain('（联系人：{承办人}，{发文法院}）'),
];
const footer = () => new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: 28 })] })] });
const document = (paragraphs: Paragraph[], kindTitle: string) => new Document({
  creator: '督办平台', title: kindTitle, description: '白山法院执行监督 文书模板（占位符以花括号标出）',
  sections: [{
    properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20), header: mm(15) } } },
    footers: { default: footer() },
    children: paragraphs,
  }],
});

const REGULATION = '《白山市中级人民法院执行局关于执行监督和质效管理工作的规定（试行）》';
const templates: Record<string, { title: string; paragraphs: Paragraph[] }> = {
  supervisionLetter: {
    title: '督办函',
    paragraphs: [
      ...head(), title('督 办 函'), plain('{被督办法院}执行局：'),
      body('本院执行局受理的涉及你院执行的{执行案号}案件（本院监督案号：{督办案号}），经审查，确需实行监督。根据', REGULATION, '第五条、第六条的规定，现向你院发出督办函，请依法处理。'),
      body('一、督办事项：{issues}'),
      body('二、办理要求：{requirements}'),
      body('三、上报方式：{reportMode}，期限或日期：{reportDate}。'),
      body('对本院执行局下达的指令，你院必须及时采取相关措施。违反上述要求的，本院执行局将依照', REGULATION, '第十九条予以通报批评。'),
      ...signature(),
    ],
  },
  enforcementOrder: {
    title: '督促执行令',
    paragraphs: [
      ...head(), title('督 促 执 行 令'), plain('{被督办法院}执行局：'),
      body('本院执行局监督的{执行案号}案件（本院监督案号：{督办案号}），经查：{ground}。根据', REGULATION, '第七条的规定，督促你院依法执行。'),
      body('一、督促事项：{content}'),
      body('二、应当作出的法律文书或采取的措施：{requiredMeasures}'),
      body('你院应当于本令发出之日起{compliancePeriod}日内执行，依法及时作出有关法律文书或采取相应措施，并将执行情况报告本院执行局。逾期不执行的，依照', REGULATION, '第十九条予以通报批评；消极执行构成违纪的，移送纪检监察部门处理。'),
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
