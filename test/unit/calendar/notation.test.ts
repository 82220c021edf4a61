// The deadline notation (server/calendar/NOTATION.md): every form parses, formats and round-trips.
import { describe, expect, it } from 'vitest';
import {
  DeadlineSyntaxError, baseExpression, formatChineseNumeral, formatDeadline, parseChineseNumeral,
  parseDeadline, parsePeriodIso, type DeadlineSpec,
} from '../../../server/calendar';

const period = (n: number, unit: 'day' | 'workday' | 'month' | 'year' | 'hour', from?: string): DeadlineSpec =>
  from ? { kind: 'period', period: { n, unit }, from } : { kind: 'period', period: { n, unit } };

describe('notation: periods', () => {
  it.each([
    ['5日', period(5, 'day')],
    ['五日', period(5, 'day')],
    ['五日内', period(5, 'day')],
    ['5天', period(5, 'day')],
    ['十日以内', period(10, 'day')],
    ['二十日内', period(20, 'day')],
    ['三十日', period(30, 'day')],
    ['P5D', period(5, 'day')],
    ['5个工作日', period(5, 'workday')],
    ['七个工作日内', period(7, 'workday')],
    ['P5WD', period(5, 'workday')],
    ['1个月', period(1, 'month')],
    ['一个月内', period(1, 'month')],
    ['两个月', period(2, 'month')],
    ['P1M', period(1, 'month')],
    ['1年', period(1, 'year')],
    ['三年', period(3, 'year')],
    ['P1Y', period(1, 'year')],
    ['24小时', period(24, 'hour')],
    ['PT24H', period(24, 'hour')],
    ['５日', period(5, 'day')], // full-width digits as typed with a Chinese IME
  ])('given "%s" when parsed then it is the period %o', (text, spec) => {
    expect(parseDeadline(text)).toEqual(spec);
  });

  it.each([
    ['20日 自 letterReceivedAt'],
    ['二十日内 自 letterReceivedAt'],
    ['自 letterReceivedAt 起 20日'],
    ['自letterReceivedAt起二十日内'],
    ['自 letterReceivedAt 之日起 20日内'],
    ['20日 自 letterReceivedAt 起'],
    ['P20D 自 letterReceivedAt'],
  ])('given the base form "%s" when parsed then it counts 20日 from letterReceivedAt', (text) => {
    expect(parseDeadline(text)).toEqual(period(20, 'day', 'letterReceivedAt'));
  });

  it('given a FEEL expression as base when parsed then the whole expression is kept', () => {
    const spec = parseDeadline('6个月 自 date(filedAt) + duration("P1D")');
    expect(spec).toEqual(period(6, 'month', 'date(filedAt) + duration("P1D")'));
    expect(baseExpression(spec)).toBe('date(filedAt) + duration("P1D")');
  });
});

describe('notation: derived forms, windows, dates', () => {
  it('given "届满前10日预警 6个月 自 filedAt" when parsed then it warns 10 days before that deadline', () => {
    const spec = parseDeadline('届满前10日预警 6个月 自 filedAt');
    expect(spec).toEqual({ kind: 'warning', days: 10, of: period(6, 'month', 'filedAt') });
    expect(parseDeadline('届满前十日预警六个月自filedAt')).toEqual(spec);
    expect(baseExpression(spec)).toBe('filedAt');
  });

  it('given "逾期10天 <deadline>" when parsed then it is the overdue form of that deadline', () => {
    const spec = parseDeadline('逾期十天 20日 自 letterReceivedAt');
    expect(spec).toEqual({ kind: 'overdue', days: 10, of: period(20, 'day', 'letterReceivedAt') });
    expect(parseDeadline('逾期10日 日期 reportDueDate')).toEqual({
      kind: 'overdue', days: 10, of: { kind: 'date', expr: 'reportDueDate' },
    });
  });

  it('given "分时督办 中院" / "分时督办 高院" when parsed then they are windows', () => {
    expect(parseDeadline('分时督办 中院')).toEqual({ kind: 'window', window: '中院' });
    expect(parseDeadline('分时督办高院')).toEqual({ kind: 'window', window: '高院' });
    expect(parseDeadline('分时督办 高院 自 assignedAt')).toEqual({ kind: 'window', window: '高院', from: 'assignedAt' });
  });

  it('given "日期 <FEEL>" when parsed then it is a direct date', () => {
    expect(parseDeadline('日期 reportDueDate')).toEqual({ kind: 'date', expr: 'reportDueDate' });
    expect(parseDeadline('日期：date(letter.due)')).toEqual({ kind: 'date', expr: 'date(letter.due)' });
  });
});

describe('notation: format and round trip', () => {
  const specs: DeadlineSpec[] = [
    period(5, 'day'), period(5, 'workday', 'letterReceivedAt'), period(1, 'month'), period(2, 'month'),
    period(1, 'year', 'filedAt'), period(24, 'hour'), period(120, 'day'), period(105, 'day'),
    { kind: 'warning', days: 10, of: period(6, 'month', 'filedAt') },
    { kind: 'overdue', days: 10, of: period(20, 'day', 'letterReceivedAt') },
    { kind: 'overdue', days: 10, of: { kind: 'date', expr: 'reportDueDate' } },
    { kind: 'window', window: '中院' }, { kind: 'window', window: '高院', from: 'assignedAt' },
    { kind: 'date', expr: 'reportDueDate' },
  ];
  it.each(specs.map((s) => [formatDeadline(s), s]))('given %s when formatted and parsed again then it is unchanged', (_t, spec) => {
    expect(parseDeadline(formatDeadline(spec))).toEqual(spec);
    expect(parseDeadline(formatDeadline(spec, { numerals: 'chinese' }))).toEqual(spec);
  });

  it('given specs when formatted then the text reads as Chinese', () => {
    expect(formatDeadline(period(20, 'day', 'letterReceivedAt'))).toBe('20日 自 letterReceivedAt');
    expect(formatDeadline(period(5, 'workday'), { numerals: 'chinese' })).toBe('五个工作日');
    expect(formatDeadline(period(2, 'month'), { numerals: 'chinese' })).toBe('两个月');
    expect(formatDeadline(specs[8], { numerals: 'chinese' })).toBe('届满前十日预警 六个月 自 filedAt');
    expect(formatDeadline(specs[9])).toBe('逾期10天 20日 自 letterReceivedAt');
  });

  it('given Chinese numerals when parsed then 一..十, 二十, 三十, 一百零五 are numbers', () => {
    const cases: [string, number][] = [
      ['一', 1], ['两', 2], ['十', 10], ['十五', 15], ['二十', 20], ['二十五', 25], ['三十', 30],
      ['一百', 100], ['一百零五', 105], ['一百二十', 120], ['一千零五十', 1050],
    ];
    for (const [text, n] of cases) {
      expect(parseChineseNumeral(text)).toBe(n);
      if (text !== '两') expect(formatChineseNumeral(n)).toBe(text);
    }
    for (const bad of ['十十', '二三', '百', '一百五', 'x']) expect(parseChineseNumeral(bad)).toBeUndefined();
  });
});

describe('notation: errors name what is wrong, in Chinese', () => {
  it.each([
    ['', /期限为空/],
    ['   ', /期限为空/],
    ['5周', /无法识别的期间单位「周」/],
    ['半年', /不支持「半年」/],
    ['五', /「五」之后缺少期间单位/],
    ['十十日', /无法识别期间中的数字「十十」/],
    ['0日', /必须大于零/],
    ['P5X', /无效的 ISO 期间「P5X」/],
    ['20日 自', /「自」之后缺少起算基准/],
    ['自 letterReceivedAt 起', /缺少期间/],
    ['5日 letterReceivedAt', /无法理解「letterReceivedAt」/],
    ['分时督办', /须指明「中院」.*或「高院」/],
    ['分时督办 基层', /须指明/],
    ['届满前10日预警', /预警缺少所依据的期限/],
    ['届满前十个工作日 5日', /届满前N日预警/],
    ['逾期十天 分时督办 中院', /逾期只能针对期间或日期/],
    ['逾期 5日', /逾期缺少所依据的期限/],
    ['逾期未报告', /逾期N天/],
    ['日期', /「日期」之后缺少 FEEL 表达式/],
  ])('given "%s" when parsed then DeadlineSyntaxError %s', (text, message) => {
    let error: unknown;
    try {
      parseDeadline(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeadlineSyntaxError);
    expect((error as Error).message).toMatch(message);
    expect((error as DeadlineSyntaxError).text).toBe(text);
  });

  it('given the API periods when parsed then only ISO forms are accepted', () => {
    expect(parsePeriodIso('P5D')).toEqual({ n: 5, unit: 'day' });
    expect(parsePeriodIso('P5WD')).toEqual({ n: 5, unit: 'workday' });
    expect(parsePeriodIso('P1M')).toEqual({ n: 1, unit: 'month' });
    expect(parsePeriodIso('PT24H')).toEqual({ n: 24, unit: 'hour' });
    expect(() => parsePeriodIso('5日')).toThrow(DeadlineSyntaxError);
    expect(() => parsePeriodIso('P5D 自 x')).toThrow(/应为 P5D、P5WD、P1M、P1Y 或 PT24H/);
  });
});
