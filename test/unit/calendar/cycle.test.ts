// Timer cycles on the legal calendar (2026 holidays, CALENDAR.md): each occurrence in Beijing
// time, working days skip 国庆 and count the 调休 Saturday, 「…日前」 carries the rolled last day.
import { describe, expect, it } from 'vitest';
import { defaultCalendar, formatCycle, nextOccurrence, parseCycle } from '../../../server/calendar';

const cal = defaultCalendar();
const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const next = (text: string, after: string, start?: string) => {
  const o = nextOccurrence(parseCycle(text), bj(after), cal, start ? bj(start) : undefined);
  return { at: o.at.toISOString(), ...(o.dueBy ? { dueBy: o.dueBy } : {}) };
};

describe('cycle notation', () => {
  it.each([
    ['每个工作日 9:00', { every: 'workday', at: 540 }],
    ['每工作日9点', { every: 'workday', at: 540 }],
    ['每日 8:30', { every: 'day', at: 510 }],
    ['每周一', { every: 'week', weekday: 1, at: 0 }],
    ['每月', { every: 'month', day: 1, at: 0 }],
    ['每月10日前', { every: 'month', day: 10, by: true, at: 0 }],
    ['每季度首月10日前', { every: 'quarter', day: 10, by: true, at: 0 }],
    ['每季度首月十日前', { every: 'quarter', day: 10, by: true, at: 0 }],
    ['每年1月15日前', { every: 'year', month: 1, day: 15, by: true, at: 0 }],
    ['R/2026-01-01T09:00:00+08:00/P1D', { every: 'iso', start: '2026-01-01T01:00:00.000Z', period: { n: 1, unit: 'D' } }],
    ['R5/P1M', { every: 'iso', period: { n: 1, unit: 'M' }, repeat: 5 }],
  ])('%s', (text, expected) => {
    const spec = parseCycle(text);
    expect(spec).toEqual({ kind: 'cycle', ...expected });
    expect(parseCycle(formatCycle(spec))).toEqual(spec);
  });

  it.each(['每', '每月31日', '每个工作日 25:00', '每季度首月10日前 以后', 'R/P0D', '每两周'])('refuses %s in Chinese', (text) => {
    expect(() => parseCycle(text)).toThrow(/[\u4e00-\u9fff]/);
  });
});

describe('occurrences on the 2026 calendar', () => {
  it('每个工作日 9:00 skips 国庆 and takes the 调休 Saturday 10-10', () => {
    expect(next('每个工作日 9:00', '2026-09-30 09:00')).toEqual({ at: bj('2026-10-08 09:00').toISOString() });
    expect(next('每个工作日 9:00', '2026-10-09 09:00')).toEqual({ at: bj('2026-10-10 09:00').toISOString() });
    expect(next('每个工作日 9:00', '2026-10-12 08:59')).toEqual({ at: bj('2026-10-12 09:00').toISOString() });
  });

  it('每季度首月10日前 fires when the quarter starts and is due on the 10th, rolled past rest days', () => {
    // 2026-10-10 is a 调休 working Saturday: no roll.
    expect(next('每季度首月10日前', '2026-07-01 00:00')).toEqual({ at: bj('2026-10-01 00:00').toISOString(), dueBy: '2026-10-10' });
    // 2027-01-10 is a Sunday: the last day rolls to Monday 01-11.
    expect(next('每季度首月10日前', '2026-10-01 00:00')).toEqual({ at: bj('2027-01-01 00:00').toISOString(), dueBy: '2027-01-11' });
    expect(next('每季度首月10日前', '2026-02-14 12:00')).toEqual({ at: bj('2026-04-01 00:00').toISOString(), dueBy: '2026-04-10' });
  });

  it('每月, 每周一, 每年 and ISO cycles', () => {
    expect(next('每月', '2026-01-31 10:00')).toEqual({ at: bj('2026-02-01 00:00').toISOString() });
    expect(next('每月5日', '2026-01-05 00:00')).toEqual({ at: bj('2026-02-05 00:00').toISOString() });
    expect(next('每周一 9:00', '2026-10-07 12:00')).toEqual({ at: bj('2026-10-12 09:00').toISOString() });
    expect(next('每年1月15日前', '2026-03-01 00:00')).toEqual({ at: bj('2027-01-01 00:00').toISOString(), dueBy: '2027-01-15' });
    expect(next('R/2026-01-01T09:00:00+08:00/P1D', '2026-03-01 09:00')).toEqual({ at: bj('2026-03-02 09:00').toISOString() });
    expect(next('R/P1M', '2026-01-31 10:00', '2026-01-31 10:00')).toEqual({ at: bj('2026-02-28 10:00').toISOString() });
  });
});
