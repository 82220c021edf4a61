// Recurring occurrences (timer cycles, issue 17): 每季度首月10日前 (Hainan's quarterly 通报),
// 每个工作日 9:00 (Shandong's 每日点名, Henan's 每日巡检), 每月 / 每月5日前 (monthly 督导), and
// ISO 8601 repeating intervals (R/2026-01-01T09:00:00+08:00/P1D, R5/…/P1M). Each occurrence is
// an instant in Beijing time computed on the legal calendar; a "…日前" cycle opens at the start
// of its period and carries the last day (rolled past rest days, R3) by which the work is due.
// Additive to the deadline notation (notation.ts): a text that starts with 每 or R/ is a cycle.
import { addDays, addMonths, beijingDate, beijingInstant, beijingMinutes, pad2, weekday } from './dates';
import { DeadlineSyntaxError } from './notation';
import { CN_NUMERAL_CHARS, parseNumber } from './numerals';
import type { HolidayCalendar } from './types';

export type CycleEvery = 'day' | 'workday' | 'week' | 'month' | 'quarter' | 'year';

export type CycleSpec =
  | {
    kind: 'cycle';
    every: CycleEvery;
    /** Minutes after Beijing midnight at which an occurrence fires. */
    at: number;
    /** week: 1 = Monday … 7 = Sunday. */
    weekday?: number;
    /** month / quarter (its first month) / year: the day of the month. */
    day?: number;
    /** year: the month (1–12). */
    month?: number;
    /** 「前」: the occurrence fires when its period starts; `day` is the last day it is due. */
    by?: boolean;
  }
  | { kind: 'cycle'; every: 'iso'; start?: string; period: { n: number; unit: 'D' | 'W' | 'M' | 'Y' | 'H' }; repeat?: number };

export interface Occurrence {
  at: Date;
  /** For a 「…日前」 cycle: the last day (Beijing date, rolled to a working day). */
  dueBy?: string;
}

const NUM = `[0-9]+|[${CN_NUMERAL_CHARS}]+`;
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const HINT = '可写如 每个工作日 9:00、每日 8:30、每周一、每月、每月10日前、每季度首月10日前、每年1月15日前、R/2026-01-01T09:00:00+08:00/P1D';

function fail(text: string, message: string): never {
  throw new DeadlineSyntaxError(message, text);
}

/** A text the cycle grammar reads (the engine's timeCycle bodies). */
export function isCycleNotation(text: string): boolean {
  return /^\s*(每|R\d*\/)/i.test(text);
}

function number(text: string, raw: string, what: string, max: number): number {
  const n = parseNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > max) fail(text, `${what}「${raw}」应为 1–${max}`);
  return n;
}

function readTime(text: string, s: string): { at: number; rest: string } {
  const m = /^(?:的)?\s*([0-9]{1,2})[:：]([0-9]{2})\s*/.exec(s) ?? /^(?:的)?\s*([0-9]{1,2})(?:时|点)(?:([0-9]{1,2})分)?\s*/.exec(s);
  if (!m) return { at: 0, rest: s };
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 23 || min > 59) fail(text, `时间「${m[0].trim()}」无效`);
  return { at: h * 60 + min, rest: s.slice(m[0].length) };
}

function parseIso(text: string, s: string): CycleSpec {
  const m = /^R([0-9]*)\/(?:([^/]+)\/)?(P(?:T([0-9]+)H|([0-9]+)([DWMY])))$/i.exec(s);
  if (!m) fail(text, `ISO 周期「${s}」应写作 R/开始时间/P1D 或 R5/开始时间/P1M（期间可为 PT1H、P1D、P1W、P1M、P1Y）`);
  const period = m[4] !== undefined
    ? { n: Number(m[4]), unit: 'H' as const }
    : { n: Number(m[5]), unit: m[6].toUpperCase() as 'D' | 'W' | 'M' | 'Y' };
  if (period.n < 1) fail(text, '周期的期间必须大于零');
  let start: string | undefined;
  if (m[2]) {
    const d = new Date(/[zZ]|[+-][0-9]{2}:?[0-9]{2}$/.test(m[2]) ? m[2] : `${m[2]}+08:00`);
    if (Number.isNaN(d.getTime())) fail(text, `周期的开始时间「${m[2]}」无效`);
    start = d.toISOString();
  }
  const repeat = m[1] ? Number(m[1]) : undefined;
  if (repeat !== undefined && repeat < 1) fail(text, '重复次数必须大于零');
  return { kind: 'cycle', every: 'iso', period, ...(start ? { start } : {}), ...(repeat ? { repeat } : {}) };
}

/** Parses a cycle (throws DeadlineSyntaxError with a Chinese message). */
export function parseCycle(input: string): CycleSpec {
  const text = String(input ?? '');
  const s = text.replace(/[\u3000\t\r\n]+/g, ' ').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (/^R/i.test(s)) return parseIso(text, s);
  let m = /^每(?:个)?工作日\s*(.*)$/.exec(s);
  const done = (spec: CycleSpec, rest: string) => {
    if (rest.trim()) fail(text, `周期之后多出「${rest.trim()}」；${HINT}`);
    return spec;
  };
  if (m) {
    const t = readTime(text, m[1]);
    return done({ kind: 'cycle', every: 'workday', at: t.at }, t.rest);
  }
  m = /^每(?:日|天)\s*(.*)$/.exec(s);
  if (m) {
    const t = readTime(text, m[1]);
    return done({ kind: 'cycle', every: 'day', at: t.at }, t.rest);
  }
  m = /^每(?:周|星期)([一二三四五六日天])?\s*(.*)$/.exec(s);
  if (m) {
    const t = readTime(text, m[2]);
    return done({ kind: 'cycle', every: 'week', weekday: WEEKDAYS[m[1] ?? '一'], at: t.at }, t.rest);
  }
  m = new RegExp(`^每(?:个)?月(?:(${NUM})(?:日|号)(前|以前|之前)?)?\\s*(.*)$`).exec(s);
  if (m) {
    const t = readTime(text, m[3]);
    const day = m[1] ? number(text, m[1], '日', 28) : 1;
    return done({ kind: 'cycle', every: 'month', day, at: t.at, ...(m[2] ? { by: true } : {}) }, t.rest);
  }
  m = new RegExp(`^每(?:个)?季度?(?:首月|第一个月)?(?:(${NUM})(?:日|号)(前|以前|之前)?)?\\s*(.*)$`).exec(s);
  if (m) {
    const t = readTime(text, m[3]);
    const day = m[1] ? number(text, m[1], '日', 28) : 1;
    return done({ kind: 'cycle', every: 'quarter', day, at: t.at, ...(m[2] ? { by: true } : {}) }, t.rest);
  }
  m = new RegExp(`^每年(?:(${NUM})月(?:(${NUM})(?:日|号))?(前|以前|之前)?)?\\s*(.*)$`).exec(s);
  if (m) {
    const t = readTime(text, m[4]);
    const month = m[1] ? number(text, m[1], '月', 12) : 1;
    const day = m[2] ? number(text, m[2], '日', 28) : 1;
    return done({ kind: 'cycle', every: 'year', month, day, at: t.at, ...(m[3] ? { by: true } : {}) }, t.rest);
  }
  return fail(text, `无法识别的周期「${s}」；${HINT}`);
}

/** The canonical text of a cycle (parseCycle(formatCycle(c)) deep-equals c). */
export function formatCycle(c: CycleSpec): string {
  if (c.every === 'iso') {
    const p = c.period.unit === 'H' ? `PT${c.period.n}H` : `P${c.period.n}${c.period.unit}`;
    return `R${c.repeat ?? ''}/${c.start ? `${c.start}/` : ''}${p}`;
  }
  const time = c.at ? ` ${Math.floor(c.at / 60)}:${pad2(c.at % 60)}` : '';
  const by = c.by ? '前' : '';
  switch (c.every) {
    case 'workday': return `每个工作日${time}`;
    case 'day': return `每日${time}`;
    case 'week': return `每周${Object.keys(WEEKDAYS).find((k) => WEEKDAYS[k] === c.weekday)}${time}`;
    case 'month': return `每月${c.day}日${by}${time}`;
    case 'quarter': return `每季度首月${c.day}日${by}${time}`;
    case 'year': return `每年${c.month}月${c.day}日${by}${time}`;
  }
}

function rollForward(date: string, calendar: HolidayCalendar): string {
  let d = date;
  for (let i = 0; i < 400 && calendar.isRestDay(d); i++) d = addDays(d, 1);
  return d;
}

function firstOfPeriod(every: 'month' | 'quarter' | 'year', date: string): string {
  const [y, mo] = date.split('-').map(Number);
  const month = every === 'month' ? mo : every === 'quarter' ? Math.floor((mo - 1) / 3) * 3 + 1 : 1;
  return `${y}-${pad2(month)}-01`;
}

const STEP = { month: 1, quarter: 3, year: 12 } as const;

/**
 * The first occurrence strictly after `after`. `start` (ISO cycles without their own start):
 * the instant the cycle was armed, from which the period repeats.
 */
export function nextOccurrence(c: CycleSpec, after: Date, calendar: HolidayCalendar, start?: Date): Occurrence {
  if (c.every === 'iso') {
    const origin = c.start ? new Date(c.start) : start ?? after;
    let at = origin;
    for (let i = 0; at <= after; i++) {
      if (i > 100_000) throw new RangeError('周期过密');
      at = c.period.unit === 'H' ? new Date(at.getTime() + c.period.n * 3600_000)
        : c.period.unit === 'D' || c.period.unit === 'W' ? new Date(at.getTime() + c.period.n * (c.period.unit === 'W' ? 7 : 1) * 86_400_000)
          : beijingInstant(addMonths(beijingDate(at), c.period.n * (c.period.unit === 'Y' ? 12 : 1)), 0, beijingMinutes(at));
    }
    if (c.start && origin > after) return { at: origin };
    return { at };
  }
  const today = beijingDate(after);
  if (c.every === 'day' || c.every === 'workday' || c.every === 'week') {
    for (let i = 0; i < 400; i++) {
      const d = addDays(today, i);
      const at = beijingInstant(d, 0, c.at);
      if (at <= after) continue;
      if (c.every === 'workday' && calendar.isRestDay(d)) continue;
      if (c.every === 'week' && (weekday(d) || 7) !== c.weekday) continue;
      return { at };
    }
    throw new RangeError(`自 ${today} 起 400 日内没有符合「${formatCycle(c)}」的日子，节假日数据有误`);
  }
  // month / quarter / year: a 「前」 cycle fires on the period's first day, else on its day.
  let first = firstOfPeriod(c.every, today);
  if (c.every === 'year') first = `${first.slice(0, 4)}-01-01`;
  for (let i = 0; i < 3; i++, first = addMonths(first, STEP[c.every])) {
    const month = c.every === 'year' ? `${first.slice(0, 4)}-${pad2(c.month ?? 1)}-01` : first;
    const dayDate = `${month.slice(0, 8)}${pad2(c.day ?? 1)}`;
    const fireDate = c.by ? (c.every === 'year' ? month : first) : dayDate;
    const at = beijingInstant(fireDate, 0, c.at);
    if (at <= after) continue;
    return c.by ? { at, dueBy: rollForward(dayDate, calendar) } : { at };
  }
  throw new RangeError(`无法计算「${formatCycle(c)}」的下一次`);
}
