// The legal basis an element names in its documentation ("海南办法 第四条", "第四条、第六条",
// "《…办法》第四条第二款") resolved against the package's articles — the same reading as the
// server's (server/packages/citations.ts), so the panel shows the clause the import will check.
export interface ArticleDoc {
  id: string;
  title: string;
  docNo?: string;
  articles: { no: string; text: string }[];
}
export interface Articles {
  documents: ArticleDoc[];
}
export interface ResolvedClause {
  document: { id: string; title: string };
  no: string;
  clause?: string;
  text?: string; // absent: the article is not in the package
}

const N = '〇零一二两三四五六七八九十百千0-9';
const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit || 1) * UNITS[ch];
      digit = 0;
    } else return undefined;
  }
  return total + digit;
}

export function articleKey(no: string): string | undefined {
  const m = new RegExp(`^(?:第)?([${N}]+)(?:条)?(?:之([${N}]+))?$`).exec(no.trim());
  if (!m) return undefined;
  const main = chineseNumber(m[1]);
  if (main === undefined) return undefined;
  const sub = m[2] ? chineseNumber(m[2]) : undefined;
  return m[2] ? (sub === undefined ? undefined : `${main}-${sub}`) : String(main);
}

export function resolveCitations(text: string, articles: Articles | null | undefined): ResolvedClause[] {
  const docs = articles?.documents ?? [];
  const out: ResolvedClause[] = [];
  let last = 0;
  let previous: ArticleDoc | undefined;
  for (const m of text.matchAll(new RegExp(`第([${N}]+)条(?:之([${N}]+))?(第[${N}]+款)?`, 'g'))) {
    const prefix = text.slice(last, m.index).replace(/[《》〈〉“”"'\s]/g, '');
    last = (m.index ?? 0) + m[0].length;
    const doc = docs.find((d) => prefix.endsWith(d.id) || prefix.endsWith(d.title)) ?? previous ?? docs[0];
    previous = doc;
    const no = `第${m[1]}条${m[2] ? `之${m[2]}` : ''}`;
    const key = articleKey(no);
    const found = doc?.articles.find((a) => articleKey(a.no) === key);
    out.push({
      document: { id: doc?.id ?? '', title: doc?.title ?? '' },
      no: found?.no ?? no,
      ...(m[3] ? { clause: m[3] } : {}),
      ...(found ? { text: found.text } : {}),
    });
  }
  return out;
}

/** Splits a pasted regulation into articles at each line starting with 第N条. */
export function splitArticles(text: string): { no: string; text: string }[] {
  const out: { no: string; text: string }[] = [];
  const re = new RegExp(`^\\s*(第[${N}]+条(?:之[${N}]+)?)[\\s　]*`, 'gm');
  const marks = [...text.matchAll(re)];
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
    const body = text.slice(start, end).trim();
    if (body) out.push({ no: m[1], text: body });
  });
  return out;
}
