// From a case's `ledgerEntry` history entries to ledger entries. The id is the case and the
// history seq (and the court's index when an entry names several courts): projecting the same
// history twice, or rebuilding, writes nothing new.
import type { Court } from '../courts';
import type { LedgerEntry, LedgerPerson } from './entry';
import { beijingYear, periodOf } from './kinds';
import type { CaseRef } from './ledger.repository';

export interface LedgerHistory {
  seq: number;
  at: Date;
  actor: string;
  element?: string;
  data?: unknown;
}

function persons(value: unknown, defaultCourt: string | undefined): LedgerPerson[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((p): LedgerPerson[] => {
    if (typeof p === 'string') return p.trim() && defaultCourt ? [{ name: p.trim(), court: defaultCourt }] : [];
    const o = p as Record<string, unknown>;
    const name = typeof o?.name === 'string' ? o.name.trim() : '';
    const court = typeof o?.court === 'string' && o.court ? o.court : defaultCourt;
    if (!name || !court) return [];
    return [{ name, court, ...(typeof o.role === 'string' && o.role ? { role: o.role } : {}) }];
  });
}

export function projectHistory(ref: CaseRef, h: LedgerHistory, courts: Map<string, Court>): LedgerEntry[] {
  const d = (h.data ?? {}) as Record<string, unknown>;
  const at = new Date(h.at);
  const issuer = String(d.issuer ?? ref.supervisingCourt);
  const courtList = (Array.isArray(d.court) ? d.court : [d.court]).filter((c): c is string => typeof c === 'string' && !!c);
  const base = {
    kind: String(d.kind),
    issuer,
    issuerLevel: courts.get(issuer)?.level,
    province: courts.get(issuer)?.province ?? undefined,
    unit: d.unit === '执行局' ? '执行局' as const : '法院' as const,
    year: typeof d.period === 'string' && /^\d{4}/.test(d.period) ? Number(d.period.slice(0, 4)) : beijingYear(at),
    period: typeof d.period === 'string' ? d.period : periodOf(at),
    at,
    caseId: String(ref._id),
    caseNo: ref.caseNo,
    element: h.element,
    ...(typeof d.name === 'string' ? { elementName: d.name } : {}),
    ...(typeof d.basis === 'string' ? { basis: d.basis } : {}),
    ...(typeof d.reason === 'string' ? { reason: d.reason } : {}),
    ...(typeof d.grade === 'string' ? { grade: d.grade } : {}),
    ...(typeof d.score === 'number' ? { score: d.score } : {}),
    source: 'process' as const,
    recordedBy: h.actor,
    recordedAt: at,
  };
  return courtList.map((court, i) => ({
    ...base,
    _id: courtList.length > 1 ? `${ref._id}:${h.seq}:${i}` : `${ref._id}:${h.seq}`,
    court,
    persons: persons(d.persons, court),
  }));
}
