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
const ARTICLE_RE = new RegExp(`第([${N}]+)条(?:之([${N}]+))?(第[${N}]+款)?`, 'g');

const num = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : parseChineseNumeral(s.replace(/两/g, '二')));

/** 第四条 / 第4条 / 4 → "4"; 第十条之一 → "10-1": the same article however its number is written. */
export function articleKey(no: string): string | undefined {
  const m = new RegExp(`^(?:第)?([${N}]+)(?:条)?(?:之([${N}]+))?$`).exec(no.trim());
  if (!m) return undefined;
  const main = num(m[1]);
  if (main === undefined) return undefined;
  if (!m[2]) return String(main);
  const sub = num(m[2]);
  return sub === undefined ? undefined : `${main}-${sub}`;
}

type Doc = Articles['documents'][number];

/** Every citation in the text. A citation without a document name follows the one before it. */
export function parseCitations(text: string, documents: Pick<Doc, 'id' | 'title'>[]): Citation[] {
  const out: Citation[] = [];
  let last = 0;
  let previous: string | undefined;
  for (const m of text.matchAll(ARTICLE_RE)) {
    const prefix = text.slice(last, m.index).replace(/[《》〈〉“”"'\s]/g, '');
    last = m.index + m[0].length;
    // The longest name wins: 海南暂行规定 is not 暂行规定 when a package has both.
    const named = documents
      .flatMap((d) => [d.id, d.title].filter((n) => prefix.endsWith(n)).map((n) => ({ d, n })))
      .sort((a, b) => b.n.length - a.n.length)[0]?.d;
    const document = named?.id ?? previous ?? documents[0]?.id;
    previous = document;
    const no = `第${m[1]}条${m[2] ? `之${m[2]}` : ''}`;
    out.push({ ...(document ? { document } : {}), no, ...(m[3] ? { clause: m[3] } : {}), raw: m[0] });
  }
  return out;
}

export function findArticle(articles: Articles, no: string, documentId?: string): ResolvedClause | undefined {
  const key = articleKey(no);
  if (!key) return undefined;
  const docs = documentId ? articles.documents.filter((d) => d.id === documentId || d.title === documentId) : articles.documents;
  for (const d of docs) {
    const a = d.articles.find((x) => articleKey(x.no) === key);
    if (a) return { document: { id: d.id, title: d.title, ...(d.docNo ? { docNo: d.docNo } : {}) }, no: a.no, text: a.text };
  }
  return undefined;
}

export function resolveCitation(articles: Articles, c: Citation): ResolvedClause | undefined {
  const found = findArticle(articles, c.no, c.document);
  return found && (c.clause ? { ...found, clause: c.clause } : found);
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
