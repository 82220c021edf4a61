// R11: entering a year's notice recomputes the stored deadlines and lists what changed.
import { describe, expect, it } from 'vitest';
import {
  buildCalendar, computeDeadline, confirmOverdue, defaultCalendar, parseDeadline, recomputeDeadlines,
  seedHolidays, type DeadlineRecord,
} from '../../../server/calendar';

const at = (beijing: string) => new Date(`${beijing}+08:00`);
const before = defaultCalendar();
// The 2027 notice as an administrator might enter it: 春节 02-05 … 02-11, 元旦 01-01.
const days = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `2027-02-${String(a + i).padStart(2, '0')}`);
const notice = [
  { date: '2027-01-01', kind: 'rest' as const },
  ...days(5, 11).map((date) => ({ date, kind: 'rest' as const })),
];
const after = buildCalendar([...seedHolidays(2026, 2026), ...notice], [2026, 2027], 'holidays-v2');

function record(id: string, notation: string, event: string): DeadlineRecord & { id: string } {
  const spec = parseDeadline(notation);
  const input = { base: at(event) };
  return { id, spec, input, result: computeDeadline(spec, input, before) };
}

describe('recomputeDeadlines', () => {
  const execLimit = record('case-1/execLimit', '六个月 自 filedAt', '2026-08-05T10:00');
  const report = record('case-2/report', '二十日内', '2026-09-15T10:00');
  const fiveDays = record('case-3/ack', '五个工作日', '2026-12-28T10:00');

  it('given the 2027 notice then the 除夕 deadline moves from 2027-02-09 to 2027-02-12', () => {
    expect(execLimit.result).toMatchObject({ lastDay: '2027-02-09', provisional: true });
    const [change] = recomputeDeadlines([execLimit], after);
    expect(change.record.id).toBe('case-1/execLimit');
    expect(change.dueChanged).toBe(true);
    expect(change.before.lastDay).toBe('2027-02-09');
    expect(change.after).toMatchObject({ lastDay: '2027-02-12', provisional: false, calendarVersion: 'holidays-v2' });
    expect(change.summary).toBe('期限由 2027-02-09 变更为 2027-02-12，已按公布的放假安排确定（日历版本 holidays-v2）');
  });

  it('given a deadline whose date stays then it is listed only because it is no longer provisional', () => {
    const [change] = recomputeDeadlines([fiveDays], after);
    expect(change.dueChanged).toBe(false);
    expect(change.after).toMatchObject({ lastDay: '2027-01-05', provisional: false });
    expect(change.summary).toMatch(/^期限 2027-01-05 不变，已按公布的放假安排确定/);
  });

  it('given a 2026 deadline then nothing changes and it is not listed', () => {
    expect(recomputeDeadlines([report], after)).toEqual([]);
  });

  it('given a years filter then only records touching those years are recomputed', () => {
    const changes = recomputeDeadlines([execLimit, report, fiveDays], after, { years: [2027] });
    expect(changes.map((c) => c.record.id)).toEqual(['case-1/execLimit', 'case-3/ack']);
  });
});

describe('confirmOverdue', () => {
  const execLimit = record('case-1/execLimit', '六个月', '2026-08-05T10:00');

  it('given a provisional deadline whose stored due has passed then it recomputes before declaring it overdue', () => {
    const now = at('2027-02-10T09:00'); // past the provisional due 2027-02-10 00:00
    const verdict = confirmOverdue(execLimit, now, after);
    expect(verdict).toMatchObject({ overdue: false, recomputed: true });
    expect(verdict.result.lastDay).toBe('2027-02-12');
  });

  it('given a published deadline then the stored result decides', () => {
    const r = record('x', '二十日内', '2026-09-15T10:00');
    expect(confirmOverdue(r, at('2026-10-09T00:00'), after)).toMatchObject({ overdue: true, recomputed: false });
    expect(confirmOverdue(r, at('2026-10-08T23:59'), after).overdue).toBe(false);
  });
});
