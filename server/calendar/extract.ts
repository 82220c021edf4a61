// Periods stated in a regulation's text (五日内, 五个工作日内, 届满前10日, 逾期十天, 2018年3月底前,
// 每季度, 上午八点至十点 …), read with the notation's own lexicon (grammar.ts) so that what the
// text says and what a timer says are compared in one language. EXTRACT.md lists what counts.
// Pure: no Node API, so the browser can highlight the same spans the server counts.
import { BEFORE_END, NUM, OVERDUE, UNIT_IN_TEXT, WITHIN } from './grammar';
import { parseDeadline } from './notation';
import { parseNumber } from './numerals';
import type { Period } from './types';

/** before: 届满前 / X前; after: 逾期 / 超过 / 届满 / 起; within: 内; at: a point or span; length: a bare length. */
export type Relation = 'before' | 'after' | 'within' | 'from' | 'at' | 'length';
export type Cycle = 'day' | 'workday' | 'week' | 'month' | 'quarter' | 'halfYear' | 'year' | 'nextYear';

export type StatedPeriod =
  /** N日 / N个工作日 / N个月 / N年 / N小时; `min` for a range (两到三年). */
  | { kind: 'period'; period: Period; min?: number }
  /** 届满前N日: a warning N days before another period ends. */
  | { kind: 'warning'; days: number }
  /** 逾期N天: N days after another period has ended. */
  | { kind: 'overdue'; days: number }
  /** A calendar date or span: 2018年3月底前, 6月10日前, 自3月10日起, 2018年度内, 6月中旬, 4-6月份. */
  | { kind: 'date'; year?: number; month?: number; toMonth?: number; day?: number; part?: string }
  /** 每季度, 每日, 逐月, 每个工作日, 次年一月. */
  | { kind: 'cycle'; every: Cycle; month?: number }
  /** A time-of-day window: 上午八点至十点 (minutes after midnight). */
  | { kind: 'window'; from: number; to: number }
  /** A period another act sets: 督办函规定的期限, 指定的期限, 限期, 法定期限; 逾期 / 超期 without a count (after it). */
  | { kind: 'set' };

export type Found = StatedPeriod & {
  /** The words as they stand in the text (spaces kept). */
  phrase: string;
  /** Offset of the phrase in the text. */
  index: number;
  relation: Relation;
  /** The sentence (to 。；！？ or a line end) the phrase stands in. */
  sentence: string;
};

const S = '[ \\t\\u3000]*';
const Y = '(?<y>[0-9]{4}|[〇零○一二三四五六七八九0]{4})';
const M = '(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const D = '(?<d>3[01]|[12][0-9]|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])';
const PART = '(?<part>底|末|初|上旬|中旬|下旬|份)';
const RANGE_END = `(?:${S}[-—－~～至到]${S}(?:(?:${M.replace('<m>', '<m2>')})${S}月${S})?(?:${D.replace('<d>', '<d2>')})${S}日)`;

// Readers, tried in this order at each position; each is sticky (matches at lastIndex only).
const sticky = (src: string) => new RegExp(src, 'y');
const DATE = sticky(`(?:${Y}${S}年${S})?(?:(?<m1>1[0-2]|0?[1-9])${S}[-—－~～至到]${S})?${M}${S}月${S}(?:${D}${S}日|${PART})?${RANGE_END}?`);
const YEAR = sticky(`${Y}${S}年(?<yp>度|上半年|下半年)?`);
const WINDOW = sticky(`(?<ap>上午|下午|早上|晚上)?${S}(?<h1>${NUM})${S}(?:点|时)(?<h1m>半|${S}(?:${NUM})${S}分)?${S}(?:至|到|—|-|－)${S}(?<h2>${NUM})${S}(?:点|时)(?<h2m>半|${S}(?:${NUM})${S}分)?`);
const WARNING = sticky(`${BEFORE_END}${S}(?<n>${NUM})${S}个?(?:日|天)`);
const OVERDUE_N = sticky(`${OVERDUE}${S}(?<n>${NUM})${S}个?(?:日|天)`);
const CYCLE = sticky('(?:每|逐)(?<c>个?工作日|日|天|周|星期|个?月|季度|季|半年|年度?)|次年(?<ny>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])?月?');
const SET = sticky(`(?:(?:规定|指定|要求)的(?:期限|时限|时间)|规定期限|法定期限|定执行期限|限期(?=要求|执结|办结|整改|完成|报告|内)|(?:逾期|超期)(?!${S}(?:${NUM})))`);
const PERIOD = sticky(`(?<n>${NUM})(?:${S}(?:到|至|-|—|～)${S}(?<n2>${NUM}))?${S}(?<u>${UNIT_IN_TEXT})`);

const CYCLES: Record<string, Cycle> = {
  工作日: 'workday', 个工作日: 'workday', 日: 'day', 天: 'day', 周: 'week', 星期: 'week', 月: 'month', 个月: 'month',
  季度: 'quarter', 季: 'quarter', 半年: 'halfYear', 年: 'year', 年度: 'year',
};
const NUMERAL_CHAR = /[0-9０-９〇零一二两三四五六七八九十百千]/;

/** A Chinese or Arabic count, also the 〇/○ year digits (二〇一八). */
function count(raw: string): number | undefined {
  const s = raw.replace(/[〇零○]/g, '0').replace(/[一二三四五六七八九]/g, (c) => String('一二三四五六七八九'.indexOf(c) + 1));
  return /^[0-9]{4}$/.test(s) && /^[〇零○一二三四五六七八九0-9]{4}$/.test(raw) ? Number(s) : parseNumber(raw.replace(/\s/g, ''));
}

function sentenceAt(text: string, index: number, length: number): string {
  const stops = /[。；;！？!?\n]/;
  let a = index;
  while (a > 0 && !stops.test(text[a - 1])) a--;
  let b = index + length;
  while (b < text.length && !stops.test(text[b])) b++;
  if (b < text.length && text[b] !== '\n') b++;
  return text.slice(a, b).replace(/^[\s\-–—]+/, '').trim();
}

const after = (text: string, end: number, n = 6) => text.slice(end, end + n);
const before = (text: string, start: number, n = 4) => text.slice(Math.max(0, start - n), start);

type Hit = { value: StatedPeriod; relation: Relation; length: number } | { skip: number } | undefined;

function readDate(text: string, i: number): Hit {
  DATE.lastIndex = i;
  const m = DATE.exec(text);
  if (m?.groups) {
    const g = m.groups;
    const end = i + m[0].length;
    const rel = /^\s*(以前|之前|前|起|以后|之后|后|内)/.exec(text.slice(end))?.[1];
    const full = m[0] + (rel ? text.slice(end, end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0) + rel.length) : '');
    const value: StatedPeriod = {
      kind: 'date',
      ...(g.y ? { year: count(g.y) } : {}),
      month: count(g.m),
      ...(g.m1 ? { month: count(g.m1), toMonth: count(g.m) } : {}),
      ...(g.d ? { day: count(g.d) } : {}),
      ...(g.part && g.part !== '份' ? { part: g.part } : {}),
    };
    if (rel === '前' || rel === '以前' || rel === '之前') {
      // 「2017年12月31日前受理的执行实施案件」: a date that delimits cases, not a deadline.
      if (/^[^，。；、,]{0,4}的/.test(text.slice(i + full.length))) return { skip: full.length };
      return { value, relation: 'before', length: full.length };
    }
    if (rel === '起' && /[自从]\s*$/.test(before(text, i, 2))) return { value, relation: 'from', length: full.length };
    // A month or part of one without a day, not a full date: a schedule (6月中旬, 4-6月份).
    if (!g.y && !g.d && (g.part || g.m1)) return { value, relation: 'at', length: m[0].length };
    // Any other date (2021年10月18日, 于2010年12月24日下发): a date of issue or of an event.
    return { skip: m[0].length };
  }
  YEAR.lastIndex = i;
  const y = YEAR.exec(text);
  if (y?.groups) {
    const yp = y.groups.yp;
    const inner = /^\s*内/.exec(text.slice(i + y[0].length));
    const length = y[0].length + (inner ? inner[0].length : 0);
    const value: StatedPeriod = { kind: 'date', year: count(y.groups.y), ...(yp && yp !== '度' ? { part: yp } : {}) };
    if (yp) return { value, relation: 'within', length };
    return { skip: y[0].length };
  }
  return undefined;
}

const minutes = (ap: string | undefined, h: string, rest: string | undefined) => {
  let hour = count(h) ?? 0;
  if ((ap === '下午' || ap === '晚上') && hour < 12) hour += 12;
  const min = rest === '半' ? 30 : rest ? count(rest.replace(/[分\s]/g, '')) ?? 0 : 0;
  return hour * 60 + min;
};

function read(text: string, i: number): Hit {
  const date = readDate(text, i);
  if (date) return date;
  WINDOW.lastIndex = i;
  let m = WINDOW.exec(text);
  // A bare "十点至十一点" needs 点, a 时 needs 上午/下午 (十九时 is rare; 时间 is not an hour).
  if (m?.groups && (m.groups.ap || /点/.test(m[0]))) {
    const from = minutes(m.groups.ap, m.groups.h1, m.groups.h1m);
    const to = minutes(m.groups.ap, m.groups.h2, m.groups.h2m);
    if (to > from && to <= 24 * 60) return { value: { kind: 'window', from, to }, relation: 'at', length: m[0].length };
  }
  for (const [re, kind] of [[WARNING, 'warning'], [OVERDUE_N, 'overdue']] as const) {
    re.lastIndex = i;
    m = re.exec(text);
    const days = m?.groups && count(m.groups.n);
    if (m && days) return { value: { kind, days }, relation: kind === 'warning' ? 'before' : 'after', length: m[0].length };
  }
  CYCLE.lastIndex = i;
  m = CYCLE.exec(text);
  if (m?.groups) {
    if (m.groups.c) return { value: { kind: 'cycle', every: CYCLES[m.groups.c] }, relation: 'at', length: m[0].length };
    if (m[0].endsWith('月') && m.groups.ny) return { value: { kind: 'cycle', every: 'nextYear', month: count(m.groups.ny) }, relation: 'at', length: m[0].length };
  }
  SET.lastIndex = i;
  m = SET.exec(text);
  if (m) {
    const tail = after(text, i + m[0].length, 4);
    const relation: Relation = /^(逾期|超期)/.test(m[0]) ? 'after' : /^\s*[内內]/.test(tail) ? 'within' : /^(届满|界满)前/.test(tail) ? 'before' : /^(届满|界满)后/.test(tail) ? 'after' : 'at';
    return { value: { kind: 'set' }, relation, length: m[0].length };
  }
  return readPeriod(text, i);
}

function readPeriod(text: string, i: number): Hit {
  PERIOD.lastIndex = i;
  const m = PERIOD.exec(text);
  if (!m?.groups) return undefined;
  // 第三十日, 第十条: an ordinal is not a period.
  if (/第\s*$/.test(before(text, i, 2))) return { skip: m[0].length };
  const unit = m.groups.u.replace(/\s/g, '');
  // The notation reads the words (so 个月 / 工作日 / 天 mean what a timer means by them).
  let spec;
  try {
    spec = parseDeadline(`${m.groups.n2 ?? m.groups.n}${unit}`);
  } catch {
    return { skip: m[0].length }; // 百日会战: not a count the notation reads
  }
  if (spec.kind !== 'period') return { skip: m[0].length };
  const within = WITHIN.exec(text.slice(i + m[0].length));
  const length = m[0].length + (within ? within[0].length : 0);
  const lead = before(text, i, 3);
  const relation: Relation = within ? (/前\s*$/.test(lead) ? 'before' : 'within')
    : /(超过|届满|界满|满)\s*$/.test(lead) ? 'after' : 'length';
  const min = m.groups.n2 ? count(m.groups.n) : undefined;
  return { value: { kind: 'period', period: spec.period, ...(min ? { min } : {}) }, relation, length };
}

/** Every period stated in `text`, in order. */
export function extractPeriods(text: string): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < text.length; ) {
    // Only where a token can start: a digit, a numeral, or a keyword's first character.
    const prev = text[i - 1] ?? '';
    const startsNumber = NUMERAL_CHAR.test(text[i]);
    // Inside a number (the 0 of 2018, the 八 of 十八条) nothing starts.
    if (startsNumber && NUMERAL_CHAR.test(prev)) {
      i++;
      continue;
    }
    const hit = read(text, i);
    if (!hit) {
      i++;
      continue;
    }
    if ('skip' in hit) {
      i += hit.skip;
      continue;
    }
    const phrase = text.slice(i, i + hit.length);
    out.push({ ...hit.value, phrase, index: i, relation: hit.relation, sentence: sentenceAt(text, i, hit.length) });
    i += hit.length;
  }
  return out;
}

/** A short Chinese description: 5日（期限内）, 届满前10日, 每季度 … */
export function describePeriod(p: StatedPeriod & { relation?: Relation }): string {
  switch (p.kind) {
    case 'period': {
      const unit = { day: '日', workday: '个工作日', month: '个月', year: '年', hour: '小时' }[p.period.unit];
      return `${p.min ? `${p.min}至` : ''}${p.period.n}${unit}`;
    }
    case 'warning':
      return `届满前${p.days}日`;
    case 'overdue':
      return `逾期${p.days}日`;
    case 'date': {
      const span = p.toMonth ? `${p.month}至${p.toMonth}月` : p.month ? `${p.month}月` : '';
      return `${p.year ? `${p.year}年` : ''}${span}${p.day ? `${p.day}日` : ''}${p.part ?? ''}`;
    }
    case 'cycle':
      return p.every === 'nextYear' ? `次年${p.month ? `${p.month}月` : ''}`
        : `每${{ day: '日', workday: '个工作日', week: '周', month: '月', quarter: '季度', halfYear: '半年', year: '年' }[p.every]}`;
    case 'window': {
      const hm = (n: number) => `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
      return `${hm(p.from)}–${hm(p.to)}`;
    }
    case 'set':
      return '另定期限';
  }
}
