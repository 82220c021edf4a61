// Timer cycles (timeCycle bodies: 每个工作日 9:00, 每季度首月10日前, R/…/P1D; server/calendar/cycle.ts).
// A cycle timer is armed for its next occurrence after the platform's now, like any durable
// timer (a record, fired by the scheduler). On a non-interrupting boundary bpmn-elements
// restarts the event after each firing: it is armed again for the occurrence after the one
// that fired (the scheduler fires at the recorded instant, so "after now" is "after the last").
// Firing writes {at, dueBy?, count} under the timer's id, so the work it opens can be due by
// the cycle's day (`camunda:dueDate="日期 quarterlyNotice.dueBy"`).
import { type DeadlineResult, type HolidayCalendar, nextOccurrence, parseCycle } from '../calendar';
import type { Runtime } from './runtime';
import type { TimerRecord } from './types';

export interface CycleRecord extends TimerRecord {
  cycle: { dueBy?: string };
}

export function isCycleRecord(r: TimerRecord | undefined): r is CycleRecord {
  return !!r && 'cycle' in r;
}

function yearsOf(at: Date, dueBy?: string): number[] {
  const ys = new Set([Number(new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 4))]);
  if (dueBy) ys.add(Number(dueBy.slice(0, 4)));
  return [...ys];
}

function result(notation: string, at: Date, dueBy: string | undefined, calendar: HolidayCalendar): DeadlineResult {
  const provisionalYears = yearsOf(at, dueBy).filter((y) => !calendar.isPublished(y));
  const provisional = provisionalYears.length > 0;
  return {
    due: at, ...(dueBy ? { lastDay: dueBy } : {}),
    rule: `周期「${notation}」${dueBy ? `，${dueBy}前完成` : ''}${provisional ? `；涉及${provisionalYears.join('、')}年，放假安排尚未公布，结果暂定` : ''}`,
    provisional, provisionalYears, exclusions: [], calendarVersion: calendar.version,
  };
}

/** Arms the next occurrence strictly after `after` (ISO cycles without a start repeat from `origin`). */
export function armCycle(notation: string, rt: Runtime, after: Date, origin?: Date): CycleRecord {
  const spec = parseCycle(notation);
  const o = nextOccurrence(spec, after, rt.calendar, origin);
  return {
    notation, spec: { kind: 'date', expr: notation }, base: (origin ?? after).toISOString(), exclusions: [], extensions: [],
    dueAt: o.at.toISOString(), deadline: JSON.parse(JSON.stringify(result(notation, o.at, o.dueBy, rt.calendar))),
    armedAt: rt.now.toISOString(), cycle: o.dueBy ? { dueBy: o.dueBy } : {},
  };
}

/** Re-derives a recorded occurrence (calendar changed, or provisional about to fire). */
export function recomputeCycle(record: CycleRecord, rt: Runtime, notation: string): CycleRecord {
  const after = new Date(Date.parse(record.armedAt));
  return { ...armCycle(notation, rt, after, new Date(record.base)), armedAt: record.armedAt };
}

/** What a firing writes under the timer's id: the occurrence, its due day, how many so far. */
export function occurrenceData(record: CycleRecord, previous: unknown): Record<string, unknown> {
  const count = ((previous as { count?: number } | null)?.count ?? 0) + 1;
  return { at: record.dueAt, count, ...(record.cycle.dueBy ? { dueBy: record.cycle.dueBy } : {}) };
}
