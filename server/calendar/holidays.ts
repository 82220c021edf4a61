// The holiday calendar: the State Council's annual notice (放假 + 调休 make-up working days),
// seeded from chinese-days for the years it holds, editable by administrators (DESIGN.md).
import { createRequire } from 'node:module';
import type { HolidayCalendar } from './types';
import { eachDay, isDateString, isWeekend, yearOf } from './dates';
import { projectStatutoryHolidays } from './projection';

export interface HolidayEntry {
  date: string; // YYYY-MM-DD (Beijing)
  kind: 'rest' | 'work';
  name?: string; // 春节, 国庆节 …
}

/** A row of the MongoDB collection `holidays` (DESIGN.md). */
export interface HolidayRow extends HolidayEntry {
  year: number;
  published: boolean; // false: projected (R11), not from a State Council notice
  source: string; // 'chinese-days@1.5.7' | 'projection' | 'admin'
}

export const PROJECTION_SOURCE = 'projection';

/** A calendar built from rows: the contract plus what the admin screens need. */
export interface BuiltCalendar extends HolidayCalendar {
  /** A 调休 make-up working day (a weekend day declared a working day). */
  isMakeUpWorkday(date: string): boolean;
  /** The published years, ascending. */
  publishedYears: number[];
  /**
   * What it was built from, as JSON (`buildCalendar`'s arguments): how the calendar crosses
   * into an engine worker thread, where `calendarFromJson` rebuilds it.
   */
  readonly json: string;
}

/**
 * Builds the calendar. A published year: weekends + its rest entries − its work entries.
 * An unpublished year: weekends + the projected statutory days (R11) + any entries given.
 */
export function buildCalendar(
  entries: HolidayEntry[],
  publishedYears: number[],
  version: string,
): BuiltCalendar {
  const rest = new Set<string>();
  const work = new Set<string>();
  for (const e of entries) {
    if (!isDateString(e.date)) throw new RangeError(`节假日数据中的无效日期「${e.date}」`);
    (e.kind === 'work' ? work : rest).add(e.date);
  }
  const published = new Set(publishedYears);
  const projected = new Map<number, Set<string>>();
  const projection = (year: number) => {
    let set = projected.get(year);
    if (!set) {
      set = new Set(projectStatutoryHolidays(year).map((e) => e.date));
      projected.set(year, set);
    }
    return set;
  };
  const isRestDay = (date: string) => {
    if (work.has(date)) return false;
    if (rest.has(date) || isWeekend(date)) return true;
    const year = yearOf(date);
    return !published.has(year) && projection(year).has(date);
  };
  let json: string | undefined;
  return {
    version,
    isRestDay,
    isPublished: (year) => published.has(year),
    isMakeUpWorkday: (date) => isWeekend(date) && !isRestDay(date),
    publishedYears: [...published].sort((a, b) => a - b),
    get json() {
      json ??= JSON.stringify({ entries, publishedYears, version });
      return json;
    },
  };
}

/** The inverse of `BuiltCalendar.json`. */
export function calendarFromJson(json: string): BuiltCalendar {
  const { entries, publishedYears, version } = JSON.parse(json) as { entries: HolidayEntry[]; publishedYears: number[]; version: string };
  return buildCalendar(entries, publishedYears, version);
}

/** Builds the calendar from stored `holidays` rows; a year is published when any row says so. */
export function calendarFromRows(rows: HolidayRow[], version: string): BuiltCalendar {
  const years = new Set(rows.filter((r) => r.published).map((r) => r.year));
  return buildCalendar(rows, [...years], version);
}

interface ChineseDaysData {
  holidays: Record<string, string>; // date → "Spring Festival,春节,4"
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
export const CHINESE_DAYS_SOURCE = `chinese-days@${(require('chinese-days/package.json') as { version: string }).version}`;

/**
 * The years chinese-days truly holds: those with holiday data. For any other year its
 * isWorkday() silently answers Monday-Friday, so it must never be asked about one.
 */
export function chineseDaysYears(): number[] {
  const years = new Set(Object.keys(data.holidays).map(yearOf));
  return [...years].sort((a, b) => a - b);
}

const festival = (label: string) => label.split(',')[1] ?? label;

/**
 * The rows for the `holidays` collection, fromYear..toYear: chinese-days for the years it
 * holds (published), the R11 projection for the others (published: false).
 */
export function seedHolidays(fromYear: number, toYear: number): HolidayRow[] {
  const known = new Set(chineseDaysYears());
  const rows: HolidayRow[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    if (!known.has(year)) {
      for (const e of projectStatutoryHolidays(year)) {
        rows.push({ ...e, year, published: false, source: PROJECTION_SOURCE });
      }
      continue;
    }
    const source = CHINESE_DAYS_SOURCE;
    const pick = (map: Record<string, string>, kind: HolidayEntry['kind']) =>
      Object.entries(map)
        .filter(([date]) => yearOf(date) === year)
        .map(([date, label]): HolidayRow => ({ date, kind, name: festival(label), year, published: true, source }));
    rows.push(...pick(data.holidays, 'rest'), ...pick(data.workdays, 'work'));
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

let shipped: BuiltCalendar | undefined;

/** The calendar as shipped: chinese-days' published years, projection beyond (tests, CLI). */
export function defaultCalendar(): BuiltCalendar {
  const years = chineseDaysYears();
  shipped ??= calendarFromRows(seedHolidays(years[0], years[years.length - 1]), CHINESE_DAYS_SOURCE);
  return shipped;
}

/** One year as the admin screen shows it (GET /api/calendar/:year): weekday holidays, make-up days. */
export function describeYear(calendar: HolidayCalendar, year: number) {
  const rest: string[] = [];
  const makeUpWorkdays: string[] = [];
  for (const d of eachDay(`${year}-01-01`, `${year}-12-31`)) {
    const r = calendar.isRestDay(d);
    if (r && !isWeekend(d)) rest.push(d);
    if (!r && isWeekend(d)) makeUpWorkdays.push(d);
  }
  return { year, published: calendar.isPublished(year), version: calendar.version, weekdayHolidays: rest, makeUpWorkdays };
}
