// The public contract of the legal calendar (CALENDAR.md). The engine resolves `from` /
// exclusion expressions against the case with FEEL and hands the calendar plain instants.

export type PeriodUnit = 'day' | 'workday' | 'month' | 'year' | 'hour';

/** "5日" = {n: 5, unit: 'day'}; "5个工作日" / P5WD = {5, 'workday'}; "6个月" / P6M; "24小时" / PT24H. */
export interface Period {
  n: number;
  unit: PeriodUnit;
}

/** Which 分时督办 window (Hainan 暂行规定 第十八条, CALENDAR.md R10). */
export type WindowKind = '中院' | '高院';

export type DeadlineSpec =
  /** N日/N个工作日/N个月/N年/N小时 counted from `from` (a FEEL expression; absent: now). */
  | { kind: 'period'; period: Period; from?: string }
  /** 届满前N日预警 of another deadline (R7). */
  | { kind: 'warning'; days: number; of: DeadlineSpec }
  /** 逾期N天: fires at the start of E + N + 1 of another deadline (R8). */
  | { kind: 'overdue'; days: number; of: DeadlineSpec }
  /** 分时督办: the next window of the given kind at or after the base instant (R10). */
  | { kind: 'window'; window: WindowKind; from?: string }
  /** An instant or date given directly by a FEEL expression (e.g. a date a form sets). */
  | { kind: 'date'; expr: string };

/** An excluded interval (中止 → 恢复 ...), Beijing dates, inclusive (R9). */
export interface Exclusion {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  reason?: string;
}

export interface ComputeInput {
  /** The instant the period counts from (already resolved from spec.from, or now). */
  base: Date;
  exclusions?: Exclusion[];
}

/** The audit record of one computed deadline (R13). */
export interface DeadlineResult {
  due: Date; // the exclusive instant at which the deadline has passed (UTC)
  lastDay?: string; // final last day after the roll (YYYY-MM-DD, Beijing)
  nominalLastDay?: string; // before the roll
  d0?: string; // event date (Beijing)
  rule: string; // Chinese, e.g. "5日（末日遇法定休假日顺延）"
  provisional: boolean;
  provisionalYears: number[];
  exclusions: Exclusion[];
  calendarVersion: string;
}

/** Rest days and make-up working days, by Beijing date. */
export interface HolidayCalendar {
  /** true for a weekend that is not a 调休 working day, or a holiday. */
  isRestDay(date: string): boolean;
  /** false for a year whose State Council notice is not entered (R11). */
  isPublished(year: number): boolean;
  version: string;
}
