// TRACE.md generated from a package (README.md "TRACE.md"): for each article, the periods its
// text states and what enforces each, the diagram elements that cite it in their documentation,
// and the tests that name it. Nothing in it is written by hand, so it cannot claim what the
// diagrams do not do; the package's reasoning lives in DECISIONS.md beside it.
import { parseCitations } from '../packages/citations';
import type { DiagramElement } from '../packages/diagram';
import type { Articles, Manifest } from '../packages/manifest.schema';
import { sameArticle } from './articles';
import { periodCoverage, type PeriodCoverage } from './coverage';

export interface TraceTest {
  /** Path from the repository root. */
  file: string;
  /** The describe titles and the test's own title, outermost first. */
  titles: string[];
  /** Articles named by a `// 条文：…` line above the test (or its describe). */
  marked: string[];
}

export interface TraceInput {
  manifest: Manifest;
  articles: Articles;
  diagrams: { file: string; key: string; elements: DiagramElement[] }[];
  tests: TraceTest[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const docIds = (articles: Articles) => articles.documents.flatMap((d) => [d.id, d.title]);

/**
 * The articles a test names. A `// 条文：` line counts whatever it names; a title counts only
 * when it names a document (海南办法 第四条), so a bare 第四条 never guesses between two documents.
 */
export function testArticles(t: TraceTest, articles: Articles): { document: string; no: string }[] {
  const out: { document: string; no: string }[] = [];
  const named = (s: string) => docIds(articles).some((id) => s.includes(id));
  for (const s of [...t.marked, ...t.titles.filter(named)]) {
    for (const c of parseCitations(s, articles.documents)) if (c.document) out.push({ document: c.document, no: c.no });
  }
  return out;
}

/** Reads describe/it titles and `// 条文：` marks from a vitest file (by indentation). */
export function readTests(file: string, source: string): TraceTest[] {
  const out: TraceTest[] = [];
  const stack: { indent: number; title: string; marked: string[] }[] = [];
  let pending: string[] = [];
  for (const line of source.split('\n')) {
    const mark = /^\s*\/\/\s*条文[：:]\s*(.+)$/.exec(line);
    if (mark) {
      pending.push(mark[1]);
      continue;
    }
    const m = /^(\s*)(describe|it|test)(?:\.\w+)?\(\s*(['"`])((?:\\.|(?!\3).)*)\3/.exec(line);
    if (!m) {
      if (line.trim() && !line.trim().startsWith('//')) pending = [];
      continue;
    }
    const indent = m[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const title = m[4].replace(/\\(.)/g, '$1');
    if (m[2] === 'describe') stack.push({ indent, title, marked: pending });
    else out.push({ file, titles: [...stack.map((s) => s.title), title], marked: [...stack.flatMap((s) => s.marked), ...pending] });
    pending = [];
  }
  return out;
}

function periodCell(p: PeriodCoverage): string {
  const what = p.status === 'bound'
    ? p.bindings.map((b) => (b.parameter ? `\`${b.element}\`（${b.parameter}：${b.value}）` : `\`${b.element}\``)).join('，')
    : p.status === 'explained' ? `${p.decision?.status}：${p.decision?.reason}` : '**未落实**';
  const reason = p.status === 'bound' && p.decision?.reason ? `；${p.decision.reason}` : '';
  return `「${p.phrase}」→ ${what}${reason}`;
}

export function renderTrace(input: TraceInput): string {
  const { manifest, articles, diagrams, tests } = input;
  const c = periodCoverage(manifest, articles, diagrams.flatMap((d) => d.elements));
  const docs = articles.documents;
  const f = c.figure;
  const pct = (n: number) => (f.stated ? `${Math.round((100 * n) / f.stated)}%` : '—');
  const lines: string[] = [
    `# ${manifest.title} — 条文追溯（TRACE）`,
    '',
    `> 本文件由 \`npm run trace -- ${manifest.id}\` 从程序包生成（articles.json、manifest.json、流程图、测试），请勿手改；`,
    '> 程序包的取舍与理由见同目录 DECISIONS.md。测试如何指明条文见 server/periods/README.md。',
    '',
    '## 期限覆盖',
    '',
    `条文所定期限 ${f.stated} 项：由参数或元素执行 ${f.bound} 项（${pct(f.bound)}），说明不由平台执行 ${f.explained} 项，` +
      `未落实 ${f.open} 项；已执行或已说明 ${pct(f.bound + f.explained)}。`,
    '',
  ];
  const flags = c.flags;
  if (flags.length) {
    lines.push('参数所定期限与所依据条文不同：', '');
    for (const fl of flags) lines.push(`- \`${fl.parameter}\`「${fl.value}」，条文为 ${fl.stated.map((s) => `「${s.phrase}」`).join('、')}（${fl.basis}）：${fl.reason ?? '**没有记录理由**'}`);
    lines.push('');
  }
  for (const d of docs) {
    lines.push(`## ${d.id}`, '', `《${d.title}》${d.docNo ? `（${d.docNo}）` : ''}`, '', '| 条 | 条文所定期限 | 引用本条的元素 | 测试 |', '|---|---|---|---|');
    for (const a of d.articles) {
      const at = { document: d.id, no: a.no };
      const periods = c.periods.filter((p) => p.document === d.id && p.no === a.no).map(periodCell);
      const elements = diagrams.flatMap((g) => g.elements
        .filter((e) => parseCitations(e.documentation, docs).some((x) => sameArticle(x, at)))
        .map((e) => `\`${e.id}\`${e.name ? ` ${e.name}` : ''}${g.file === diagrams[0]?.file ? '' : `（${g.file}）`}`));
      const named = tests.filter((t) => testArticles(t, articles).some((x) => sameArticle(x, at)))
        .map((t) => `${t.file.replace(/^.*\//, '')} «${t.titles[t.titles.length - 1]}»`);
      lines.push(`| ${a.no} | ${cell(periods.join('<br>') || '—')} | ${cell(elements.join('，') || '—')} | ${cell(named.join('<br>') || '—')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
