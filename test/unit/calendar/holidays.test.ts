// Holidays: chinese-days for the published years, the R11 projection for the others.
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  buildCalendar, calendarFromRows, chineseDaysYears, defaultCalendar, describeYear,
  projectStatutoryHolidays, seedHolidays,
} from '../../../server/calendar';
import { addDays, eachDay } from '../../../server/calendar/dates';

const range = (a: string, b: string) => [...eachDay(a, b)];

describe('seeded 2026 calendar (CALENDAR.md bottom lines)', () => {
  const rows = seedHolidays(2026, 2026);
  const calendar = defaultCalendar();
  const restBlocks: [string, string][] = [
    ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'],
    ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'],
    ['2026-10-01', '2026-10-07'],
  ];
  const makeUp = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

  it('given the seed rows of 2026 then the rest rows are exactly the seven rest blocks', () => {
    const rest = rows.filter((r) => r.kind === 'rest').map((r) => r.date);
    expect(rest).toEqual(restBlocks.flatMap(([a, b]) => range(a, b)));
  });

  it('given the seed rows of 2026 then the work rows are exactly the six make-up days', () => {
    expect(rows.filter((r) => r.kind === 'work').map((r) => r.date)).toEqual(makeUp);
  });

  it('given the seed rows then each is a published chinese-days row with the festival name', () => {
    expect(rows.every((r) => r.year === 2026 && r.published && r.source === 'chinese-days@1.5.7')).toBe(true);
    expect(rows.find((r) => r.date === '2026-02-17')).toMatchObject({ kind: 'rest', name: '春节' });
    expect(rows.find((r) => r.date === '2026-10-10')).toMatchObject({ kind: 'work', name: '国庆节' });
  });

  it('given the calendar built from them then every rest-block day rests and every make-up day works', () => {
    for (const d of restBlocks.flatMap(([a, b]) => range(a, b))) expect(calendar.isRestDay(d)).toBe(true);
    for (const d of makeUp) {
      expect(calendar.isRestDay(d)).toBe(false);
      expect(calendar.isMakeUpWorkday(d)).toBe(true);
    }
    // and the days around the blocks are ordinary
    expect(calendar.isRestDay('2026-10-08')).toBe(false);
    expect(calendar.isRestDay('2026-10-11')).toBe(true); // Sunday
    expect(describeYear(calendar, 2026).makeUpWorkdays).toEqual(makeUp);
  });
});

describe('which years chinese-days truly holds', () => {
  it('given chinese-days 1.5.7 then it holds 2004-2026 and answers Mon-Fri for 2027', () => {
    expect(chineseDaysYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    // the trap: chinese-days calls 2027-02-05 (除夕) a working day, because it has no 2027 data
    expect(chineseDays.isWorkday('2027-02-05')).toBe(true);
    expect(defaultCalendar().isRestDay('2027-02-05')).toBe(true);
    expect(defaultCalendar().isPublished(2026)).toBe(true);
    expect(defaultCalendar().isPublished(2027)).toBe(false);
  });
});

describe('R11 projection of an unpublished year', () => {
  it('given 2027 then 春节 is 除夕 02-05 … 初三 02-08 and 02-09 (Tuesday) works', () => {
    const cal = defaultCalendar();
    for (const d of range('2027-02-05', '2027-02-08')) expect(cal.isRestDay(d)).toBe(true);
    expect(cal.isRestDay('2027-02-09')).toBe(false);
  });

  it('given 2027 then the statutory days are 元旦, 春节 ×4, 清明, 劳动节 ×2, 端午, 中秋, 国庆 ×3', () => {
    const days = projectStatutoryHolidays(2027).map((e) => `${e.date} ${e.name}`);
    expect(days).toEqual([
      '2027-01-01 元旦', '2027-02-05 春节', '2027-02-06 春节', '2027-02-07 春节', '2027-02-08 春节',
      '2027-04-05 清明', '2027-05-01 劳动节', '2027-05-02 劳动节', '2027-06-09 端午', '2027-09-15 中秋',
      '2027-10-01 国庆节', '2027-10-02 国庆节', '2027-10-03 国庆节',
    ]);
  });

  it('given the 2026 projection then it agrees with the published notice on the statutory days', () => {
    // the notice adds bridge days, never removes a statutory one
    const cal = defaultCalendar();
    for (const e of projectStatutoryHolidays(2026)) expect(cal.isRestDay(e.date)).toBe(true);
  });

  it('given seedHolidays over 2026-2027 then 2027 rows are unpublished projections', () => {
    const rows2027 = seedHolidays(2026, 2027).filter((r) => r.year === 2027);
    expect(rows2027).toHaveLength(13);
    expect(rows2027.every((r) => !r.published && r.source === 'projection' && r.kind === 'rest')).toBe(true);
  });

  it('given 中秋 inside 国庆 (2028) then the date is listed once with both names', () => {
    const oct3 = projectStatutoryHolidays(2028).filter((e) => e.date === '2028-10-03');
    expect(oct3).toEqual([{ date: '2028-10-03', kind: 'rest', name: '国庆节、中秋' }]);
  });
});

describe('buildCalendar from entries', () => {
  it('given an administrator enters the 2027 notice then its entries replace the projection', () => {
    const notice = [
      ...range('2027-02-05', '2027-02-11').map((date) => ({ date, kind: 'rest' as const })),
      { date: '2027-02-13', kind: 'work' as const }, // a Saturday made a working day
    ];
    const cal = buildCalendar([...seedHolidays(2026, 2026), ...notice], [2026, 2027], 'v2');
    expect(cal.isPublished(2027)).toBe(true);
    expect(cal.isRestDay('2027-02-09')).toBe(true);
    expect(cal.isRestDay('2027-02-13')).toBe(false);
    // a statutory day the notice does not list is a working day once the year is published
    expect(cal.isRestDay('2027-06-09')).toBe(false);
    expect(cal.version).toBe('v2');
  });

  it('given stored rows then calendarFromRows takes the published years from the rows', () => {
    const cal = calendarFromRows(seedHolidays(2025, 2027), 'db-1');
    expect(cal.publishedYears).toEqual([2025, 2026]);
    expect(cal.isRestDay(addDays('2027-02-05', 0))).toBe(true);
  });

  it('given an invalid date in the entries then it refuses in Chinese', () => {
    expect(() => buildCalendar([{ date: '2026-02-30', kind: 'rest' }], [2026], 'x')).toThrow(/无效日期「2026-02-30」/);
  });
});
