// The legal basis an element names in its documentation ("海南办法 第四条", "第四条、第六条",
// "山东意见 一.2(2)") resolved against the package's articles — the server's own reading
// (server/packages/citations.ts), so the panel shows the clause the import will check.
import { parseCitations, resolveCitation, type Articles } from '../../../../server/packages/citations';
import { splitArticles as splitRegulation } from '../../../../server/periods/articles';

export type { Articles };
export type ArticleDoc = Articles['documents'][number];
export interface ResolvedClause {
  document: { id: string; title: string };
  no: string;
  clause?: string;
  text?: string; // absent: the article is not in the package
}

export function resolveCitations(text: string, articles: Articles | null | undefined): ResolvedClause[] {
  const docs = articles?.documents ?? [];
  return parseCitations(text, docs).map((c) => {
    const found = resolveCitation({ documents: docs }, c);
    if (found) return { ...found, document: { id: found.document.id, title: found.document.title } };
    const doc = docs.find((d) => d.id === c.document);
    return { document: { id: doc?.id ?? '', title: doc?.title ?? '' }, no: c.no, ...(c.clause ? { clause: c.clause } : {}) };
  });
}

/**
 * A pasted regulation split into articles by the server's splitter (第N条 lines, or the outline
 * items of an 意见 / 方案: 一.2, 二.(三)1); the preamble is not an article and is left out.
 */
export function splitArticles(text: string): { no: string; text: string }[] {
  return splitRegulation(text).filter((a) => a.no !== '序言');
}
