// The rules of CALENDAR.md beyond the worked examples: R3 option, R6, R9, R10, R11, R13, API.
import { describe, expect, it } from 'vitest';
import {
  DeadlineComputeError, DeadlineSyntaxError, addPeriodIso, computeDeadline, computeFromNotation,
  defaultCalendar, parseDeadline,
} from '../../../server/calendar';

const calendar = defaultCalendar();
const at = (beijing: string) => new Date(`${beijing}+08:00`);

describe('R3 last-day roll is configurable for 调休 working weekend days', () => {
  it('given 三日内 from 2026-10-07 and rollOverWorkingSaturday then 10-10 rolls to Monday 10-12', () => {
    const r = computeFromNotation('三日内', at('2026-10-07T09:00'), calendar, { rollOverWorkingSaturday: true });
    expect(r.nominalLastDay).toBe('2026-10-10');
    expect(r.lastDay).toBe('2026-10-12');
    expect(r.rule).toContain('顺延至 2026-10-12');
  });

  it('given the default then the 调休 Saturday is a working day and the rule says so', () => {
    const r = computeFromNotation('三日内', at('2026-10-07T09:00'), calendar);
    expect(r.lastDay).toBe('2026-10-10');
    expect(r.rule).toContain('调休上班日，不顺延');
  });

  it('given the option then a 调休 working Sunday (2026-09-20) rolls too', () => {
    const r = computeFromNotation('5日', at('2026-09-15T09:00'), calendar, { rollOverWorkingSaturday: true });
    expect(r.nominalLastDay).toBe('2026-09-20');
    expect(r.lastDay).toBe('2026-09-21');
  });
});

describe('R9 exclusions and approved extensions', () => {
  it('given an extension of 3 months on 6个月 then it is d0 + 9 months, recorded with approver', () => {
    const extensions = [{ n: 3, unit: 'month' as const, approvedBy: '院长 张三', approvedAt: '2026-09-01' }];
    const r = computeFromNotation('6个月', { base: at('2026-01-31T10:00'), extensions }, calendar);
    // d0 + (6 + 3) months = 2026-10-31 (a Saturday) → 11-02; not 07-31 + 3 months
    expect(r.periodLastDay).toBe('2026-10-31');
    expect(r.lastDay).toBe('2026-11-02');
    expect(r.extensions).toEqual(extensions);
    expect(r.rule).toContain('经批准延长3个月（院长 张三，2026-09-01）');
  });

  it('given month-end d0 then L + M months differs from extending the extended date', () => {
    // 2026-08-31 + 6 months = 2027-02-28; + 1 more month from d0 = 2027-03-31 (not 03-28)
    const extensions = [{ n: 1, unit: 'month' as const, approvedBy: '执行局长', approvedAt: '2027-01-20' }];
    const r = computeFromNotation('6个月', { base: at('2026-08-31T10:00'), extensions }, calendar);
    expect(r.periodLastDay).toBe('2027-03-31');
  });

  it('given overlapping exclusions then the overlap counts once', () => {
    const exclusions = [
      { from: '2026-05-06', to: '2026-06-05', reason: '中止' },
      { from: '2026-06-01', to: '2026-06-11', reason: '评估拍卖' },
    ];
    const r = computeFromNotation('6个月', { base: at('2026-03-31T10:00'), exclusions }, calendar);
    expect(r.excludedDays).toBe(36);
    expect(r.lastDay).toBe('2026-11-05');
  });

  it('given an exclusion that ends before it starts then it refuses in Chinese', () => {
    const exclusions = [{ from: '2026-06-05', to: '2026-05-06' }];
    expect(() => computeFromNotation('6个月', { base: at('2026-03-31T10:00'), exclusions }, calendar))
      .toThrow(DeadlineComputeError);
  });

  it('given a month extension on a working-day period then it refuses in Chinese', () => {
    const extensions = [{ n: 1, unit: 'month' as const, approvedBy: 'x', approvedAt: '2026-01-01' }];
    expect(() => computeFromNotation('5个工作日', { base: at('2026-03-31T10:00'), extensions }, calendar))
      .toThrow(/5个工作日不能按日或月延长/);
  });
});

describe('R11 provisional results name the year', () => {
  it('given a period that only spans an unpublished year then that year is listed too', () => {
    // 2026-06-01 + 2年 = 2028-06-01: 2027 is only counted through, still provisional
    const r = computeFromNotation('2年', at('2026-06-01T10:00'), calendar);
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2027, 2028]);
    expect(r.rule).toMatch(/涉及2027、2028年.*结果暂定/);
  });

  it('given a warning of a provisional deadline then the warning is provisional too', () => {
    const r = computeFromNotation('届满前10日预警 6个月', at('2026-08-05T10:00'), calendar);
    expect(r.lastDay).toBe('2027-01-26');
    expect(r.provisionalYears).toEqual([2027]);
    expect(r.of?.provisional).toBe(true);
  });

  it('given a deadline wholly in 2026 then it is not provisional', () => {
    const r = computeFromNotation('二十日内', at('2026-09-15T10:00'), calendar);
    expect(r.provisional).toBe(false);
    expect(r.provisionalYears).toEqual([]);
  });
});

describe('R6 hours, R10 windows, direct dates', () => {
  it('given an event at exactly 09:00 then 次时 is 10:00', () => {
    const r = computeFromNotation('PT24H', at('2026-09-30T09:00'), calendar);
    expect(r.due.toISOString()).toBe('2026-10-01T02:00:00.000Z');
  });

  it('given a task inside the 中院 window on a working day then it is due at once', () => {
    const base = at('2026-10-09T09:15');
    expect(computeFromNotation('分时督办 中院', base, calendar).due).toEqual(base);
  });

  it('given a task before 08:00 on a working day then the window of that morning', () => {
    const r = computeFromNotation('分时督办 中院', at('2026-10-09T07:10'), calendar);
    expect(r.due).toEqual(at('2026-10-09T08:00'));
  });

  it('given a direct date instant then it is the due instant; dateOnly names the last day', () => {
    const spec = parseDeadline('日期 reportDueDate');
    expect(computeDeadline(spec, { base: at('2026-10-08T15:00') }, calendar).due).toEqual(at('2026-10-08T15:00'));
    const d = computeDeadline(spec, { base: at('2026-10-08T00:00'), dateOnly: true }, calendar);
    expect(d.lastDay).toBe('2026-10-08');
    expect(d.due).toEqual(at('2026-10-09T00:00'));
  });

  it('given no valid base then it refuses in Chinese', () => {
    expect(() => computeDeadline(parseDeadline('5日'), { base: new Date('x') }, calendar)).toThrow(/起算时间无效/);
  });
});

describe('R13 audit record', () => {
  it('given 五日内 then the result carries rule, basis, d0, nominal and final E, calendar version', () => {
    const r = computeFromNotation('五日内', at('2026-09-28T15:30'), calendar);
    expect(r).toMatchObject({
      d0: '2026-09-28', nominalLastDay: '2026-10-03', lastDay: '2026-10-08', exclusions: [],
      provisional: false, calendarVersion: 'chinese-days@1.5.7',
    });
    expect(r.rule).toBe('5日：自 2026-09-28 次日起算，第5日为 2026-10-03；末日 2026-10-03 为休息日，顺延至 2026-10-08');
    expect(r.basis).toContain('民事诉讼法第八十五条');
    expect(Object.values(r)).not.toContain(undefined);
  });
});

describe('GET /api/deadline helper', () => {
  it('given from=2026-09-28T15:30+08:00&period=P5D then due, lastDay, provisional, rule', () => {
    const a = addPeriodIso('2026-09-28T15:30:00+08:00', 'P5D', calendar);
    expect(a).toMatchObject({ due: '2026-10-08T16:00:00.000Z', lastDay: '2026-10-08', provisional: false });
    expect(a.rule).toContain('顺延至 2026-10-08');
  });

  it('given a from without offset then it is Beijing time, not the server zone', () => {
    expect(addPeriodIso('2026-12-28', 'P5WD', calendar)).toMatchObject({
      lastDay: '2027-01-05', provisional: true, provisionalYears: [2027],
    });
    expect(addPeriodIso('2026-09-30T09:20', 'PT24H', calendar).due).toBe('2026-10-01T02:00:00.000Z');
    expect(addPeriodIso('2026-01-31T23:30', 'P1M', calendar).lastDay).toBe('2026-02-28');
  });

  it('given a bad from or period then DeadlineSyntaxError in Chinese', () => {
    expect(() => addPeriodIso('yesterday', 'P5D', calendar)).toThrow(/无效的起算时间「yesterday」/);
    expect(() => addPeriodIso('2026-09-28', '5日', calendar)).toThrow(DeadlineSyntaxError);
  });
});
