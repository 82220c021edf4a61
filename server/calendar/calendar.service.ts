// The legal calendar as the platform uses it: seeded from chinese-days on first start,
// edited by administrators per year, and rebuilt in every process when its version changes.
import { calendarFromRows, seedHolidays, type BuiltCalendar, type HolidayEntry } from './holidays';
import type { HolidayYearDoc, HolidaysRepository } from './holidays.repository';
import { isDateString, isWeekend, yearOf } from './dates';

export class CalendarInputError extends Error {
  constructor(message: string, readonly details: { field: string; message: string }[] = []) {
    super(message);
  }
}

export class CalendarService {
  private cached?: { version: number; calendar: BuiltCalendar };

  constructor(private readonly repo: HolidaysRepository) {}

  /** Seeds the published years and projections up to four years ahead. */
  async seed(now: Date): Promise<number> {
    const rows = seedHolidays(2004, now.getUTCFullYear() + 4);
    const byYear = new Map<number, HolidayYearDoc>();
    for (const r of rows) {
      const doc = byYear.get(r.year) ?? {
        _id: r.year, published: r.published, source: r.source, entries: [], updatedAt: now, updatedBy: 'system',
      };
      doc.entries.push({ date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) });
      byYear.set(r.year, doc);
    }
    return this.repo.seedMissing([...byYear.values()]);
  }

  async current(): Promise<BuiltCalendar> {
    const version = await this.repo.version();
    if (this.cached?.version !== version) {
      const rows = await this.repo.allRows();
      this.cached = { version, calendar: calendarFromRows(rows, `holidays-v${version}`) };
    }
    return this.cached.calendar;
  }

  getYear(year: number) {
    return this.repo.getYear(year);
  }

  /**
   * Enters a year's notice (published) or a correction. Entries are the year's holidays
   * (rest) and make-up working days (work); weekends need not be listed.
   */
  async putYear(year: number, body: unknown, actor: string, now: Date): Promise<HolidayYearDoc> {
    const input = body as { published?: unknown; entries?: unknown };
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CalendarInputError('年份无效');
    if (!Array.isArray(input?.entries)) throw new CalendarInputError('entries 必须是数组');
    const details: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    const entries: HolidayEntry[] = [];
    input.entries.forEach((e: Partial<HolidayEntry>, i: number) => {
      const field = `entries[${i}]`;
      if (!e || !isDateString(e.date)) return details.push({ field, message: `日期无效：${e?.date}` });
      if (yearOf(e.date) !== year) return details.push({ field, message: `${e.date} 不属于 ${year} 年` });
      if (e.kind !== 'rest' && e.kind !== 'work') return details.push({ field, message: 'kind 只能是 rest 或 work' });
      if (seen.has(e.date)) return details.push({ field, message: `${e.date} 重复` });
      if (e.kind === 'work' && !isWeekend(e.date)) {
        return details.push({ field, message: `${e.date} 不是周末，不能作为调休上班日` });
      }
      seen.add(e.date);
      entries.push({ date: e.date, kind: e.kind, ...(typeof e.name === 'string' ? { name: e.name.slice(0, 20) } : {}) });
    });
    if (details.length) throw new CalendarInputError('节假日数据有误，未保存', details);
    const doc: HolidayYearDoc = {
      _id: year,
      published: input.published !== false,
      source: 'admin',
      entries: entries.sort((a, b) => a.date.localeCompare(b.date)),
      updatedAt: now,
      updatedBy: actor,
    };
    await this.repo.putYear(doc);
    return doc;
  }
}
