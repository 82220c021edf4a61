// 分级督办 as pure functions (DESIGN.md "Assignment and jurisdiction"): 最高 supervises every
// court, a 高院 every court of its province, any court the courts below it in the tree (中院 →
// its 基层 courts, 专门 courts under their 高院). Out-of-jurisdiction data is answered with 404.
import type { CourtInput, CourtNode } from './courts.types';

/** `upper` supervises `lower` (never itself). */
export function supervises(upper: CourtNode, lower: CourtNode): boolean {
  if (upper.code === lower.code) return false;
  if (upper.level === '最高') return true;
  if (upper.level === '高院' && upper.province !== null && upper.province === lower.province) return true;
  return lower.ancestors.includes(upper.code);
}

/** A court's own data and that of every court it supervises. */
export function withinJurisdiction(own: CourtNode, court: CourtNode): boolean {
  return own.code === court.code || supervises(own, court);
}

export interface CaseCourts<C> {
  supervisingCourt: C;
  supervisedCourt: C;
  /** Every court under supervision in the case (it changes as the case moves, e.g. 交办). */
  supervisedCourts?: C[];
}

/** The user's court is the supervising or a supervised court, or an ancestor of one. */
export function canSeeCase(user: { court: string }, courts: CaseCourts<CourtNode>): boolean {
  return [courts.supervisingCourt, courts.supervisedCourt, ...(courts.supervisedCourts ?? [])].some(
    (c) => c.code === user.court || c.ancestors.includes(user.court),
  );
}

/**
 * Ancestor lists (root first) for every court, from parent links. Throws on a cycle or a
 * missing parent so that a broken import can never be half-written.
 */
export function computeAncestors(courts: Pick<CourtInput, 'code' | 'parent'>[]): Map<string, string[]> {
  const parentOf = new Map(courts.map((c) => [c.code, c.parent]));
  const result = new Map<string, string[]>();
  const resolve = (code: string, seen: Set<string>): string[] => {
    const known = result.get(code);
    if (known) return known;
    if (seen.has(code)) throw new Error(`上级法院形成循环：${[...seen].join(' → ')} → ${code}`);
    seen.add(code);
    const parent = parentOf.get(code);
    if (parent === undefined) throw new Error(`法院 ${code} 不存在`);
    const chain = parent === null ? [] : [...resolve(parent, seen), parent];
    result.set(code, chain);
    return chain;
  };
  for (const c of courts) resolve(c.code, new Set());
  return result;
}

/**
 * Ancestors of `code` (root first) following parent links in `courts`; stops at a parent that
 * is not there (reported elsewhere) and answers null on a cycle. Never throws: the start-up
 * rebuild must not fail on one bad record.
 */
export function ancestorChain(code: string, courts: Map<string, Pick<CourtInput, 'parent'>>): string[] | null {
  const chain: string[] = [];
  const seen = new Set([code]);
  let parent = courts.get(code)?.parent ?? null;
  while (parent !== null) {
    if (seen.has(parent)) return null;
    seen.add(parent);
    chain.unshift(parent);
    parent = courts.get(parent)?.parent ?? null;
  }
  return chain;
}
