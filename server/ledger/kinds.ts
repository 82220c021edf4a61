// The ledger's vocabulary and its calendar: kinds of entry as the regulations name them, and
// windows (year, quarter) in Beijing time — a 通报 at 31 December 23:30 +08:00 belongs to that
// year, whatever the server's zone.
export const ENTRY_KINDS = ['通报批评', '情况通报', '表扬', '约谈', '追责', '移送纪检监察', '评查', '考核', '季度通报', '催办', '督办', '重点督办', '派驻工作组', '严肃处理'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
/** Written by the platform, never by a diagram or a user: a rule's consequence and its lifting. */
export const CONSEQUENCE = '后果';
/** A correction: a new entry that cancels an earlier one (复议 撤销 …); nothing is edited in place. */
export const REVERSAL = '撤销';
export const UNITS = ['法院', '执行局'] as const;
export type Unit = (typeof UNITS)[number];
export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;

const BEIJING_MS = 8 * 3600_000;

export function beijingYear(at: Date): number {
  return new Date(at.getTime() + BEIJING_MS).getUTCFullYear();
}

export function beijingQuarter(at: Date): number {
  return Math.floor(new Date(at.getTime() + BEIJING_MS).getUTCMonth() / 3) + 1;
}

/** `2026-Q1` */
export function periodOf(at: Date): string {
  return `${beijingYear(at)}-Q${beijingQuarter(at)}`;
}

/** [start, end) of a Beijing quarter as instants. */
export function quarterBounds(year: number, quarter: number): { from: Date; to: Date } {
  const from = new Date(Date.UTC(year, (quarter - 1) * 3, 1) - BEIJING_MS);
  const to = new Date(Date.UTC(year, quarter * 3, 1) - BEIJING_MS);
  return { from, to };
}

/** Beijing wall-clock text for people: 2026-12-31 23:30. */
export function beijingText(at: Date): string {
  return new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ');
}
