// Reading the legal basis an element names in its documentation ("海南办法 第四条",
// "第四条第二款", "《…办法》第四条、第六条") and finding the article text it points to.
import { parseChineseNumeral } from '../calendar/numerals'; // pure: the browser reads citations too

/** The shape of articles.json (manifest.schema.ts validates it); declared here so the browser can read citations without the schema module. */
export interface Articles {
  documents: { id: string; title: string; docNo?: string; articles: { no: string; text: string }[] }[];
}

export interface Citation {
  /** The document id it resolved to (the first document when none is named). */
  document?: string;
  /** As written, e.g. 第四条. */
  no: string;
  clause?: string;
  raw: string;
}

export interface ResolvedClause {
  document: { id: string; title: string; docNo?: string };
  no: string;
  clause?: string;
  text: string;
}

const N = '〇零一二两三四五六七八九十百千0-9';
const C = '一二三四五六七八九十';
/** 第四条 / 第十条之一 / 第四条第二款. */
const ARTICLE = `第([${N}]+)条(?:之([${N}]+))?(第[${N}]+款)?`;
/**
 * The outline numbers of an 意见 / 方案, always with the dot after the section when cited in
 * running text (一.2(2), 二.(三)1, 三.(三), 四.3), so the （一） of an article's list never reads
 * as a citation.
 */
const OUTLINE_CITED = `([${C}]+)[.．](?:[（(]([${C}]+)[)）])?(\\d{1,2})?(?:[（(](\\d{1,2})[)）])?`;
const CITATION_RE = new RegExp(`${ARTICLE}|${OUTLINE_CITED}`, 'g');
/** An outline number as articles.json may write it: 一、 / 一.2(2) / 二（三）1. / 二.(三)1. */
const OUTLINE_NO = new RegExp(`^([${C}]+)[、.．]?(?:[（(]([${C}]+)[)）])?[.．]?(?:(\\d{1,2})[.．]?)?(?:[（(](\\d{1,2})[)）])?$`);

const num = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : parseChineseNumeral(s.replace(/两/g, '二')));

interface Outline { section: string; sub?: string; item?: string; subItem?: string }

/** 一.2(2) as printed in citations: the section, then (subsection), item and (sub-item). */
function outlineText(o: Outline): string {
  const rest = `${o.sub ? `(${o.sub})` : ''}${o.item ?? ''}${o.subItem ? `(${o.subItem})` : ''}`;
  return rest ? `${o.section}.${rest}` : o.section;
}

function readOutline(no: string): Outline | undefined {
  const m = OUTLINE_NO.exec(no.replace(/\s+/g, ''));
  if (!m) return undefined;
  return { section: m[1], ...(m[2] ? { sub: m[2] } : {}), ...(m[3] ? { item: String(Number(m[3])) } : {}), ...(m[4] ? { subItem: String(Number(m[4])) } : {}) };
}

/**
 * 第四条 / 第4条 / 4 → "4"; 第十条之一 → "10-1"; 一.2(2) / 一、2.（2） → "一.2(2)": the same
 * article however its number is written.
 */
export function articleKey(no: string): string | undefined {
  const m = new RegExp(`^(?:第)?([${N}]+)(?:条)?(?:之([${N}]+))?$`).exec(no.trim());
  if (m && (/^\d+$/.test(m[1]) || /[第条之]/.test(no) || !readOutline(no))) {
    const main = num(m[1]);
    if (main === undefined) return undefined;
    if (!m[2]) return String(main);
    const sub = num(m[2]);
    return sub === undefined ? undefined : `${main}-${sub}`;
  }
  const o = readOutline(no);
  return o && outlineText(o);
}

/** An article number articles.json may use: 第N条 (之N), or an outline number such as 一.2(2). */
export function isArticleNo(no: string): boolean {
  return new RegExp(`^第[${N}]+条(?:之[${N}]+)?$`).test(no) || !!readOutline(no);
}

/** The outline number one level up (一.2(2) → 一.2, 二.(三)1 → 二.(三)) and what was cut, as the clause. */
function parentOutline(key: string): { key: string; clause: string } | undefined {
  const o = readOutline(key);
  if (!o) return undefined;
  if (o.subItem) return { key: outlineText({ ...o, subItem: undefined }), clause: `(${o.subItem})` };
  if (o.item) return { key: outlineText({ ...o, item: undefined }), clause: o.item };
  if (o.sub) return { key: outlineText({ section: o.section }), clause: `(${o.sub})` };
  return undefined;
}

type Doc = Articles['documents'][number];

/** Every citation in the text. A citation without a document name follows the one before it. */
export function parseCitations(text: string, documents: Pick<Doc, 'id' | 'title'>[]): Citation[] {
  const out: Citation[] = [];
  let last = 0;
  let previous: string | undefined;
  for (const m of text.matchAll(CITATION_RE)) {
    if (!m[1] && !m[5] && !m[6]) continue; // 一. with nothing after it is a list mark, not a citation
    const prefix = text.slice(last, m.index).replace(/[《》〈〉“”"'\s]/g, '');
    last = m.index + m[0].length;
    // The longest name wins: 海南暂行规定 is not 暂行规定 when a package has both.
    const named = documents
      .flatMap((d) => [d.id, d.title].filter((n) => prefix.endsWith(n)).map((n) => ({ d, n })))
      .sort((a, b) => b.n.length - a.n.length)[0]?.d;
    const document = named?.id ?? previous ?? documents[0]?.id;
    previous = document;
    const no = m[1] ? `第${m[1]}条${m[2] ? `之${m[2]}` : ''}` : outlineText({ section: m[4], sub: m[5], item: m[6], subItem: m[7] });
    out.push({ ...(document ? { document } : {}), no, ...(m[3] ? { clause: m[3] } : {}), raw: m[0] });
  }
  return out;
}

/**
 * The article a number names, in one document or in any. An outline number the file does not
 * list resolves to the nearest item above it, the rest becoming the clause: 一.2(2) is clause
 * (2) of 一.2 when articles.json keeps 一.2 whole.
 */
export function findArticle(articles: Articles, no: string, documentId?: string): ResolvedClause | undefined {
  let key = articleKey(no);
  const docs = documentId ? articles.documents.filter((d) => d.id === documentId || d.title === documentId) : articles.documents;
  const clauses: string[] = [];
  while (key) {
    for (const d of docs) {
      const a = d.articles.find((x) => articleKey(x.no) === key);
      if (a) return { document: { id: d.id, title: d.title, ...(d.docNo ? { docNo: d.docNo } : {}) }, no: a.no, ...(clauses.length ? { clause: clauses.join('') } : {}), text: a.text };
    }
    const up = parentOutline(key);
    if (up) clauses.unshift(up.clause);
    key = up?.key;
  }
  return undefined;
}

export function resolveCitation(articles: Articles, c: Citation): ResolvedClause | undefined {
  const found = findArticle(articles, c.no, c.document);
  return found && (c.clause ? { ...found, clause: `${found.clause ?? ''}${c.clause}` } : found);
}

/** Problems of the articles file itself: duplicate document ids and article numbers. */
export function articleDuplicates(articles: Articles): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const d of articles.documents) {
    if (ids.has(d.id)) out.push(`文件简称「${d.id}」重复`);
    ids.add(d.id);
    const nos = new Set<string>();
    for (const a of d.articles) {
      const k = articleKey(a.no) ?? a.no;
      if (nos.has(k)) out.push(`「${d.id}」的${a.no}重复`);
      nos.add(k);
    }
  }
  return out;
}
