// A deadline written in the platform's notation (5日, 20日 自 letterReceivedAt, 届满前10日预警
// 6个月 自 filedAt …) → its base resolved with FEEL against the case → the calendar's audited
// result. What went in is recorded so the deadline can be recomputed later (R9, R11, R13).
import {
  type DeadlineResult, type DeadlineSpec, type Exclusion, type Extension, type HolidayCalendar,
  baseExpression, computeDeadline,
} from '../calendar';
import { type CourtDirectory, evaluate, toInstant } from './feel';
import { PLACEHOLDER, parseNotation } from './deadlineText';
import type { TimerRecord, Variables } from './types';

export interface DeadlineContext {
  variables: Variables;
  now: Date;
  courts?: CourtDirectory;
  calendar: HolidayCalendar;
  exclusions?: Exclusion[];
  extensions?: Extension[];
}

/** A notation or base that cannot give a deadline for this case (Chinese message). */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

export { notationOf, parseNotation, placeholders, sampleNotation } from './deadlineText';

export function expandNotation(notation: string, ctx: Pick<DeadlineContext, 'variables' | 'now' | 'courts'>): string {
  return notation.replace(PLACEHOLDER, (_, expr: string) => {
    const v = evaluate(expr.trim(), ctx.variables, { now: ctx.now, courts: ctx.courts }).value;
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return `${v}日`;
    if (typeof v === 'string' && v.trim()) return v.trim();
    throw new DeadlineError(`期限中的「{${expr}}」没有得到期间（应为天数或如 15日、1个月 的写法）：请检查表单是否已填写`);
  });
}

function resolveBase(expr: string, ctx: DeadlineContext): { base: Date; dateOnly: boolean } {
  const r = evaluate(expr, ctx.variables, { now: ctx.now, courts: ctx.courts });
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
export function armDeadline(template: string, ctx: DeadlineContext): TimerRecord {
  const notation = expandNotation(template, ctx);
  let spec: DeadlineSpec;
  try {
    spec = parseNotation(notation);
  } catch (err) {
    throw new DeadlineError(`期限写法「${notation}」无法识别：${(err as Error).message}`);
  }
  const expr = baseExpression(spec);
  const base = expr ? resolveBase(expr, ctx) : { base: ctx.now, dateOnly: false };
  const record = compute(notation, spec, base, expr, ctx, ctx.now.toISOString());
  return template === notation ? record : { ...record, template };
}

/**
 * Recomputes a recorded deadline, possibly with a new notation (migration). The recorded base
 * is reused while the base expression is unchanged: a base read from the clock stays the
 * instant the timer was armed. Exclusions/extensions not given keep their recorded values.
 */
export function recomputeDeadline(record: TimerRecord, ctx: DeadlineContext, given?: string): TimerRecord {
  // Unchanged text (or template): keep the recorded notation, with its form-set period.
  const unchanged = given === undefined || given === record.notation || given === record.template;
  const notation = unchanged ? record.notation : expandNotation(given, ctx);
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
  const template = unchanged ? record.template : given !== notation ? given : undefined;
  return template ? { ...next, template } : next;
}

/** Whether a recomputation changed anything the audit cares about. */
export function deadlineChanged(a: TimerRecord, b: TimerRecord): boolean {
  return a.dueAt !== b.dueAt || a.deadline.provisional !== b.deadline.provisional
    || a.deadline.lastDay !== b.deadline.lastDay || a.notation !== b.notation;
}
