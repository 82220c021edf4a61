// Named dates for the common bases of court rules (本季度末, 本月末, 本年末, 次月10日): written
// in a deadline as they are in a regulation (`日期 本季度末`, `届满前5日预警 本年末`) instead
// of the FEEL an administrator would otherwise have to read and write. Each is a FEEL
// expression on today(), which the engine reads from the platform clock when the timer starts.
// Pure (no Node API): the browser shows stored FEEL by these names with the same table.
import { CN_NUMERAL_CHARS, parseNumber } from './numerals';

export interface NamedDate {
  name: string;
  feel: string;
  meaning: string;
}

const QUARTER_END = '(if today().month >= 10 then date(today().year + 1, 1, 1) else date(today().year, floor((today().month - 1) / 3) * 3 + 4, 1)) - duration("P1D")';

export const NAMED_DATES: NamedDate[] = [
  { name: '本月末', feel: 'date(today().year, today().month, 1) + duration("P1M") - duration("P1D")', meaning: '当月最后一日' },
  { name: '本季度末', feel: QUARTER_END, meaning: '当季最后一日（3月31日、6月30日、9月30日、12月31日）' },
  { name: '本年末', feel: 'date(today().year, 12, 31)', meaning: '当年12月31日' },
];

const NEXT_MONTH_DAY = new RegExp(`^次月([0-9]{1,2}|[${CN_NUMERAL_CHARS}]+)日$`);
const nextMonthDay = (day: number) =>
  `if today().month = 12 then date(today().year + 1, 1, ${day}) else date(today().year, today().month + 1, ${day})`;

/** The FEEL of a named date; undefined when `text` is not one. Throws on 次月29日 and later. */
export function namedDateFeel(text: string): string | undefined {
  const s = text.trim();
  const fixed = NAMED_DATES.find((d) => d.name === s);
  if (fixed) return fixed.feel;
  const m = NEXT_MONTH_DAY.exec(s);
  if (!m) return undefined;
  const day = parseNumber(m[1]) ?? 0;
  if (!Number.isInteger(day) || day < 1 || day > 28) throw new RangeError(`「${s}」：次月N日的 N 应为 1–28（并非每个月都有 ${day} 日），月末请写 本月末`);
  return nextMonthDay(day);
}

/** The name of a FEEL expression that is one of the named dates, if it is. */
export function namedDateOf(feel: string): string | undefined {
  const s = feel.trim();
  const fixed = NAMED_DATES.find((d) => d.feel === s);
  if (fixed) return fixed.name;
  for (let day = 1; day <= 28; day++) if (nextMonthDay(day) === s) return `次月${day}日`;
  return undefined;
}
