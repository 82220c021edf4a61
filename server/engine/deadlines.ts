// A deadline written in the platform's notation (5日, 20日 自 letterReceivedAt, 届满前10日预警
// 6个月 自 filedAt …) → its base resolved with FEEL against the case → the calendar's audited
// result. What went in is recorded so the deadline can be recomputed later (R9, R11, R13).
import {
  type DeadlineResult, type DeadlineSpec, type Exclusion, type Extension, type HolidayCalendar,
  baseExpression, computeDeadline, parseDeadline,
} from '../calendar';
import { evaluate, toInstant } from './feel';
import type { TimerRecord, Variables } from './types';

export interface DeadlineContext {
  variables: Variables;
  now: Date;
  calendar: HolidayCalendar;
  exclusions?: Exclusion[];
  extensions?: Extension[];
}

/** A notation or base that cannot give a deadline for this case (Chinese message). */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** timeDate bodies name a date directly: `日期 expr`, or just the FEEL expression. */
export function notationOf(timerType: string, body: string): string {
  const text = body.trim();
  if (timerType !== 'timeDate' || /^日期/.test(text)) return text;
  return `日期 ${text}`;
}

export function parseNotation(notation: string): DeadlineSpec {
  return parseDeadline(notation);
}

function resolveBase(expr: string, ctx: DeadlineContext): { base: Date; dateOnly: boolean } {
  const r = evaluate(expr, ctx.variables, { now: ctx.now });
  const instant = toInstant(r.value);
  if (!instant) {
    const why = r.warnings.length ? `（${r.warnings.join('；')}）` : '';
    throw new DeadlineError(`期限的起算基准「${expr}」没有得到日期或时间${why}：请检查案件数据是否已填写`);
  }
  return { base: instant.date, dateOnly: instant.dateOnly };
}

/** JSON-safe copy of a calendar result (Dates as ISO strings), as stored in engine state. */
function storable(result: DeadlineResult): DeadlineResult {
  return JSON.parse(JSON.stringify(result)) as DeadlineResult;
}

/** Dates back from a stored result (state JSON keeps them as strings). */
export function reviveDeadline(stored: DeadlineResult): DeadlineResult {
  const r = { ...stored, due: new Date(stored.due as unknown as string) };
  if (stored.of) r.of = reviveDeadline(stored.of);
  return r;
}

function compute(
  notation: string, spec: DeadlineSpec, base: { base: Date; dateOnly: boolean },
  baseExpr: string | undefined, ctx: DeadlineContext, armedAt: string,
): TimerRecord {
  const exclusions = ctx.exclusions ?? [];
  const extensions = ctx.extensions ?? [];
  let result: DeadlineResult;
  try {
    result = computeDeadline(spec, { base: base.base, dateOnly: base.dateOnly, exclusions, extensions }, ctx.calendar);
  } catch (err) {
    throw new DeadlineError(`期限「${notation}」无法计算：${(err as Error).message}`);
  }
  return {
    notation, spec, base: base.base.toISOString(), ...(baseExpr ? { baseExpr } : {}),
    ...(base.dateOnly ? { dateOnly: true } : {}), exclusions, extensions,
    dueAt: result.due.toISOString(), deadline: storable(result), armedAt,
  };
}

/** Arms a deadline now: the base is the FEEL expression's value, or the platform clock. */
export function armDeadline(notation: string, ctx: DeadlineContext): TimerRecord {
  let spec: DeadlineSpec;
  try {
    spec = parseNotation(notation);
  } catch (err) {
    throw new DeadlineError(`期限写法「${notation}」无法识别：${(err as Error).message}`);
  }
  const expr = baseExpression(spec);
  const base = expr ? resolveBase(expr, ctx) : { base: ctx.now, dateOnly: false };
  return compute(notation, spec, base, expr, ctx, ctx.now.toISOString());
}

/**
 * Recomputes a recorded deadline, possibly with a new notation (migration). The recorded base
 * is reused while the base expression is unchanged: a base read from the clock stays the
 * instant the timer was armed. Exclusions/extensions not given keep their recorded values.
 */
export function recomputeDeadline(record: TimerRecord, ctx: DeadlineContext, notation = record.notation): TimerRecord {
  const spec = notation === record.notation ? record.spec : parseNotation(notation);
  const expr = baseExpression(spec);
  const recorded = { base: new Date(record.base), dateOnly: !!record.dateOnly };
  const base = expr === record.baseExpr ? recorded
    : expr ? resolveBase(expr, ctx)
    : { base: new Date(record.armedAt), dateOnly: false };
  const next = compute(notation, spec, base, expr, {
    ...ctx,
    exclusions: ctx.exclusions ?? record.exclusions,
    extensions: ctx.extensions ?? record.extensions,
  }, record.armedAt);
  return next;
}

/** Whether a recomputation changed anything the audit cares about. */
export function deadlineChanged(a: TimerRecord, b: TimerRecord): boolean {
  return a.dueAt !== b.dueAt || a.deadline.provisional !== b.deadline.provisional
    || a.deadline.lastDay !== b.deadline.lastDay || a.notation !== b.notation;
}
