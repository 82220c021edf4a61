// The rules over the ledger, pure: which subjects an entry counts for, in which window, and
// whether a count crossing a threshold raises a consequence or a fall below it lifts one.
import type { LedgerEntry } from './entry';
import { periodOf } from './kinds';
import type { LedgerRule } from './rules.schema';

export interface Subject {
  key: string;
  label: string;
}

/** The subjects a rule counts an entry for (a person named twice in one entry counts once). */
export function subjectsOf(rule: Pick<LedgerRule, 'per'>, entry: Pick<LedgerEntry, 'court' | 'unit' | 'persons'>): Subject[] {
  const out = new Map<string, Subject>();
  for (const per of rule.per) {
    if (per === 'court' && entry.unit === '法院' && entry.court) out.set(`court:${entry.court}`, { key: `court:${entry.court}`, label: entry.court });
    if (per === 'bureau' && entry.unit === '执行局' && entry.court) out.set(`bureau:${entry.court}`, { key: `bureau:${entry.court}`, label: `${entry.court} 执行局` });
    const role = per.startsWith('role:') ? per.slice(5) : undefined;
    if (per === 'person' || role) {
      for (const p of entry.persons ?? []) {
        if (role && p.role !== role) continue;
        const key = `person:${p.court}:${p.name}`;
        out.set(key, { key, label: `${p.name}（${p.court}）` });
      }
    }
  }
  return [...out.values()];
}

/** The window an entry falls in: its Beijing year, or its quarter. */
export function windowOf(rule: Pick<LedgerRule, 'window'>, entry: Pick<LedgerEntry, 'year' | 'period' | 'at'>): string {
  return rule.window === 'year' ? String(entry.year) : entry.period ?? periodOf(entry.at);
}

/**
 * Whether a rule of the package for `province` counts this entry at all. `issuer`: the court a
 * 中院's package names as its issuer (白山中院): its rules count only the entries that court
 * issued — 长春中院's 通报批评 does not count toward Baishan's 第二十一条.
 */
export function ruleCounts(rule: LedgerRule, province: string, entry: LedgerEntry, issuer?: string): boolean {
  return entry.source !== 'rule'
    && rule.kinds.includes(entry.kind as LedgerRule['kinds'][number])
    && (!rule.issuerLevel || entry.issuerLevel === rule.issuerLevel)
    && entry.province === province
    && (!issuer || entry.issuer === issuer);
}

/** How many entries count for `subject` in `window`, reversed ones excluded. */
export function countFor(rule: LedgerRule, province: string, subject: string, window: string, entries: LedgerEntry[], reversed: Set<string>, issuer?: string): number {
  return entries.filter((e) => !reversed.has(e._id) && ruleCounts(rule, province, e, issuer)
    && windowOf(rule, e) === window && subjectsOf(rule, e).some((s) => s.key === subject)).length;
}

export type Decision = 'raise' | 'lift' | null;

/** At or above the threshold with no consequence in force: raise; below with one: lift. */
export function decide(count: number, threshold: number, inForce: boolean): Decision {
  if (count >= threshold && !inForce) return 'raise';
  if (count < threshold && inForce) return 'lift';
  return null;
}
