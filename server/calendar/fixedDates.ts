// Fixed dates written as regulations write them (issue 17): Shandong's 6月10日前 报送自查报告,
// Yunnan's 2018年3月底前 整改完毕, or plainly 2018-03-31. Each is a date (the last day, which
// ends at 24:00), as FEEL on a literal date — or, without a year, on today()'s year (the year
// the timer starts, read from the platform clock). Additive to the notation: `日期 <fixed date>`
// or the fixed date alone is a date deadline, and `届满前10日预警 6月10日前` warns before it.
import { CN_NUMERAL_CHARS, parseNumber } from './numerals';

const N = `[0-9]{1,4}|[${CN_NUMERAL_CHARS}]+`;
const FIXED = new RegExp(`^(?:(${N})年)?(${N})月(?:(${N})(?:日|号)|(底|末))(?:前|以前|之前|止)?$`);
const ISO = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The FEEL of a fixed date, or undefined when `text` is not one; a date that cannot be, throws. */
export function fixedDateFeel(text: string): string | undefined {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (m < 1 || m > 12 || d < 1 || d > lastDayOf(y, m)) throw new RangeError(`日期「${s}」不存在`);
    return `date("${s}")`;
  }
  const f = FIXED.exec(s);
  if (!f) return undefined;
  const year = f[1] === undefined ? undefined : parseNumber(f[1]);
  const month = parseNumber(f[2]);
  if (month === undefined || month < 1 || month > 12) throw new RangeError(`「${s}」的月份应为 1–12`);
  if (year !== undefined && (year < 1990 || year > 2200)) throw new RangeError(`「${s}」的年份无效`);
  if (f[4]) {
    // 月底 / 月末: the month's last day.
    return year !== undefined
      ? `date("${year}-${pad(month)}-${pad(lastDayOf(year, month))}")`
      : `date(today().year, ${month}, 1) + duration("P1M") - duration("P1D")`;
  }
  const day = parseNumber(f[3]);
  const max = year !== undefined ? lastDayOf(year, month) : month === 2 ? 28 : lastDayOf(2001, month);
  if (day === undefined || day < 1 || day > max) throw new RangeError(`「${s}」的日应为 1–${max}`);
  return year !== undefined ? `date("${year}-${pad(month)}-${pad(day)}")` : `date(today().year, ${month}, ${day})`;
}
