// Moving a waiting case onto a new version of its diagram (POST /api/definitions/:key/migrate).
import { describe, expect, it } from 'vitest';
import { remapState, run } from '../../../server/engine';
import { CaseDriver, bj, calendar, courts, fixture } from './helpers';

const v1 = fixture('review.bpmn');
const started = bj('2026-11-02T09:00');
const migratedAt = bj('2026-11-04T09:00');

async function waitingOnV1() {
  const c = new CaseDriver(v1);
  await c.start(started);
  return c;
}

describe('remapState', () => {
  it('same ids, changed deadline: recomputes from the recorded base, not from the migration instant', async () => {
    // given a case waiting on 审查信访材料 (5日 → due 11-08 is Sunday → 11-09)
    const c = await waitingOnV1();
    expect(c.last.timers.find((t) => t.elementId === 'reviewOverdue')!.deadline.lastDay).toBe('2026-11-09');
    // when version 2 gives ten days, for the timer and the task's own due date
    const v2 = v1.replace('<bpmn:timeDuration>5日</bpmn:timeDuration>', '<bpmn:timeDuration>10日</bpmn:timeDuration>')
      .replace('camunda:dueDate="5日"', 'camunda:dueDate="10日"');
    const { problems, result } = await remapState({ state: c.state!, source: v2, variables: c.variables, now: migratedAt, calendar });
    // then both count from 11-02 (the recorded base): day 10 is 11-12
    expect(problems).toEqual([]);
    const overdue = result!.timers.find((t) => t.elementId === 'reviewOverdue')!;
    expect(overdue.notation).toBe('10日');
    expect(overdue.deadline.lastDay).toBe('2026-11-12');
    expect(overdue.id).toBe(c.last.timers.find((t) => t.elementId === 'reviewOverdue')!.id);
    expect(result!.openTasks[0].due?.lastDay).toBe('2026-11-12');
    expect(result!.openTasks[0].id).toBe(c.last.openTasks[0].id);
    expect(result!.events.map((e) => e.type).sort()).toEqual(['taskDueChanged', 'timerRescheduled']);
    // and the case runs on, on version 2, from the migrated state (JSON round-tripped)
    const state = JSON.parse(JSON.stringify(result!.state));
    const again = await run({ source: v2, state, variables: c.variables, command: { type: 'recompute' }, now: migratedAt, calendar });
    expect(again.timers.find((t) => t.elementId === 'reviewOverdue')!.dueAt).toBe(overdue.dueAt);
    const next = await run({
      source: v2, state, variables: c.variables, now: migratedAt, calendar,
      command: { type: 'complete', taskId: result!.openTasks[0].id, data: { decision: '督办', amount: 200, handler: 'wang' } },
    });
    expect(next.openTasks.map((t) => t.elementId)).toEqual(['issueSupervisionLetter']);
  });

  it('renamed elements move with an id map', async () => {
    const c = await waitingOnV1();
    const v2 = v1.replaceAll('reviewComplaint', 'examineComplaint').replaceAll('reviewOverdue', 'examineOverdue');
    const { problems, result } = await remapState({
      state: c.state!, source: v2, variables: c.variables, now: migratedAt, calendar,
      idMap: { reviewComplaint: 'examineComplaint', reviewOverdue: 'examineOverdue' },
    });
    expect(problems).toEqual([]);
    expect(result!.openTasks.map((t) => [t.elementId, t.formKey])).toEqual([['examineComplaint', 'hainan/examineComplaint']]);
    expect(result!.timers.map((t) => t.elementId).sort()).toEqual(['examineOverdue', 'reviewWarning']);
    // and the overdue timer still fires where it did
    const due = result!.timers.find((t) => t.elementId === 'examineOverdue')!;
    expect(due.dueAt).toBe(c.last.timers.find((t) => t.elementId === 'reviewOverdue')!.dueAt);
    const fired = await run({
      source: v2, state: result!.state, variables: c.variables, now: new Date(due.dueAt), calendar,
      command: { type: 'fireTimer', timerId: due.id },
    });
    expect(fired.events.find((e) => e.type === 'eventReached')?.element).toBe('overdueNotice');
  });

  it('refuses what it cannot map, naming the element, and changes nothing', async () => {
    const c = await waitingOnV1();
    const renamed = v1.replaceAll('reviewComplaint', 'examineComplaint');
    const unmapped = await remapState({ state: c.state!, source: renamed, variables: c.variables, now: migratedAt, calendar });
    expect(unmapped.result).toBeNull();
    expect(unmapped.problems).toEqual([expect.objectContaining({ code: 'MIGRATION_UNMAPPED', element: 'reviewComplaint' })]);
    expect(unmapped.problems[0].message).toMatch(/reviewComplaint.*不存在/);
    // a waiting user task that became another kind of element cannot be moved either
    const retyped = v1.replace('<bpmn:userTask id="reviewComplaint"', '<bpmn:task id="reviewComplaint"')
      .replace(/(<bpmn:task id="reviewComplaint"[\s\S]*?)<\/bpmn:userTask>/, '$1</bpmn:task>');
    const wrongType = await remapState({ state: c.state!, source: retyped, variables: c.variables, now: migratedAt, calendar });
    expect(wrongType.problems.map((p) => p.code)).toContain('MIGRATION_TYPE');
    // and a plain run on the wrong diagram is refused rather than left waiting on nothing
    await expect(run({ source: renamed, state: c.state, variables: courts, command: { type: 'recompute' }, now: migratedAt, calendar }))
      .rejects.toThrow(/reviewComplaint/);
  });
});
