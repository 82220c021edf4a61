// R11: when an administrator enters (or corrects) a year's notice, every stored deadline is
// recomputed against the new calendar; the runtime re-arms the timers of those that changed
// and writes each change into the case history (全程留痕). Pure: no database here.
import type { ComputeInput, ComputeOptions, DeadlineResult, DeadlineSpec, HolidayCalendar } from './types';
import { computeDeadline } from './compute';
import { beijingDate, yearOf } from './dates';

/** A stored deadline: what was computed, from what (the audit record of R13). */
export interface DeadlineRecord {
  spec: DeadlineSpec;
  input: ComputeInput;
  result: DeadlineResult;
}

export interface DeadlineChange<R extends DeadlineRecord = DeadlineRecord> {
  record: R;
  before: DeadlineResult;
  after: DeadlineResult;
  dueChanged: boolean;
  /** Chinese, for the case history: "期限由 2027-02-09 变更为 2027-02-10（…）". */
  summary: string;
}

/** The years a stored result spans (d0 … last day or due), to pick the affected records. */
export function yearsOf(result: DeadlineResult): number[] {
  const first = result.d0 ?? result.lastDay ?? beijingDate(result.due);
  const last = result.lastDay ?? beijingDate(result.due);
  const [a, b] = [yearOf(first), yearOf(last)].sort((x, y) => x - y);
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  for (const y of result.provisionalYears) if (!out.includes(y)) out.push(y);
  return out;
}

function describe(r: DeadlineResult): string {
  return r.lastDay ?? r.due.toISOString();
}

/**
 * Recomputes the records (all, or only those whose span touches `years`) and returns those
 * whose due instant, last day or provisional marking changed.
 */
export function recomputeDeadlines<R extends DeadlineRecord>(
  records: R[],
  calendar: HolidayCalendar,
  options: { years?: number[]; compute?: ComputeOptions } = {},
): DeadlineChange<R>[] {
  const changes: DeadlineChange<R>[] = [];
  for (const record of records) {
    const before = record.result;
    if (options.years && !yearsOf(before).some((y) => options.years!.includes(y))) continue;
    const after = computeDeadline(record.spec, record.input, calendar, options.compute);
    const dueChanged = after.due.getTime() !== before.due.getTime();
    const lastDayChanged = after.lastDay !== before.lastDay;
    const provisionalChanged =
      after.provisional !== before.provisional ||
      after.provisionalYears.join() !== before.provisionalYears.join();
    if (!dueChanged && !lastDayChanged && !provisionalChanged) continue;
    const status = after.provisional
      ? `仍为暂定（${after.provisionalYears.join('、')}年未公布）`
      : '已按公布的放假安排确定';
    const summary = dueChanged || lastDayChanged
      ? `期限由 ${describe(before)} 变更为 ${describe(after)}，${status}（日历版本 ${calendar.version}）`
      : `期限 ${describe(after)} 不变，${status}（日历版本 ${calendar.version}）`;
    changes.push({ record, before, after, dueChanged, summary });
  }
  return changes;
}

/**
 * R11: a provisional deadline is never declared overdue without recomputing. Returns whether
 * it has passed at `now` and the result that decided it (recomputed when provisional).
 */
export function confirmOverdue(
  record: DeadlineRecord,
  now: Date,
  calendar: HolidayCalendar,
  options: ComputeOptions = {},
): { overdue: boolean; result: DeadlineResult; recomputed: boolean } {
  const recomputed = record.result.provisional;
  const result = recomputed ? computeDeadline(record.spec, record.input, calendar, options) : record.result;
  return { overdue: now.getTime() >= result.due.getTime(), result, recomputed };
}
