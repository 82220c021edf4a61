// The deadline notation a process administrator types into a BPMN timer (NOTATION.md).
import type { DeadlineSpec, Period, PeriodUnit, WindowKind } from './types';
import { namedDateFeel } from './namedDates';
import { formatChineseNumeral, parseNumber } from './numerals';
import { BEFORE_END, NUM, OVERDUE, UNIT_WORDS, WITHIN } from './grammar';

export class DeadlineSyntaxError extends Error {
  override name = 'DeadlineSyntaxError';
  constructor(message: string, readonly text: string) {
    super(message);
  }
}

const UNIT_NAMES: Record<PeriodUnit, string> = {
  day: '日', workday: '个工作日', month: '个月', year: '年', hour: '小时',
};
const ISO_RE = /^(?:P([0-9]+)(WD|D|M|Y)|PT([0-9]+)H)(?![A-Za-z0-9])/i;
const ISO_UNITS: Record<string, PeriodUnit> = { D: 'day', WD: 'workday', M: 'month', Y: 'year' };
const HINT = '可写如 5日、五日内、5个工作日、6个月、1年、24小时、P5D、P5WD、P1M、PT24H';

function fail(text: string, message: string): never {
  throw new DeadlineSyntaxError(message, text);
}

function normalize(text: string): string {
  return text
    .replace(/[\u3000\t\r\n]+/g, ' ')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim();
}

function count(text: string, raw: string, what: string): number {
  const n = parseNumber(raw);
  if (n === undefined) fail(text, `无法识别${what}中的数字「${raw}」`);
  if (n <= 0) fail(text, `${what}必须大于零：「${raw}」`);
  return n;
}

/** Reads a period at the start of `s`; returns it and the rest. */
function readPeriod(text: string, s: string): { period: Period; rest: string } {
  const iso = ISO_RE.exec(s);
  if (iso) {
    const unit = iso[3] !== undefined ? 'hour' : ISO_UNITS[iso[2].toUpperCase()];
    const n = count(text, iso[1] ?? iso[3], '期间');
    return { period: { n, unit }, rest: s.slice(iso[0].length).trim() };
  }
  if (/^P/i.test(s)) fail(text, `无效的 ISO 期间「${s.split(/\s/)[0]}」，应为 P5D、P5WD、P1M、P1Y 或 PT24H`);
  const num = new RegExp(`^(${NUM})\\s*`).exec(s);
  if (!num) {
    if (/^自/.test(s)) fail(text, `「${s}」缺少期间，应写作 自 letterReceivedAt 起 20日`);
    if (/^(半|周|星期)/.test(s)) fail(text, `不支持「${s.slice(0, 2)}」，请写明天数或月数，如 7日、6个月`);
    fail(text, `期间应以数字开头：「${s}」；${HINT}`);
  }
  const n = count(text, num[1], '期间');
  const after = s.slice(num[0].length);
  for (const [re, unit] of UNIT_WORDS) {
    const u = re.exec(after);
    if (!u) continue;
    const rest = after.slice(u[0].length).replace(WITHIN, '');
    return { period: { n, unit }, rest: rest.trim() };
  }
  if (!after.trim()) fail(text, `「${num[1]}」之后缺少期间单位：可用 日/天、个工作日、个月、年、小时`);
  const word = after.trim().slice(0, 3);
  return fail(text, `无法识别的期间单位「${word}」：可用 日/天、个工作日、个月、年、小时`);
}

/** The FEEL of a named date (本季度末, 次月10日 …), or undefined; a bad one is a syntax error. */
function named(text: string, s: string): string | undefined {
  try {
    return namedDateFeel(s);
  } catch (err) {
    return fail(text, (err as Error).message);
  }
}

/** "自 X 起" / "自 X 之日起" / "自 X" → X (a named date as its FEEL). */
function readBase(text: string, s: string): string {
  const m = /^自\s*(.*?)\s*(?:之日)?\s*(?:起算|起)?$/.exec(s);
  if (!m) fail(text, `无法理解「${s}」：起算基准应写作「自 变量名」，如 20日 自 letterReceivedAt`);
  if (!m[1]) fail(text, '「自」之后缺少起算基准（FEEL 表达式或变量名），如 自 letterReceivedAt');
  return named(text, m[1]) ?? m[1];
}

function periodSpec(text: string, s: string): DeadlineSpec {
  // Prefix form: 自 letterReceivedAt 起 20日 (also 自 X 之日起 20日内).
  const pre = /^自\s*(.+?)\s*(?:之日)?\s*起(?:算)?\s*((?:P|[0-9]|[零〇一二两三四五六七八九十百千]).*)$/i.exec(s);
  if (pre) {
    const { period, rest } = readPeriod(text, pre[2]);
    if (rest) fail(text, `期间之后多出「${rest}」`);
    return { kind: 'period', period, from: named(text, pre[1]) ?? pre[1] };
  }
  const { period, rest } = readPeriod(text, s);
  if (!rest) return { kind: 'period', period };
  return { kind: 'period', period, from: readBase(text, rest) };
}

function parseSpec(text: string, s: string): DeadlineSpec {
  if (!s) fail(text, `期限为空；${HINT}`);
  let m = new RegExp(`^${BEFORE_END}\\s*(${NUM})\\s*(?:个)?(?:日|天)\\s*(?:预警)?\\s*(.*)$`).exec(s);
  if (m) return { kind: 'warning', days: count(text, m[1], '预警天数'), of: ofSpec(text, m[2], '预警') };
  if (new RegExp(`^${BEFORE_END}`).test(s)) fail(text, '预警应写作「届满前N日预警 期限」，如 届满前10日预警 6个月 自 filedAt');
  m = new RegExp(`^${OVERDUE}\\s*(${NUM})\\s*(?:个)?(?:日|天)\\s*(.*)$`).exec(s);
  if (m) return { kind: 'overdue', days: count(text, m[1], '逾期天数'), of: ofSpec(text, m[2], '逾期') };
  if (/^逾期/.test(s)) fail(text, '逾期应写作「逾期N天 期限」，如 逾期10天 20日 自 assignedAt');
  m = /^分时督办\s*(中院|高院)?\s*(.*)$/.exec(s);
  if (m) {
    if (!m[1]) fail(text, '分时督办须指明「中院」（8:00–10:00）或「高院」（10:00–11:00）');
    const window = m[1] as WindowKind;
    return m[2] ? { kind: 'window', window, from: readBase(text, m[2]) } : { kind: 'window', window };
  }
  m = /^日期\s*[:：]?\s*(.*)$/.exec(s);
  if (m) {
    if (!m[1]) fail(text, '「日期」之后缺少 FEEL 表达式，如 日期 reportDueDate');
    return dateSpec(text, m[1]);
  }
  // A named date alone (本季度末) is a date: `日期` may be left out.
  if (named(text, s)) return dateSpec(text, s);
  return periodSpec(text, s);
}

function dateSpec(text: string, expr: string): DeadlineSpec {
  const feel = named(text, expr);
  return feel ? { kind: 'date', expr: feel, named: expr } : { kind: 'date', expr };
}

function ofSpec(text: string, s: string, what: string): DeadlineSpec {
  if (!s) fail(text, `${what}缺少所依据的期限，如 6个月 自 filedAt`);
  const of = parseSpec(text, s);
  if (of.kind !== 'period' && of.kind !== 'date') fail(text, `${what}只能针对期间或日期，不能针对「${s}」`);
  return of;
}

/** Parses the notation (NOTATION.md); throws DeadlineSyntaxError with a Chinese message. */
export function parseDeadline(text: string): DeadlineSpec {
  if (typeof text !== 'string') fail(String(text), `期限应为文本；${HINT}`);
  return parseSpec(text, normalize(text));
}

/** Parses the HTTP API's ISO-like period: P5D, P5WD, P1M, P1Y, PT24H. */
export function parsePeriodIso(text: string): Period {
  const s = normalize(text ?? '');
  const m = ISO_RE.exec(s);
  if (!m || m[0].length !== s.length) fail(text, `无效的期间「${text}」，应为 P5D、P5WD、P1M、P1Y 或 PT24H`);
  return readPeriod(text, s).period;
}

export interface FormatOptions {
  /** 'chinese' writes 五日, 届满前十日预警; default 'arabic' (5日). */
  numerals?: 'arabic' | 'chinese';
}

/** The canonical text of a spec; parseDeadline(formatDeadline(s)) deep-equals s. */
export function formatDeadline(spec: DeadlineSpec, options: FormatOptions = {}): string {
  const num = (n: number, unit?: PeriodUnit) =>
    options.numerals !== 'chinese' ? String(n)
      : n === 2 && unit && unit !== 'day' ? '两' // 两个月, 两年, 两小时; but 二日
        : formatChineseNumeral(n);
  const base = (from?: string) => (from ? ` 自 ${from}` : '');
  switch (spec.kind) {
    case 'period':
      return `${num(spec.period.n, spec.period.unit)}${UNIT_NAMES[spec.period.unit]}${base(spec.from)}`;
    case 'warning':
      return `届满前${num(spec.days)}日预警 ${formatDeadline(spec.of, options)}`;
    case 'overdue':
      return `逾期${num(spec.days)}天 ${formatDeadline(spec.of, options)}`;
    case 'window':
      return `分时督办 ${spec.window}${base(spec.from)}`;
    case 'date':
      return `日期 ${spec.named ?? spec.expr}`;
  }
}

/** The FEEL expression the engine must resolve to get ComputeInput.base (innermost). */
export function baseExpression(spec: DeadlineSpec): string | undefined {
  switch (spec.kind) {
    case 'warning':
    case 'overdue':
      return baseExpression(spec.of);
    case 'date':
      return spec.expr;
    default:
      return spec.from;
  }
}
