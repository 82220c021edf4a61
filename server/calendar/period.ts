// Periods counted from an event: R2 (日), R3 (roll), R4 (月/年), R5 (工作日), R6 (小时), R9.
import type { ComputeInput, ComputeOptions, DeadlineResult, Exclusion, HolidayCalendar, Period } from './types';
import {
  addDays, addMonths, beijingDate, beijingInstant, daysBetween, formatBeijing, isDateString,
  isWeekend, yearOf,
} from './dates';

export class DeadlineComputeError extends Error {
  override name = 'DeadlineComputeError';
}

/** What one computation consults: the calendar, the policy, and every year it touches (R11). */
export interface Ctx {
  calendar: HolidayCalendar;
  options: ComputeOptions;
  years: Set<number>;
}

/** Partial result: compute.ts adds provisional, calendarVersion. */
export type Draft = Omit<DeadlineResult, 'provisional' | 'provisionalYears' | 'calendarVersion'>;

const SCAN_LIMIT = 400; // no real calendar has a rest block this long: a data error

export function touch(ctx: Ctx, a: string, b = a): void {
  for (let y = yearOf(a); y <= yearOf(b); y++) ctx.years.add(y);
}

export function isWorkingDay(ctx: Ctx, date: string): boolean {
  touch(ctx, date);
  return !ctx.calendar.isRestDay(date);
}

/** Steps from `date` (inclusive) by `step` days until a working day (R3 forward, R7 back). */
export function toWorkingDay(ctx: Ctx, date: string, step: 1 | -1, roll = false): string {
  let d = date;
  for (let i = 0; i < SCAN_LIMIT; i++, d = addDays(d, step)) {
    // R3 option: a 调休 working weekend day may be treated as a rest day for the roll.
    const madeUp = roll && ctx.options.rollOverWorkingSaturday === true && isWeekend(d);
    if (isWorkingDay(ctx, d) && !madeUp) return d;
  }
  throw new DeadlineComputeError(`自 ${date} 起 ${SCAN_LIMIT} 日内没有工作日，节假日数据有误`);
}

/** R9: merged length of the exclusions after d0, in calendar days (to − from each). */
export function excludedDays(exclusions: Exclusion[], d0: string): number {
  const spans: [string, string][] = [];
  for (const e of exclusions) {
    if (!isDateString(e.from) || !isDateString(e.to)) {
      throw new DeadlineComputeError(`扣除期间的日期无效：${e.from} 至 ${e.to}`);
    }
    if (e.to < e.from) throw new DeadlineComputeError(`扣除期间的恢复日 ${e.to} 早于起始日 ${e.from}`);
    const from = e.from < d0 ? d0 : e.from; // only the part after the event suspends counting
    if (e.to > from) spans.push([from, e.to]);
  }
  spans.sort((a, b) => a[0].localeCompare(b[0]));
  let total = 0;
  let end = '';
  for (const [from, to] of spans) {
    const start = from > end ? from : end; // overlapping suspensions count once
    if (to > start) total += daysBetween(start, to);
    if (to > end) end = to;
  }
  return total;
}

const UNIT_TEXT = { day: '日', workday: '个工作日', month: '个月', year: '年', hour: '小时' };
const BASIS = {
  day: '民事诉讼法第八十五条；民诉解释第一百二十五条',
  month: '民法典第二百零二条；民事诉讼法第八十五条；民诉解释第一百二十五条',
  workday: '民诉解释第一百二十五条；国务院当年放假安排（调休上班日计入工作日）',
  hour: '民诉解释第一百二十五条（按小时计算的，从次时起算）',
};

export function periodText(p: Period): string {
  return `${p.n}${UNIT_TEXT[p.unit]}`;
}

/**
 * The longest period the platform computes, about ten years in each unit: no procedural period
 * of an enforcement supervision comes near it, and working days are counted one by one on the
 * request's thread (security probe F5: P2000000WD had stalled every request for 4 s).
 */
export const MAX_PERIOD: Record<Period['unit'], number> = { day: 3660, workday: 2500, month: 120, year: 10, hour: 87_840 };

/** R2-R6 + R9 for one period counted from input.base. */
export function computePeriod(period: Period, input: ComputeInput, ctx: Ctx): Draft {
  const { n, unit } = period;
  if (!Number.isInteger(n) || n <= 0) throw new DeadlineComputeError(`期间数必须是正整数：${n}`);
  if (n > MAX_PERIOD[unit]) {
    throw new DeadlineComputeError(`期间过长：${periodText(period)}超过上限 ${MAX_PERIOD[unit]}${UNIT_TEXT[unit]}（约十年）`);
  }
  const exclusions = input.exclusions ?? [];
  const extensions = input.extensions ?? [];
  const d0 = beijingDate(input.base);
  const excl = excludedDays(exclusions, d0);
  const extMonths = extensions.filter((e) => e.unit === 'month').reduce((s, e) => s + e.n, 0);
  const extDays = extensions.filter((e) => e.unit === 'day').reduce((s, e) => s + e.n, 0);
  if (extensions.length && (unit === 'workday' || unit === 'hour')) {
    throw new DeadlineComputeError(`${periodText(period)}不能按日或月延长；请改为日、月、年期间`);
  }
  const notes: string[] = [];
  if (extensions.length) {
    notes.push(extensions.map((e) => `经批准延长${e.n}${e.unit === 'month' ? '个月' : '日'}（${e.approvedBy}，${e.approvedAt}）`).join('，'));
  }
  const exclNote = excl
    ? `扣除中止等期间${excl}日（${exclusions.map((e) => `${e.from}至${e.to}${e.reason ? e.reason : ''}`).join('，')}）`
    : '';
  const common = { d0, exclusions, extensions: extensions.length ? extensions : undefined, excludedDays: excl || undefined };

  if (unit === 'hour') {
    // 民诉解释 125条: 时 counts from 次时, the next full hour after the event.
    const hourMs = 3600_000;
    const start = new Date(Math.floor(input.base.getTime() / hourMs) * hourMs + hourMs);
    const due = new Date(start.getTime() + (n + excl * 24) * hourMs);
    touch(ctx, d0, beijingDate(due));
    const rule = [`${n}小时：自次时 ${formatBeijing(start)} 起算，至 ${formatBeijing(due)}（不顺延）`, exclNote];
    return { ...common, due, rule: rule.filter(Boolean).join('，'), basis: BASIS.hour };
  }

  let periodLastDay: string;
  let rule: string;
  if (unit === 'workday') {
    // R5: the Nth working day strictly after d0; 调休 working days count; no roll.
    let d = d0;
    for (let k = 0; k < n; ) {
      d = addDays(d, 1);
      if (isWorkingDay(ctx, d)) k++;
    }
    periodLastDay = d;
    rule = `${n}个工作日：自 ${d0} 次日起第${n}个工作日为 ${d}（调休上班日计入，不顺延）`;
  } else if (unit === 'day') {
    periodLastDay = addDays(d0, n + extDays);
    rule = `${n}日：自 ${d0} 次日起算，第${n + extDays}日为 ${periodLastDay}`;
  } else {
    // R4: months/years never become days; an extension adds months to the limit (L + M).
    const months = (unit === 'year' ? 12 * n : n) + extMonths;
    periodLastDay = addDays(addMonths(d0, months), extDays);
    const noCorresponding = Number(addMonths(d0, months).slice(8)) !== Number(d0.slice(8));
    rule = `${periodText(period)}：自 ${d0} 起，到期月${noCorresponding ? '无对应日，取月末日' : '对应日'} ${periodLastDay}`;
  }
  if (extensions.length) rule += `（${notes[0]}）`;
  const nominal = addDays(periodLastDay, excl);
  if (excl) rule += `，${exclNote}，为 ${nominal}`;
  touch(ctx, d0, nominal);

  // R3 (民诉法 85条): a last day on a rest day moves to the next working day. Workday periods
  // end on a working day already; after R9 exclusions they may not, so they roll too.
  const mayRoll = unit !== 'workday' || excl > 0;
  const lastDay = mayRoll ? toWorkingDay(ctx, nominal, 1, true) : nominal;
  if (lastDay !== nominal) rule += `；末日 ${nominal} 为休息日，顺延至 ${lastDay}`;
  else if (mayRoll && isWeekend(nominal)) rule += '（调休上班日，不顺延）';
  touch(ctx, d0, lastDay);
  return {
    ...common,
    // The last day ends at 24:00 (民法典 203条): the deadline has passed at the next 00:00.
    due: beijingInstant(addDays(lastDay, 1)),
    lastDay,
    nominalLastDay: nominal,
    periodLastDay,
    rule,
    basis: unit === 'year' ? BASIS.month : BASIS[unit],
  };
}
