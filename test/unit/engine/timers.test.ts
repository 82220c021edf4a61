// Durable timers: due instants come from the legal calendar and the platform clock; a timer
// fires only when the runner is told to fire it, never by itself, never a millisecond early.
import { describe, expect, it } from 'vitest';
import { TimerNotArmed, TimerNotDue } from '../../../server/engine';
import { CaseDriver, bj, courts, fixture } from './helpers';

const review = fixture('review.bpmn');

describe('an interrupting boundary timer on a user task', () => {
  it('is due at the calendar-computed instant (5日 from 2026-09-28 15:30 → 2026-10-09 00:00 +08:00)', async () => {
    // given a complaint received during the 国庆 run-up
    const c = new CaseDriver(review);
    // when the case starts
    const r = await c.start(bj('2026-09-28T15:30'));
    // then the deadline rolled past the holiday to the end of 10-08
    const overdue = r.timers.find((t) => t.elementId === 'reviewOverdue')!;
    expect(overdue.kind).toBe('interrupting');
    expect(overdue.attachedTo).toBe('reviewComplaint');
    expect(overdue.dueAt).toBe(bj('2026-10-09T00:00').toISOString());
    expect(overdue.deadline.lastDay).toBe('2026-10-08');
    expect(overdue.deadline.nominalLastDay).toBe('2026-10-03');
    expect(overdue.notation).toBe('5日');
    expect(overdue.basis).toBe('海南办法 第四条');
    expect(r.nextDueAt).toBe(overdue.dueAt);
  });

  it('is not fired by a resume although the real clock is past it, and refuses to fire a millisecond early', async () => {
    // given a case whose deadline is long past on the machine's real clock
    const c = new CaseDriver(review);
    await c.start(bj('2026-09-28T15:30'));
    const due = bj('2026-10-09T00:00').getTime();
    // when the case is resumed (recompute) at the platform instant one ms before the deadline
    const resumed = await c.send({ type: 'recompute' }, new Date(due - 1));
    // then nothing fired on its own
    expect(resumed.events.filter((e) => e.type === 'timerFired')).toEqual([]);
    expect(c.openElements()).toEqual(['reviewComplaint']);
    // and firing one millisecond early is refused, leaving the case as it was
    await expect(c.fire('reviewOverdue', new Date(due - 1))).rejects.toBeInstanceOf(TimerNotDue);
    expect(c.openElements()).toEqual(['reviewComplaint']);
    // when it is fired at the due instant
    const fired = await c.fire('reviewOverdue', new Date(due));
    // then the task is cancelled and the overdue path taken
    expect(fired.events.map((e) => e.type)).toEqual(expect.arrayContaining(['timerFired', 'taskCancelled', 'eventReached']));
    expect(fired.events.find((e) => e.type === 'eventReached')?.element).toBe('overdueNotice');
    expect(fired.status).toBe('completed');
    expect(fired.state).toBeNull();
  });

  it.each([
    ['2020 (years before the real clock)', '2020-03-02T09:00', '2020-03-10T00:00', false],
    ['2031 (years after the real clock, unpublished year)', '2031-06-02T10:00', '2031-06-10T00:00', true],
  ])('fires exactly at its due instant in %s', async (_label, startLocal, dueLocal, provisional) => {
    // given a case started on a platform clock far from the real one (5日 ends on a Saturday)
    const c = new CaseDriver(review);
    const r = await c.start(bj(startLocal));
    const overdue = r.timers.find((t) => t.elementId === 'reviewOverdue')!;
    // then the due instant is the Monday after, computed on the platform clock
    expect(overdue.dueAt).toBe(bj(dueLocal).toISOString());
    expect(overdue.deadline.provisional).toBe(provisional);
    // when fired a millisecond early it refuses; at the instant it fires
    const due = bj(dueLocal).getTime();
    await expect(c.fire('reviewOverdue', new Date(due - 1))).rejects.toBeInstanceOf(TimerNotDue);
    const fired = await c.fire('reviewOverdue', new Date(due));
    expect(fired.events.some((e) => e.type === 'timerFired' && e.element === 'reviewOverdue')).toBe(true);
    expect(fired.status).toBe('completed');
  });
});

describe('timers due at the same instant', () => {
  it('list the interrupting deadline before the warning, so "fire the earliest" cancels the warning', async () => {
    // given 3日 and 5日 from 2026-09-28: both roll past 国庆 to the end of 10-08
    const c = new CaseDriver(review);
    const r = await c.start(bj('2026-09-28T15:30'));
    expect(new Set(r.timers.map((t) => t.dueAt)).size).toBe(1);
    // then the deadline is listed first, and firing it leaves no warning to send
    expect(r.timers.map((t) => t.elementId)).toEqual(['reviewOverdue', 'reviewWarning']);
    const fired = await c.send({ type: 'fireTimer', timerId: r.timers[0].id }, new Date(r.timers[0].dueAt));
    expect(fired.timers).toEqual([]);
    expect(fired.events.filter((e) => e.type === 'timerFired').map((e) => e.element)).toEqual(['reviewOverdue']);
  });
});

describe('a non-interrupting boundary timer', () => {
  it('leaves the task open and the other timer armed', async () => {
    // given a case waiting on 审查信访材料 with a 3日 warning
    const c = new CaseDriver(review);
    const r = await c.start(bj('2026-11-02T09:00'));
    const warning = r.timers.find((t) => t.elementId === 'reviewWarning')!;
    expect(warning.kind).toBe('non-interrupting');
    // when the warning fires
    const fired = await c.fire('reviewWarning', new Date(warning.dueAt));
    // then the task stays open, the notice is reached, the deadline still runs
    expect(c.openElements()).toEqual(['reviewComplaint']);
    expect(fired.openTasks[0].id).toBe(r.openTasks[0].id);
    expect(c.timerElements()).toEqual(['reviewOverdue']);
    expect(fired.events.find((e) => e.type === 'eventReached')?.element).toBe('warningNotice');
    // and firing it again is refused
    await expect(c.send({ type: 'fireTimer', timerId: warning.id }, new Date(warning.dueAt))).rejects.toBeInstanceOf(TimerNotArmed);
  });
});

describe('long timers (P30D, 6个月)', () => {
  it('fire when told, with the CALENDAR.md results for 立案 2026-04-11', async () => {
    // given a case filed 2026-04-11 that first waits 30 days
    const c = new CaseDriver(fixture('long-timers.bpmn'), { ...courts, filedAt: '2026-04-11' });
    const r = await c.start(bj('2026-03-01T10:00'));
    expect(r.timers).toHaveLength(1);
    expect(r.timers[0]).toMatchObject({ elementId: 'waitThirtyDays', kind: 'intermediate', dueAt: bj('2026-04-01T00:00').toISOString() });
    // when the P30D timer is fired
    const after30 = await c.fire('waitThirtyDays', bj('2026-04-01T00:00'));
    // then the task opens with its six-month limit and its warning
    const task = after30.openTasks[0];
    expect(task.elementId).toBe('enforce');
    expect(task.due?.lastDay).toBe('2026-10-12');
    const expired = after30.timers.find((t) => t.elementId === 'limitExpired')!;
    const warning = after30.timers.find((t) => t.elementId === 'limitWarning')!;
    expect(expired.deadline.lastDay).toBe('2026-10-12');
    expect(expired.dueAt).toBe(bj('2026-10-13T00:00').toISOString());
    expect(warning.deadline.lastDay).toBe('2026-09-30');
    // when the warning and then the limit fire, each when told
    await c.fire('limitWarning', new Date(warning.dueAt));
    expect(c.openElements()).toEqual(['enforce']);
    const end = await c.fire('limitExpired', new Date(expired.dueAt));
    // then the limit cancelled the task
    expect(end.events.find((e) => e.type === 'eventReached')?.element).toBe('expired');
    expect(end.status).toBe('completed');
  });
});

describe('two timers due at different instants', () => {
  it('fire in due order, one instant at a time, although document order is the reverse', async () => {
    // given a report task: reminder (10日, first in the file) and deadline (5日, second)
    const c = new CaseDriver(fixture('timer-order.bpmn'));
    await c.start(bj('2026-11-02T09:00'));
    // when the scheduler wakes long after both are due and fires the earliest, repeatedly
    const now = bj('2026-12-01T00:00');
    for (let i = 0; i < 5 && c.last.nextDueAt && Date.parse(c.last.nextDueAt) <= now.getTime(); i++) {
      const earliest = c.last.timers.find((t) => t.dueAt === c.last.nextDueAt)!;
      await c.send({ type: 'fireTimer', timerId: earliest.id }, now);
    }
    // then the deadline fired first, cancelled the task, and the reminder never fired
    const fired = c.history.filter((e) => e.type === 'timerFired').map((e) => e.element);
    expect(fired).toEqual(['reportOverdue']);
    expect(c.history.some((e) => e.type === 'timerCancelled' && e.element === 'reportReminder')).toBe(true);
    expect(c.openElements()).toEqual(['escalate']);
  });
});
