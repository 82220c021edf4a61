// The periods of a package's articles: every article of articles.json read by the calendar's
// extractor, each period with its document, article number, sentence and a stable key that
// coverage decisions name (manifest.json `periods`).
import { extractPeriods, type Found } from '../calendar/extract';
import { articleKey } from '../packages/citations';
import type { Articles } from '../packages/citations';

export interface ArticlePeriod {
  /** `海南办法 第四条 五日内`, with `#2` for the second identical phrase of the same article. */
  key: string;
  document: string;
  no: string;
  found: Found;
}

/** The key an administrator writes: document id, article number as printed, the phrase. */
export function periodKey(document: string, no: string, phrase: string, nth = 1): string {
  return `${document} ${no} ${phrase.replace(/\s+/g, '')}${nth > 1 ? `#${nth}` : ''}`;
}

export function articlePeriods(articles: Pick<Articles, 'documents'>): ArticlePeriod[] {
  const out: ArticlePeriod[] = [];
  for (const d of articles.documents) {
    for (const a of d.articles) {
      const seen = new Map<string, number>();
      for (const found of extractPeriods(a.text)) {
        const phrase = found.phrase.replace(/\s+/g, '');
        const nth = (seen.get(phrase) ?? 0) + 1;
        seen.set(phrase, nth);
        out.push({ key: periodKey(d.id, a.no, phrase, nth), document: d.id, no: a.no, found });
      }
    }
  }
  return out;
}

/** Same document and article, however the number is written (第四条 = 第4条). */
export function sameArticle(a: { document?: string; no: string }, b: { document: string; no: string }): boolean {
  return (a.document === undefined || a.document === b.document) && articleKey(a.no) === articleKey(b.no);
}

/**
 * A regulation as printed (plain text) split into articles, for a province that has the text
 * but not yet its articles.json: 第N条 lines, or the numbered items of an 意见 / 方案
 * (一、 → （一） → 1.), each item named by its place as citations write it: 二.(三)1
 * (server/packages/citations.ts). Text before the first is 序言.
 */
export function splitArticles(text: string): { no: string; text: string }[] {
  const out: { no: string; text: string[] }[] = [{ no: '序言', text: [] }];
  let section = '';
  let sub = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const article = /^(第[〇零一二两三四五六七八九十百千0-9]+条)[\s\u3000]*(.*)$/.exec(line);
    const sec = /^([一二三四五六七八九十]+)、(.*)$/.exec(line);
    const subsec = /^[（(]([一二三四五六七八九十]+)[)）]\s*(.*)$/.exec(line);
    const item = /^([0-9]{1,2})[.．]\s*(.*)$/.exec(line);
    let no: string | undefined;
    let rest = line;
    if (article) [no, rest] = [article[1], article[2]];
    else if (sec && !/^第/.test(line)) [section, sub, no, rest] = [sec[1], '', sec[1], sec[2]];
    else if (subsec && section) [sub, no, rest] = [subsec[1], `${section}.(${subsec[1]})`, subsec[2]];
    else if (item && section) [no, rest] = [`${section}.${sub ? `(${sub})` : ''}${Number(item[1])}`, item[2]];
    if (no) out.push({ no, text: [rest] });
    else out[out.length - 1].text.push(line);
  }
  return out.filter((a) => a.text.join('').trim()).map((a) => ({ no: a.no, text: a.text.join('\n') }));
}
