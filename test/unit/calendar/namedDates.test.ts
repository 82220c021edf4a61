// Named dates in the notation (本月末, 本季度末, 本年末, 次月N日) and the data dictionary's
// labels: parsed, formatted back, evaluated by the engine's FEEL on the platform clock, and
// shown/typed by Chinese label.
import { describe, expect, it } from 'vitest';
import {
  DeadlineSyntaxError, dictionaryProblems, formatDeadline, labelsToNames, namedDateFeel, namedDateOf, namesToLabels, parseDeadline,
} from '../../../server/calendar';
import { evaluate, fromFeel } from '../../../server/engine/feel';

const on = (iso: string) => new Date(`${iso}T04:00:00Z`); // noon in Beijing
const value = (name: string, day: string) => fromFeel(evaluate(namedDateFeel(name)!, {}, { now: on(day) }).value);

describe('named dates', () => {
  it.each([
    ['本月末', '2026-02-10', '2026-02-28'], ['本月末', '2028-02-10', '2028-02-29'], ['本月末', '2026-12-31', '2026-12-31'],
    ['本季度末', '2026-01-01', '2026-03-31'], ['本季度末', '2026-05-20', '2026-06-30'], ['本季度末', '2026-09-30', '2026-09-30'], ['本季度末', '2026-11-02', '2026-12-31'],
    ['本年末', '2026-07-01', '2026-12-31'],
    ['次月10日', '2026-01-31', '2026-02-10'], ['次月10日', '2026-12-05', '2027-01-10'], ['次月1日', '2026-06-15', '2026-07-01'],
  ])('%s on %s is %s', (name, day, expected) => {
    expect(value(name, day)).toBe(expected);
  });

  it('parses as a date, with or without 日期, and formats back by name', () => {
    for (const text of ['日期 本季度末', '本季度末', '日期：本季度末']) {
      const spec = parseDeadline(text);
      expect(spec).toEqual({ kind: 'date', expr: namedDateFeel('本季度末'), named: '本季度末' });
      expect(formatDeadline(spec)).toBe('日期 本季度末');
      expect(parseDeadline(formatDeadline(spec))).toEqual(spec);
    }
    expect(parseDeadline('逾期10天 本年末')).toEqual({ kind: 'overdue', days: 10, of: { kind: 'date', expr: 'date(today().year, 12, 31)', named: '本年末' } });
    expect(parseDeadline('届满前5日预警 次月10日')).toMatchObject({ kind: 'warning', days: 5, of: { named: '次月10日' } });
    expect(parseDeadline('5日 自 本月末')).toMatchObject({ kind: 'period', from: namedDateFeel('本月末') });
    expect(namedDateFeel('次月十日')).toBe(namedDateFeel('次月10日'));
  });

  it('refuses 次月29日 and later with a Chinese reason; other text is left to the grammar', () => {
    expect(() => parseDeadline('日期 次月30日')).toThrow(DeadlineSyntaxError);
    expect(() => parseDeadline('次月31日')).toThrow(/1–28.*本月末/);
    expect(parseDeadline('日期 reportDueDate')).toEqual({ kind: 'date', expr: 'reportDueDate' });
    expect(() => parseDeadline('下季度末')).toThrow(DeadlineSyntaxError);
  });

  it('recognises the FEEL of a named date (the shipped 季度通报 timer)', () => {
    const shipped = '(if today().month >= 10 then date(today().year + 1, 1, 1) else date(today().year, floor((today().month - 1) / 3) * 3 + 4, 1)) - duration("P1D")';
    expect(namedDateOf(shipped)).toBe('本季度末');
    expect(namedDateOf(namedDateFeel('次月15日')!)).toBe('次月15日');
    expect(namedDateOf('date(today().year, 6, 30)')).toBeUndefined();
    expect(namesToLabels(`日期 ${shipped}`, [])).toBe('日期 本季度末');
  });
});

describe('data dictionary in deadlines', () => {
  const dict = [
    { name: 'complaintReceivedAt', label: '收到信访材料之日' },
    { name: 'letterReceivedAt', label: '收到督办函之日' },
    { name: 'reviewComplaint.instructionReceivedAt', label: '收到批示之日' },
  ];

  it('shows names by label, whole identifiers only', () => {
    expect(namesToLabels('5日 自 complaintReceivedAt', dict)).toBe('5日 自 收到信访材料之日');
    expect(namesToLabels('7个工作日 自 reviewComplaint.instructionReceivedAt', dict)).toBe('7个工作日 自 收到批示之日');
    expect(namesToLabels('逾期10天 {reportPeriod} 自 letterReceivedAt', dict)).toBe('逾期10天 {reportPeriod} 自 收到督办函之日');
    expect(namesToLabels('5日 自 letterReceivedAtCourt', dict)).toBe('5日 自 letterReceivedAtCourt');
    expect(namesToLabels('日期 date(x.letterReceivedAt)', dict)).toBe('日期 date(x.letterReceivedAt)');
  });

  it('accepts the label when typing, and the result parses to the stored spec', () => {
    const typed = labelsToNames('5日 自 收到信访材料之日', dict);
    expect(typed).toBe('5日 自 complaintReceivedAt');
    expect(parseDeadline(typed)).toEqual(parseDeadline('5日 自 complaintReceivedAt'));
    expect(labelsToNames('自 收到督办函之日起 二十日内', dict)).toBe('自 letterReceivedAt起 二十日内');
    expect(parseDeadline(labelsToNames('自 收到督办函之日起 二十日内', dict))).toMatchObject({ from: 'letterReceivedAt', period: { n: 20, unit: 'day' } });
    expect(labelsToNames(namesToLabels('7个工作日 自 reviewComplaint.instructionReceivedAt', dict), dict)).toBe('7个工作日 自 reviewComplaint.instructionReceivedAt');
  });

  it('refuses duplicate, ambiguous or unusable labels', () => {
    expect(dictionaryProblems(dict)).toEqual([]);
    const bad = dictionaryProblems([...dict, { name: 'x', label: '收到信访材料之日' }, { name: 'complaintReceivedAt', label: '日期甲' }, { name: 'y', label: '收到 督办函' }]);
    expect(bad.map((p) => p.message)).toEqual([
      expect.stringContaining('「收到信访材料之日」在数据字典中重复'), expect.stringContaining('变量「complaintReceivedAt」在数据字典中重复'),
      expect.stringContaining('关键字'), expect.stringContaining('不能含空白'),
    ]);
    // One label inside another is fine: the longer is read first.
    const courts = [{ name: 'supervisingCourt', label: '督办法院' }, { name: 'supervisedCourt', label: '被督办法院' }];
    expect(dictionaryProblems(courts)).toEqual([]);
    expect(labelsToNames('被督办法院 督办法院', courts)).toBe('supervisedCourt supervisingCourt');
    expect(namesToLabels('supervisedCourt supervisingCourt', courts)).toBe('被督办法院 督办法院');
  });
});
