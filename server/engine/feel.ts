// FEEL (feelin) for gateway conditions, assignment rules, output mappings and deadline bases.
// Case data is JSON, so date strings are turned into FEEL dates here, and now()/today() read
// the platform clock: a case under DUBAN_CLOCK=manual must not see the real date.
import {
  FeelDate, FeelDateTime, FeelDuration, FeelTime, SyntaxError as FeelinSyntaxError, date, dateAndTime,
  evaluate as feelEvaluate, unaryTest,
} from 'feelin';
import { stripFeelPrefix } from './feelCheck';
import type { Variables } from './types';

/** Case data names shared by all packages (DESIGN.md, Modelling conventions). */
export const SHARED_CASE_NAMES = [
  'supervisingCourt', 'supervisedCourt', 'supervisedCourts', 'enforcementCaseNo', 'source', 'complaintReceivedAt',
  'letterReceivedAt', 'reportPeriod', 'filedAt', 'closingGround',
] as const;

/**
 * The court tree as FEEL sees it: `courtLevel(code)` (高院/中院/基层/专门/最高) and
 * `parentCourt(code)` for the case's courts and their ancestors (the caller passes them with
 * each command; the engine never reads a database). An unknown code gives null.
 */
export interface CourtInfo {
  level: string;
  parent: string | null;
}
export type CourtDirectory = Record<string, CourtInfo>;
export const COURT_FUNCTIONS = ['courtLevel', 'parentCourt'] as const;

export interface FeelOptions {
  now: Date;
  courts?: CourtDirectory;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const HOUR_MS = 3600_000;

export class FeelSyntaxError extends Error {
  override name = 'FeelSyntaxError';
  constructor(message: string, readonly expression: string, readonly position?: number) {
    super(message);
  }
}

export interface FeelOutcome<T = unknown> {
  value: T;
  warnings: string[];
}

/** An instant as a FEEL date and time in Beijing time, so date(x) is the Beijing date (R1). */
function beijingDateTime(instant: Date): FeelDateTime {
  const local = new Date(instant.getTime() + 8 * HOUR_MS).toISOString().slice(0, 23);
  return dateAndTime(`${local}+08:00`) as FeelDateTime;
}

/** JSON case data → FEEL values: 'YYYY-MM-DD' → date, ISO instants → date and time. */
export function toFeel(value: unknown): unknown {
  if (typeof value === 'string') {
    if (DATE_RE.test(value)) return date(value) ?? value;
    if (INSTANT_RE.test(value)) {
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : beijingDateTime(d);
    }
    return value;
  }
  if (value instanceof Date) return beijingDateTime(value);
  if (Array.isArray(value)) return value.map(toFeel);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toFeel(v)]));
  }
  return value;
}

/** FEEL values → JSON: dates as 'YYYY-MM-DD', instants as UTC ISO strings. */
export function fromFeel(value: unknown): unknown {
  if (value instanceof FeelDate) return value.toString();
  if (value instanceof FeelDateTime) {
    const s = value.toString();
    return new Date(value.zone ? s.replace(/@.*$/, '') : `${s}+08:00`).toISOString();
  }
  if (value instanceof FeelDuration || value instanceof FeelTime) return value.toString();
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value)) return value.map(fromFeel);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromFeel(v)]));
  }
  return value;
}

/** A FEEL date or instant → the instant it names; dates name Beijing midnight (dateOnly). */
export function toInstant(value: unknown): { date: Date; dateOnly: boolean } | null {
  const v = typeof value === 'string' || value instanceof Date ? toFeel(value) : value;
  if (v instanceof FeelDate) return { date: new Date(`${v.toString()}T00:00:00+08:00`), dateOnly: true };
  if (v instanceof FeelDateTime) return { date: new Date(fromFeel(v) as string), dateOnly: false };
  return null;
}

export function feelContext(variables: Variables, now: Date, courts: CourtDirectory = {}): Record<string, unknown> {
  const ctx = toFeel(variables) as Record<string, unknown>;
  const today = beijingDateTime(now).toString().slice(0, 10);
  const court = (code: unknown) => (typeof code === 'string' && Object.hasOwn(courts, code) ? courts[code] : undefined);
  return {
    ...ctx,
    now: () => beijingDateTime(now),
    today: () => date(today),
    courtLevel: (code: unknown) => court(code)?.level ?? null,
    parentCourt: (code: unknown) => court(code)?.parent ?? null,
  };
}

function warningText(w: { type: string; message: string }): string {
  const label: Record<string, string> = {
    NO_VARIABLE_FOUND: '变量不存在', NO_CONTEXT_ENTRY_FOUND: '字段不存在', NO_PROPERTY_FOUND: '属性不存在',
    NOT_COMPARABLE: '无法比较', INVALID_TYPE: '类型不符', NO_FUNCTION_FOUND: '函数不存在',
  };
  return `${label[w.type] ?? w.type}：${w.message}`;
}

function syntaxError(expr: string, err: unknown): FeelSyntaxError {
  const pos = (err as { position?: { from: number } }).position?.from;
  const where = pos === undefined ? '' : `，第 ${pos + 1} 个字符附近`;
  return new FeelSyntaxError(`FEEL 表达式「${expr}」语法错误（${(err as Error).message}${where}）`, expr, pos);
}

/** Evaluates a FEEL expression against case variables; syntax errors throw FeelSyntaxError. */
export function evaluate(expr: string, variables: Variables, opts: FeelOptions): FeelOutcome {
  const text = stripFeelPrefix(expr);
  if (!text) throw new FeelSyntaxError('FEEL 表达式为空', expr);
  try {
    const r = feelEvaluate(text, feelContext(variables, opts.now, opts.courts));
    return { value: r.value, warnings: r.warnings.map(warningText) };
  } catch (err) {
    if (err instanceof FeelinSyntaxError) throw syntaxError(text, err);
    throw err;
  }
}

/** A gateway condition: only FEEL `true` takes the flow (null from missing data does not). */
export function evaluateCondition(expr: string, variables: Variables, opts: FeelOptions): FeelOutcome<boolean> {
  const r = evaluate(expr, variables, opts);
  return { value: r.value === true, warnings: r.warnings };
}

/** FEEL unary tests (`> 100`, `"督办", "转办"`) against one input value. */
export function test(tests: string, input: unknown, variables: Variables, opts: FeelOptions): FeelOutcome<boolean> {
  try {
    const r = unaryTest(stripFeelPrefix(tests), { ...feelContext(variables, opts.now, opts.courts), '?': toFeel(input) });
    return { value: r.value === true, warnings: r.warnings.map(warningText) };
  } catch (err) {
    if (err instanceof FeelinSyntaxError) throw syntaxError(tests, err);
    throw err;
  }
}

export { checkExpression, stripFeelPrefix } from './feelCheck';
export type { FeelCheck, FeelIssue } from './feelCheck';
