// R11: for a year whose State Council notice is not out, project only the days that are
// certain under 《全国年节及纪念日放假办法》(国务院令第798号, in force 2025-01-01, 第二条):
// 元旦 1 day, 春节 4 days (除夕 … 正月初三), 清明 1 day (the solar term), 劳动节 2 days
// (5-1, 5-2), 端午 1 day (lunar 5-5), 中秋 1 day (lunar 8-15), 国庆 3 days (10-1 … 10-3).
// The notice usually adds bridge days and 调休 make-up days; those cannot be known, which is
// why every result touching such a year is provisional.
import chineseDays from 'chinese-days';
import { addDays } from './dates';
import type { HolidayEntry } from './holidays';

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;

/** chinese-days' lunar tables cover 1900-2100; outside them only fixed-date holidays. */
const LUNAR_MIN = 1901;
const LUNAR_MAX = 2099;

function lunar(year: number, month: number, day: number): string {
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return getSolarDateFromLunar(`${year}-${mm}-${dd}`).date;
}

function block(first: string, days: number, name: string): HolidayEntry[] {
  return Array.from({ length: days }, (_, i) => ({ date: addDays(first, i), kind: 'rest', name }));
}

/** The statutory rest days of `year` that are certain before the notice (rest entries only). */
export function projectStatutoryHolidays(year: number): HolidayEntry[] {
  const y = String(year).padStart(4, '0');
  const out: HolidayEntry[] = [
    ...block(`${y}-01-01`, 1, '元旦'),
    ...block(`${y}-05-01`, 2, '劳动节'),
    ...block(`${y}-10-01`, 3, '国庆节'),
  ];
  if (year >= LUNAR_MIN && year <= LUNAR_MAX) {
    // 除夕 is the day before 正月初一 (lunar month 12 has 29 or 30 days).
    const newYear = lunar(year, 1, 1);
    out.push(...block(addDays(newYear, -1), 4, '春节'));
    out.push(...block(getSolarTermDate(year, 4, 'pure_brightness'), 1, '清明'));
    out.push(...block(lunar(year, 5, 5), 1, '端午'));
    out.push(...block(lunar(year, 8, 15), 1, '中秋'));
  }
  // 中秋 can fall inside 国庆 (2025-10-06, 2028-10-03): one entry per date, names joined.
  // (第四条's 补假 for a holiday on a weekend is left out: the notice picks the weekday.)
  const byDate = new Map<string, HolidayEntry>();
  for (const e of out) {
    const seen = byDate.get(e.date);
    byDate.set(e.date, seen ? { ...seen, name: `${seen.name}、${e.name}` } : e);
  }
  return [...byDate.values()]
    .filter((e) => e.date.startsWith(y)) // (除夕 never leaves the year: 正月初一 ≥ 01-21)
    .sort((a, b) => a.date.localeCompare(b.date));
}
