// 法院排名 by the package's indicators (manifest `ledger.ranking`, package data): each indicator
// is a ledger kind counted in the year (entries in force) or a case figure (督办案件、逾期、办结),
// with a weight; a court's score is the weighted sum. Pure; the service gathers the figures.
import type { LedgerSection } from './rules.schema';

export type Indicator = NonNullable<LedgerSection['ranking']>[number];

/** When the package declares none: 通报批评 and 逾期 count against, 办结 and 表扬 for. */
export const DEFAULT_INDICATORS: Indicator[] = [
  { id: 'criticisms', title: '通报批评', source: '通报批评', weight: -10 },
  { id: 'overdue', title: '逾期案件', source: 'overdue', weight: -5 },
  { id: 'closed', title: '办结督办案件', source: 'closed', weight: 1 },
  { id: 'praise', title: '表扬', source: '表扬', weight: 5 },
];

export interface CourtFigures {
  court: string;
  courtName: string;
  /** Ledger counts by kind, and the case figures `cases`, `overdue`, `closed`. */
  figures: Record<string, number>;
}

export interface RankedCourt {
  court: string;
  courtName: string;
  values: Record<string, number>;
  score: number;
  rank: number;
}

/** Highest score first; equal scores share a rank (1, 2, 2, 4) and sort by court code. */
export function rank(indicators: Indicator[], courts: CourtFigures[]): RankedCourt[] {
  const rows = courts.map((c) => {
    const values = Object.fromEntries(indicators.map((i) => [i.id, c.figures[i.source] ?? 0]));
    const score = indicators.reduce((s, i) => s + i.weight * values[i.id], 0);
    return { court: c.court, courtName: c.courtName, values, score: Math.round(score * 100) / 100, rank: 0 };
  });
  rows.sort((a, b) => b.score - a.score || a.court.localeCompare(b.court));
  rows.forEach((r, i) => { r.rank = i > 0 && rows[i - 1].score === r.score ? rows[i - 1].rank : i + 1; });
  return rows;
}
