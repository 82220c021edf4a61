// Recorded deadlines are recomputed only on purpose: an unpublished year's deadline before it
// fires (R11), or an explicit recompute when exclusions (中止 → 恢复) or the calendar change (R9).
import { describe, expect, it } from 'vitest';
import { calendarFromRows, seedHolidays } from '../../../server/calendar';
import { CaseDriver, bj, courts, fixture } from './helpers';

const longTimers = fixture('long-timers.bpmn');

/** The 2027 notice "published", with 春节 running to Friday 02-12 (a made-up notice). */
function calendarWith2027Published() {
  const rows = seedHolidays(2026, 2027).map((r) => (r.year === 2027 ? { ...r, published: true, source: 'admin' } : r));
  for (const date of ['2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']) {
    if (!rows.some((r) => r.date === date)) rows.push({ date, kind: 'rest', year: 2027, published: true, source: 'admin' });
  }
  return calendarFromRows(rows, 'test-2027-notice');
}

async function waitingOnEnforce(filedAt: string, startLocal: string, calendarArg?: ReturnType<typeof calendarWith2027Published>) {
  const c = new CaseDriver(longTimers, { ...courts, filedAt }, calendarArg);
  const r = await c.start(bj(startLocal));
  await c.fire('waitThirtyDays', new Date(r.timers[0].dueAt));
  return c;
}

describe('a provisional deadline (R11)', () => {
  it('is recomputed before it fires and, having moved, is re-armed instead of fired', async () => {
    // given 立案 2026-08-05: six months end on 除夕 2027-02-05 → 2027-02-09, provisional
    const c = await waitingOnEnforce('2026-08-05', '2026-07-01T09:00');
    const expired = c.last.timers.find((t) => t.elementId === 'limitExpired')!;
    expect(expired.deadline.lastDay).toBe('2027-02-09');
    expect(expired.deadline.provisional).toBe(true);
    // when the scheduler fires it at its recorded instant, after the 2027 notice was entered
    const published = calendarWith2027Published();
    const r = await c.send({ type: 'fireTimer', timerId: expired.id }, new Date(expired.dueAt), { calendar: published });
    // then it did not fire: it moved to after the notice's longer holiday, no longer provisional
    expect(r.events.some((e) => e.type === 'timerFired')).toBe(false);
    const moved = r.events.find((e) => e.type === 'timerRescheduled')!;
    expect(moved.data).toMatchObject({ timerId: expired.id, from: expired.dueAt });
    const rearmed = r.timers.find((t) => t.elementId === 'limitExpired')!;
    expect(rearmed.id).toBe(expired.id);
    expect(rearmed.deadline.provisional).toBe(false);
    expect(Date.parse(rearmed.dueAt)).toBeGreaterThan(Date.parse(expired.dueAt));
    expect(c.openElements()).toEqual(['enforce']);
    // and at its new instant it fires
    const end = await c.send({ type: 'fireTimer', timerId: rearmed.id }, new Date(rearmed.dueAt), { calendar: published });
    expect(end.events.some((e) => e.type === 'timerFired' && e.element === 'limitExpired')).toBe(true);
  });
});

describe('an explicit recompute with an excluded period (R9)', () => {
  it('moves the limit, its warning and the task due by the suspension (立案 03-31, 中止 05-06 → 恢复 06-05)', async () => {
    // given 立案 2026-03-31: six months end 2026-09-30
    const c = await waitingOnEnforce('2026-03-31', '2026-02-20T09:00');
    const before = c.last.timers.find((t) => t.elementId === 'limitExpired')!;
    expect(before.deadline.lastDay).toBe('2026-09-30');
    // when the suspension is recorded and the case recomputed
    const r = await c.send({ type: 'recompute' }, bj('2026-06-05T10:00'), {
      exclusions: [{ from: '2026-05-06', to: '2026-06-05', reason: '中止执行' }],
    });
    // then 09-30 + 30 days = 2026-10-30, recorded with its exclusion
    const after = r.timers.find((t) => t.elementId === 'limitExpired')!;
    expect(after.deadline.lastDay).toBe('2026-10-30');
    expect(after.deadline.exclusions).toHaveLength(1);
    expect(r.openTasks[0].due?.lastDay).toBe('2026-10-30');
    expect(r.events.map((e) => e.type)).toEqual(expect.arrayContaining(['timerRescheduled', 'taskDueChanged']));
    // and a later command without exclusions keeps what was recorded
    const later = await c.send({ type: 'recompute' }, bj('2026-07-01T10:00'));
    expect(later.timers.find((t) => t.elementId === 'limitExpired')!.deadline.lastDay).toBe('2026-10-30');
    expect(later.openTasks[0].due?.lastDay).toBe('2026-10-30');
  });
});
