// Multi-instance user tasks (a 合议庭): one task per member, each assigned to its member, the
// opinions kept in collection order, the completion condition (majority) in FEEL, and a
// deadline that closes the deliberation with whoever has voted. State is JSON round-tripped
// between every command, as the cases collection stores it.
import { describe, expect, it } from 'vitest';
import { CaseDriver, bj, fixture } from './helpers';

const panel = ['judgeA', 'judgeB', 'judgeC'];

async function formed(xml = fixture('collegial-panel.bpmn')) {
  const d = new CaseDriver(xml);
  await d.start(bj('2026-10-09T09:00'));
  await d.complete('formPanel', { members: panel }, bj('2026-10-09T10:00'));
  return d;
}

const vote = (d: CaseDriver, member: string, opinion: string, at: string) => {
  const task = d.last.openTasks.find((t) => t.instance?.member === member);
  if (!task) throw new Error(`no open task for ${member}`);
  return d.send({ type: 'complete', taskId: task.id, data: { opinion, reason: `${member} 的理由` } }, bj(at), { actor: member });
};

describe('parallel 合议庭', () => {
  it('opens one task per member, assigned to that member, with its own due date', async () => {
    const d = await formed();
    expect(d.last.openTasks.map((t) => [t.assignment, t.instance?.index, t.instance?.count])).toEqual(
      panel.map((user, i) => [{ court: 'HN-GY', role: '员额法官', user }, i, 3]),
    );
    expect(new Set(d.last.openTasks.map((t) => t.instance?.of)).size).toBe(1);
    expect(d.last.openTasks.every((t) => t.due?.lastDay === '2026-10-14')).toBe(true);
    expect(d.variables.deliberate).toEqual([null, null, null]);
  });

  it('the majority decides as soon as it is reached; the member who had not voted is released', async () => {
    const d = await formed();
    await vote(d, 'judgeB', '同意', '2026-10-10T09:00');
    // After a save and a recovery the other two still wait, for the same members.
    expect(d.last.openTasks.map((t) => t.assignment.user)).toEqual(['judgeA', 'judgeC']);
    expect(d.variables.deliberate).toEqual([null, { opinion: '同意', reason: 'judgeB 的理由' }, null]);
    await vote(d, 'judgeC', '同意', '2026-10-11T09:00');
    expect(d.last.status).toBe('completed');
    expect(d.history.filter((e) => e.type === 'eventReached').map((e) => e.element)).toEqual(['approved']);
    expect(d.last.events.filter((e) => e.type === 'taskCancelled')).toHaveLength(1);
  });

  it('a split panel waits for the third vote; the minority opinion stays on record', async () => {
    const d = await formed();
    await vote(d, 'judgeA', '同意', '2026-10-10T09:00');
    await vote(d, 'judgeB', '不同意', '2026-10-10T10:00');
    expect(d.last.openTasks.map((t) => t.assignment.user)).toEqual(['judgeC']);
    await vote(d, 'judgeC', '不同意', '2026-10-10T11:00');
    expect(d.history.filter((e) => e.type === 'eventReached').map((e) => e.element)).toEqual(['rejected']);
    expect((d.variables.deliberate as { opinion: string }[]).map((o) => o.opinion)).toEqual(['同意', '不同意', '不同意']);
  });

  it('one member absent: at the deadline the votes cast decide, and the absent task is cancelled', async () => {
    const d = await formed();
    await vote(d, 'judgeA', '同意', '2026-10-10T09:00');
    await expect(d.fire('deliberationDeadline', bj('2026-10-19T23:59'))).rejects.toThrow(/未到期|not due|TimerNotDue|尚未/);
    await d.fire('deliberationDeadline', bj('2026-10-20T00:00'));
    expect(d.last.status).toBe('completed');
    // 1 of 3 is no majority: 不予执行; the two absent members' tasks are gone.
    expect(d.history.filter((e) => e.type === 'eventReached').map((e) => e.element)).toEqual(['rejected']);
    expect(d.last.events.filter((e) => e.type === 'taskCancelled')).toHaveLength(2);
    expect(d.variables.deliberate).toEqual([{ opinion: '同意', reason: 'judgeA 的理由' }, null, null]);
  });
});

describe('sequential 合议庭', () => {
  it('opens the members one at a time, each with its own member and due date from when it opens', async () => {
    // 5日 from 10-12 ends on Saturday 10-17: the last day moves to Monday 10-19.
    const xml = fixture('collegial-panel.bpmn').replace('<bpmn:multiInstanceLoopCharacteristics ', '<bpmn:multiInstanceLoopCharacteristics isSequential="true" ');
    const d = await formed(xml);
    expect(d.last.openTasks.map((t) => t.assignment.user)).toEqual(['judgeA']);
    await vote(d, 'judgeA', '不同意', '2026-10-12T09:00');
    expect(d.last.openTasks.map((t) => [t.assignment.user, t.due?.lastDay])).toEqual([['judgeB', '2026-10-19']]);
    await vote(d, 'judgeB', '不同意', '2026-10-13T09:00');
    // Two of three against: the condition is met, judgeC never sits.
    expect(d.last.status).toBe('completed');
    expect(d.history.filter((e) => e.type === 'taskOpened').map((e) => e.element)).toEqual(['formPanel', 'deliberate', 'deliberate']);
  });
});
