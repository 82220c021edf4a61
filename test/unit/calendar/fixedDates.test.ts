// Fixed dates as regulations write them (Shandong 6月10日前, Yunnan 2018年3月底前) in the deadline
// notation, with warnings before them; and the package parameter kinds that accept them.
import { describe, expect, it } from 'vitest';
import { computeDeadline, defaultCalendar, formatDeadline, parseDeadline } from '../../../server/calendar';
import { parameterKindProblem } from '../../../server/packages/parameterKind';

const cal = defaultCalendar();

describe('fixed dates in the notation', () => {
  it.each([
    ['2018年3月底前', 'date("2018-03-31")'],
    ['日期 2018年3月底前', 'date("2018-03-31")'],
    ['2026年2月底', 'date("2026-02-28")'],
    ['2018-03-31', 'date("2018-03-31")'],
    ['2026年六月十日前', 'date("2026-06-10")'],
    ['6月10日前', 'date(today().year, 6, 10)'],
    ['12月底前', 'date(today().year, 12, 1) + duration("P1M") - duration("P1D")'],
  ])('%s', (text, feel) => {
    const spec = parseDeadline(text);
    expect(spec).toMatchObject({ kind: 'date', expr: feel });
    expect(parseDeadline(formatDeadline(spec))).toEqual(spec);
  });

  it.each(['2026年2月30日前', '13月1日前', '2018-02-30', '6月31日前'])('refuses %s in Chinese', (text) => {
    expect(() => parseDeadline(text)).toThrow(/[\u4e00-\u9fff]/);
  });

  it('届满前10日预警 2026年6月10日前: the warning day (R7) and the date itself (ends at 24:00)', () => {
    const warning = computeDeadline(parseDeadline('届满前10日预警 2026年6月10日前'), { base: new Date('2026-06-10T00:00:00+08:00'), dateOnly: true }, cal);
    // 06-10 − 10 = 05-31, a Sunday: moved back to Friday 05-29 (R7).
    expect(warning.due.toISOString()).toBe(new Date('2026-05-29T00:00:00+08:00').toISOString());
    const due = computeDeadline(parseDeadline('2026年6月10日前'), { base: new Date('2026-06-10T00:00:00+08:00'), dateOnly: true }, cal);
    expect(due.lastDay).toBe('2026-06-10');
  });
});

describe('parameter kinds', () => {
  it('a date parameter takes fixed dates and their warnings, not periods', () => {
    expect(parameterKindProblem('date', '6月10日前')).toBeUndefined();
    expect(parameterKindProblem('date', '届满前10日预警 2018年3月底前')).toBeUndefined();
    expect(parameterKindProblem('date', '20日')).toMatch(/不是固定日期/);
    expect(parameterKindProblem('cycle', '每季度首月10日前')).toBeUndefined();
    expect(parameterKindProblem('cycle', '20日')).toMatch(/[\u4e00-\u9fff]/);
    expect(parameterKindProblem(undefined, '20日')).toBeUndefined();
  });
});
