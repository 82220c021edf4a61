// The stateless command: start → user task → complete → next task → end, with the state
// JSON round-tripped between every command (CaseDriver), FEEL conditions and assignment.
import { describe, expect, it } from 'vitest';
import {
  InvalidCommand, ProcessFailure, StateMismatch, TaskNotOpen, nextDueAt, run,
} from '../../../server/engine';
import { CaseDriver, bj, calendar, courts, fixture } from './helpers';

const review = fixture('review.bpmn');
const now = bj('2026-11-02T09:00');

describe('a case walked task by task', () => {
  it('starts, opens a task, completes it, opens the next, and ends', async () => {
    // given a new case
    const c = new CaseDriver(review);
    // when it starts
    const started = await c.start(now);
    // then 审查信访材料 is open for the supervising court's 承办人, with form, basis and due
    expect(started.status).toBe('running');
    expect(started.openTasks).toHaveLength(1);
    const task = started.openTasks[0];
    expect(task).toMatchObject({
      elementId: 'reviewComplaint', name: '审查信访材料', formKey: 'hainan/reviewComplaint',
      assignment: { court: 'HN-GY', role: '承办人' }, basis: '海南办法 第四条', openedAt: now.toISOString(),
    });
    expect(task.due?.lastDay).toBe('2026-11-09');
    expect(started.events.map((e) => e.type)).toEqual(['started', 'timerArmed', 'timerArmed', 'taskOpened']);
    // when the handler decides to supervise
    const decided = await c.complete('reviewComplaint', { decision: '督办', amount: 150, handler: 'zhang' }, bj('2026-11-03T10:00'));
    // then the form data sits under the task's namespace and the output parameter copied it
    expect(decided.variables.reviewComplaint).toEqual({ decision: '督办', amount: 150, handler: 'zhang' });
    expect(decided.variables.reviewDecision).toBe('督办');
    // and the FEEL condition chose 制作督办函, assigned by FEEL to the user the form named
    expect(decided.events.find((e) => e.type === 'gatewayTaken')).toMatchObject({ element: 'decide', data: { flow: 'toLetter' } });
    expect(decided.events.find((e) => e.type === 'taskCompleted')?.data).toMatchObject({ taskId: task.id, by: 'tester' });
    expect(c.openElements()).toEqual(['issueSupervisionLetter']);
    expect(decided.openTasks[0].assignment).toEqual({ user: 'zhang' });
    // and the timers of the completed task are gone
    expect(decided.timers).toEqual([]);
    expect(decided.nextDueAt).toBeNull();
    expect(decided.events.filter((e) => e.type === 'timerCancelled').map((e) => e.element).sort()).toEqual(['reviewOverdue', 'reviewWarning']);
    // when the letter is issued
    const done = await c.complete('issueSupervisionLetter', { letterNo: '琼高法督〔2026〕1号' }, bj('2026-11-04T10:00'));
    // then the case has ended and there is no state left to save
    expect(done.status).toBe('completed');
    expect(done.state).toBeNull();
    expect(done.events.map((e) => e.type)).toEqual(['taskCompleted', 'eventReached', 'ended']);
  });

  it.each([
    [{ decision: '不督办', amount: 150 }, 'toClose', 'closed'],
    [{ decision: '督办', amount: 50 }, 'toClose', 'closed'],
  ])('takes the default path when the FEEL condition is false (%j)', async (data, flow, end) => {
    const c = new CaseDriver(review);
    await c.start(now);
    const r = await c.complete('reviewComplaint', data, now);
    expect(r.events.find((e) => e.type === 'gatewayTaken')?.data).toMatchObject({ flow });
    expect(r.events.find((e) => e.type === 'eventReached')?.element).toBe(end);
    expect(r.status).toBe('completed');
  });

  it('compares case date strings as FEEL dates against the platform clock', async () => {
    const old = new CaseDriver(fixture('dates.bpmn'), { ...courts, filedAt: '2026-01-10' });
    expect((await old.start(bj('2026-08-01T09:00'))).openTasks[0].elementId).toBe('oldCase');
    const recent = new CaseDriver(fixture('dates.bpmn'), { ...courts, filedAt: '2026-06-10' });
    expect((await recent.start(bj('2026-08-01T09:00'))).openTasks[0].elementId).toBe('recentCase');
    // the same case seen from a platform clock in 2020: not old yet (the real clock is not used)
    const past = new CaseDriver(fixture('dates.bpmn'), { ...courts, filedAt: '2019-12-10' });
    expect((await past.start(bj('2020-03-01T09:00'))).openTasks[0].elementId).toBe('recentCase');
  });

  it('refuses to run a ${} condition instead of silently skipping its flow', async () => {
    const c = new CaseDriver(fixture('dollar-condition.bpmn'), { amount: 500 });
    const err = await c.start(now).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessFailure);
    expect((err as Error).message).toMatch(/large.*语法错误/);
  });
});

describe('recovery', () => {
  it('re-emitted waits are upserts: the task keeps its id and is not opened twice', async () => {
    const c = new CaseDriver(review);
    const first = await c.start(now);
    const again = await c.send({ type: 'recompute' }, bj('2026-11-03T09:00'));
    expect(again.openTasks).toEqual(first.openTasks);
    expect(again.events).toEqual([]);
    expect(again.timers.map((t) => t.id).sort()).toEqual(first.timers.map((t) => t.id).sort());
  });

  it('saves JSON only, without the diagram', async () => {
    const c = new CaseDriver(review);
    const r = await c.start(now);
    const text = JSON.stringify(r.state);
    expect(JSON.parse(text)).toEqual(r.state);
    expect(text).not.toContain('"source"');
    expect(r.state?.dubanState).toBe(1);
  });

  it('refuses a state that belongs to another diagram', async () => {
    const c = new CaseDriver(review);
    const r = await c.start(now);
    await expect(run({
      source: fixture('timer-order.bpmn'), state: r.state, variables: courts,
      command: { type: 'fireTimer', timerId: r.timers[0].id }, now, calendar,
    })).rejects.toBeInstanceOf(StateMismatch);
  });
});

describe('commands that do not fit', () => {
  it('completing an unknown or already completed task is TaskNotOpen', async () => {
    const c = new CaseDriver(review);
    const r = await c.start(now);
    const taskId = r.openTasks[0].id;
    await expect(c.send({ type: 'complete', taskId: 'nope', data: {} }, now)).rejects.toBeInstanceOf(TaskNotOpen);
    const before = c.state;
    await c.complete('reviewComplaint', { decision: '督办', amount: 150, handler: 'zhang' }, now);
    expect(c.state).not.toEqual(before);
    await expect(c.send({ type: 'complete', taskId, data: {} }, now)).rejects.toBeInstanceOf(TaskNotOpen);
  });

  it('start on a started case, or acting on none, is InvalidCommand', async () => {
    const c = new CaseDriver(review);
    const r = await c.start(now);
    await expect(run({ source: review, state: r.state, variables: courts, command: { type: 'start' }, now, calendar }))
      .rejects.toBeInstanceOf(InvalidCommand);
    await expect(run({ source: review, state: null, variables: courts, command: { type: 'complete', taskId: 'x', data: {} }, now, calendar }))
      .rejects.toBeInstanceOf(InvalidCommand);
  });

  it('an assignment rule without its data says so on the task', async () => {
    const c = new CaseDriver(review, { supervisedCourt: 'HN-HK-ZY' });
    const r = await c.start(now);
    expect(r.openTasks[0].assignment.error).toMatch(/没有得到 \{court, role\}/);
  });
});

describe('nextDueAt', () => {
  it('is the earliest due instant, or null', () => {
    expect(nextDueAt([])).toBeNull();
    expect(nextDueAt([{ dueAt: '2026-10-09T16:00:00.000Z' }, { dueAt: '2026-10-08T16:00:00.000Z' }])).toBe('2026-10-08T16:00:00.000Z');
  });
});
