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
  | { kind: 'date'; expr: string; named?: string };

/**
 * An excluded interval (中止 → 恢复 ...), Beijing dates (R9). `from` is the day the period
 * stops (中止之日), `to` the day it runs again (恢复之日); its length is to − from calendar days
 * (CALENDAR.md: 中止 05-06 → 恢复 06-05 = 30 days).
 */
export interface Exclusion {
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  reason?: string;
}

/** An approved extension (R9: L months + M months from d0). Recorded for the audit (R13). */
export interface Extension {
  n: number;
  unit: 'day' | 'month';
  approvedBy: string;
  approvedAt: string; // ISO instant or YYYY-MM-DD
  reason?: string;
}

export interface ComputeInput {
  /** The instant the period counts from (already resolved from spec.from, or now). */
  base: Date;
  exclusions?: Exclusion[];
  /** Approved extensions of a 日/月/年 period (R9). */
  extensions?: Extension[];
  /**
   * kind 'date' only: the FEEL value was a date without a time, i.e. it names the last day,
   * which ends at 24:00 (民法典 第二百零三条): due = the next day 00:00 +08:00.
   */
  dateOnly?: boolean;
}

/** Policy switches (R3). */
export interface ComputeOptions {
  /** R3: also roll a last day that falls on a 调休 working weekend day. Default false. */
  rollOverWorkingSaturday?: boolean;
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
  /** Legal basis of the counting method (R13), e.g. "民事诉讼法第八十五条". */
  basis?: string;
  /** d0 + the period (+ approved extensions) before exclusions are added (R9). */
  periodLastDay?: string;
  /** Calendar days added for exclusions (R9), overlaps merged. */
  excludedDays?: number;
  extensions?: Extension[];
  /** For warnings and overdue forms: the audit of the deadline they derive from. */
  of?: DeadlineResult;
}

/** Rest days and make-up working days, by Beijing date. */
export interface HolidayCalendar {
  /** true for a weekend that is not a 调休 working day, or a holiday. */
  isRestDay(date: string): boolean;
  /** false for a year whose State Council notice is not entered (R11). */
  isPublished(year: number): boolean;
  version: string;
}
