// computeDeadline: a DeadlineSpec + the resolved base instant → the audited DeadlineResult (R13).
import type {
  ComputeInput, ComputeOptions, DeadlineResult, DeadlineSpec, HolidayCalendar,
} from './types';
import { parseBeijingInstant } from './dates';
import { computeDate, computeOverdue, computeWarning, computeWindow } from './derived';
import { DeadlineSyntaxError, parseDeadline, parsePeriodIso } from './notation';
import { type Ctx, type Draft, DeadlineComputeError, computePeriod } from './period';

function validBase(input: ComputeInput): void {
  if (!(input?.base instanceof Date) || Number.isNaN(input.base.getTime())) {
    throw new DeadlineComputeError('起算时间无效：表达式未得到日期或时间');
  }
}

function draft(spec: DeadlineSpec, input: ComputeInput, ctx: Ctx): Draft {
  switch (spec.kind) {
    case 'period':
      return computePeriod(spec.period, input, ctx);
    case 'window':
      return computeWindow(spec.window, input, ctx);
    case 'date':
      return computeDate(input, ctx);
    case 'warning':
    case 'overdue': {
      if (!Number.isInteger(spec.days) || spec.days < 0) {
        throw new DeadlineComputeError(`天数必须是非负整数：${spec.days}`);
      }
      if (spec.of.kind !== 'period' && spec.of.kind !== 'date') {
        throw new DeadlineComputeError('预警、逾期只能针对期间或日期');
      }
      // The deadline it derives from is audited on its own (its own provisional years).
      const of = computeDeadline(spec.of, input, ctx.calendar, ctx.options);
      of.provisionalYears.forEach((y) => ctx.years.add(y));
      return spec.kind === 'warning' ? computeWarning(spec.days, of, ctx) : computeOverdue(spec.days, of, ctx);
    }
    default:
      throw new DeadlineComputeError(`未知的期限类型：${(spec as { kind: unknown }).kind}`);
  }
}

/**
 * Computes one deadline (CALENDAR.md R1-R10, R13). `input.base` is the resolved instant of the
 * innermost `from` (see baseExpression) or, for kind 'date', of its expression.
 * Every year the computation touches that has no published notice is listed (R11).
 */
export function computeDeadline(
  spec: DeadlineSpec,
  input: ComputeInput,
  calendar: HolidayCalendar,
  options: ComputeOptions = {},
): DeadlineResult {
  validBase(input);
  const ctx: Ctx = { calendar, options, years: new Set() };
  const d = draft(spec, input, ctx);
  const provisionalYears = [...ctx.years].filter((y) => !calendar.isPublished(y)).sort((a, b) => a - b);
  const provisional = provisionalYears.length > 0;
  const rule = provisional
    ? `${d.rule}；涉及${provisionalYears.join('、')}年，该年放假安排尚未公布，按法定节日推算，结果暂定`
    : d.rule;
  const result: DeadlineResult = { ...d, rule, provisional, provisionalYears, calendarVersion: calendar.version };
  const record = result as unknown as Record<string, unknown>;
  for (const k of Object.keys(record)) if (record[k] === undefined) delete record[k]; // clean documents
  return result;
}

/** Parses the notation and computes it from `base` (the resolved `from`, or now). */
export function computeFromNotation(
  text: string,
  base: Date | ComputeInput,
  calendar: HolidayCalendar,
  options: ComputeOptions = {},
): DeadlineResult {
  const input = base instanceof Date ? { base } : base;
  return computeDeadline(parseDeadline(text), input, calendar, options);
}

/** The answer of GET /api/deadline?from=ISO&period=P5D. */
export interface DeadlineAnswer {
  due: string; // ISO instant, UTC
  lastDay?: string;
  provisional: boolean;
  provisionalYears: number[];
  rule: string;
}

/**
 * GET /api/deadline: `from` is an ISO instant or date (without an offset: Beijing time),
 * `period` is P5D, P5WD, P1M, P1Y or PT24H. Throws DeadlineSyntaxError (→ 400) in Chinese.
 */
export function addPeriodIso(
  from: string | Date,
  period: string,
  calendar: HolidayCalendar,
  options: ComputeOptions = {},
): DeadlineAnswer {
  const base = from instanceof Date ? from : parseBeijingInstant(String(from ?? ''));
  if (!base || Number.isNaN(base.getTime())) {
    throw new DeadlineSyntaxError(`无效的起算时间「${String(from)}」，应为 ISO 格式，如 2026-09-28T15:30:00+08:00`, String(from));
  }
  const r = computeDeadline({ kind: 'period', period: parsePeriodIso(period) }, { base }, calendar, options);
  const answer: DeadlineAnswer = {
    due: r.due.toISOString(),
    provisional: r.provisional,
    provisionalYears: r.provisionalYears,
    rule: r.rule,
  };
  if (r.lastDay) answer.lastDay = r.lastDay;
  return answer;
}
