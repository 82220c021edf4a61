// CALENDAR.md "Worked examples (2026 calendar)": one test per row, named with the table's words.
import { describe, expect, it } from 'vitest';
import { computeFromNotation, defaultCalendar, type DeadlineResult } from '../../../server/calendar';

const calendar = defaultCalendar();
const at = (beijing: string) => new Date(`${beijing}+08:00`);
const compute = (notation: string, event: string, extra = {}): DeadlineResult =>
  computeFromNotation(notation, { base: at(event), ...extra }, calendar);
const bj = (iso: string) => new Date(iso).getTime();

describe('CALENDAR.md worked examples', () => {
  it('五日内审查完毕, 2026-09-28 15:30: day 5 = 10-03 (国庆) → last day 2026-10-08, due 2026-10-09T00:00+08:00', () => {
    // given an event on 2026-09-28 15:30 and the rule "五日内"
    // when the deadline is computed
    const r = compute('五日内 自 complaintReceivedAt', '2026-09-28T15:30');
    // then day 5 is 10-03, a 国庆 rest day, and the last day rolls to 10-08 (民诉法 85条)
    expect(r.d0).toBe('2026-09-28');
    expect(r.nominalLastDay).toBe('2026-10-03');
    expect(r.lastDay).toBe('2026-10-08');
    expect(r.due.getTime()).toBe(bj('2026-10-09T00:00:00+08:00'));
    expect(r.provisional).toBe(false);
  });

  it('三日内制作督办函, 2026-10-09 17:00 → 2026-10-12', () => {
    const r = compute('三日内', '2026-10-09T17:00');
    expect(r.lastDay).toBe('2026-10-12');
    expect(r.due.getTime()).toBe(bj('2026-10-13T00:00:00+08:00'));
  });

  it('三日内, 2026-10-07 → 2026-10-10 (调休 Saturday, a working day: no roll)', () => {
    const r = compute('三日内', '2026-10-07T09:00');
    expect(r.nominalLastDay).toBe('2026-10-10');
    expect(r.lastDay).toBe('2026-10-10');
  });

  it('五个工作日, 2026-09-30 16:00 or 2026-10-03 → 2026-10-13', () => {
    // given either event; then the 5th working day after it: 10-08, 10-09, 10-10 (调休), 10-12, 10-13
    for (const event of ['2026-09-30T16:00', '2026-10-03T10:00']) {
      const r = compute('五个工作日', event);
      expect(r.lastDay).toBe('2026-10-13');
      expect(r.due.getTime()).toBe(bj('2026-10-14T00:00:00+08:00'));
    }
  });

  it('二十日内组织听证, 2026-09-15: day 20 = 10-05 → 2026-10-08', () => {
    const r = compute('二十日内', '2026-09-15T10:00');
    expect(r.nominalLastDay).toBe('2026-10-05');
    expect(r.lastDay).toBe('2026-10-08');
  });

  it("逾期十天, report's last day 2026-10-08 → fires 2026-10-19T00:00+08:00", () => {
    // given the report deadline of the previous row (last day 10-08 after the roll)
    const fromPeriod = compute('逾期十天 二十日内 自 letterReceivedAt', '2026-09-15T10:00');
    // or a last day a form set as a date
    const fromDate = compute('逾期十天 日期 reportDueDate', '2026-10-08T00:00', { dateOnly: true });
    // then both fire at the start of E + 10 + 1, without a roll
    for (const r of [fromPeriod, fromDate]) {
      expect(r.of?.lastDay).toBe('2026-10-08');
      expect(r.due.getTime()).toBe(bj('2026-10-19T00:00:00+08:00'));
    }
  });

  it('六个月 执行期限, 立案 2026-04-11: 10-11 (Sunday) → 2026-10-12; 届满前10日预警 on 09-30 (10-01 is a holiday, moved back)', () => {
    const r = compute('六个月 自 filedAt', '2026-04-11T10:00');
    expect(r.nominalLastDay).toBe('2026-10-11');
    expect(r.lastDay).toBe('2026-10-12');
    const w = compute('届满前10日预警 六个月 自 filedAt', '2026-04-11T10:00');
    expect(w.nominalLastDay).toBe('2026-10-01');
    expect(w.lastDay).toBe('2026-09-30');
    expect(w.due.getTime()).toBe(bj('2026-09-30T00:00:00+08:00'));
  });

  it('六个月, 立案 2026-04-20 → 2026-10-20; 10-day warning 2026-10-10 (调休 Saturday)', () => {
    expect(compute('六个月', '2026-04-20T10:00').lastDay).toBe('2026-10-20');
    const w = compute('届满前十日预警 六个月', '2026-04-20T10:00');
    expect(w.lastDay).toBe('2026-10-10');
    expect(w.due.getTime()).toBe(bj('2026-10-10T00:00:00+08:00'));
  });

  it('一个月, 2026-01-31 → 2026-02-28 (no Feb 31; a 调休 working Saturday)', () => {
    const r = compute('一个月', '2026-01-31T10:00');
    expect(r.nominalLastDay).toBe('2026-02-28');
    expect(r.lastDay).toBe('2026-02-28');
  });

  it('一个月, 2026-01-15: 02-15 is 春节 → 2026-02-24', () => {
    const r = compute('一个月', '2026-01-15T10:00');
    expect(r.nominalLastDay).toBe('2026-02-15');
    expect(r.lastDay).toBe('2026-02-24');
  });

  it('六个月 + 中止 05-06 → 恢复 06-05, 立案 2026-03-31: 09-30 + 30 days → 2026-10-30', () => {
    const exclusions = [{ from: '2026-05-06', to: '2026-06-05', reason: '中止' }];
    const r = compute('六个月 自 filedAt', '2026-03-31T10:00', { exclusions });
    expect(r.periodLastDay).toBe('2026-09-30');
    expect(r.excludedDays).toBe(30);
    expect(r.lastDay).toBe('2026-10-30');
    expect(r.exclusions).toEqual(exclusions);
  });

  it('六个月, 立案 2026-08-05: 2027-02-05 is 除夕 → 2027-02-09, provisional (2027)', () => {
    const r = compute('六个月', '2026-08-05T10:00');
    expect(r.nominalLastDay).toBe('2027-02-05');
    expect(r.lastDay).toBe('2027-02-09');
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2027]);
    expect(r.rule).toContain('2027年');
  });

  it('五个工作日, 2026-12-28 → 2027-01-05, provisional', () => {
    const r = compute('五个工作日', '2026-12-28T10:00');
    expect(r.lastDay).toBe('2027-01-05');
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2027]);
  });

  it('24小时, 2026-09-30 09:20 → 2026-10-01 10:00', () => {
    // 次时 = 10:00; no roll although 10-01 is 国庆
    const r = compute('24小时', '2026-09-30T09:20');
    expect(r.due.getTime()).toBe(bj('2026-10-01T10:00:00+08:00'));
  });

  it('分时督办 中院, task at 2026-09-30 10:30 → next window 2026-10-08 08:00', () => {
    const r = compute('分时督办 中院', '2026-09-30T10:30');
    expect(r.due.getTime()).toBe(bj('2026-10-08T08:00:00+08:00'));
  });

  it('分时督办 中院, task at 2026-10-09 10:20 → 2026-10-10 08:00 (调休 Saturday)', () => {
    const r = compute('分时督办 中院', '2026-10-09T10:20');
    expect(r.due.getTime()).toBe(bj('2026-10-10T08:00:00+08:00'));
  });

  it('分时督办 高院, task at 2026-10-10 11:00 → 2026-10-12 10:00', () => {
    const r = compute('分时督办 高院', '2026-10-10T11:00');
    expect(r.due.getTime()).toBe(bj('2026-10-12T10:00:00+08:00'));
  });
});
