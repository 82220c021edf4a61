// The structures FINDINGS lists as working after save/recover, walked through the runner.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../server/engine';
import { CaseDriver, bj, courts, fixture } from './helpers';

const source = fixture('structures.bpmn');
const vars = { ...courts, letterReceivedAt: '2026-11-02T10:00:00+08:00' };

describe('parallel tasks, a sub-process deadline, an error boundary, an event-based gateway', () => {
  it('validates', async () => {
    expect(await validateDefinition(source)).toEqual([]);
  });

  it('opens parallel tasks, catches the error end, joins, and lets the earlier timer win', async () => {
    const c = new CaseDriver(source, vars);
    const r = await c.start(bj('2026-11-02T09:00'));
    // two open tasks in parallel, the sub-process deadline armed on the sub-process
    expect(c.openElements()).toEqual(['collectFiles', 'report']);
    expect(r.timers).toEqual([expect.objectContaining({ elementId: 'superviseExpired', attachedTo: 'supervise', kind: 'interrupting' })]);
    await c.complete('collectFiles', { pages: 120 }, bj('2026-11-03T09:00'));
    expect(c.openElements()).toEqual(['report']);
    // no assets: the error end inside the sub-process is caught by its boundary
    const caught = await c.complete('report', { assets: false }, bj('2026-11-04T09:00'));
    expect(c.openElements()).toEqual(['hearing']);
    expect(caught.timers).toEqual([]);
    expect(caught.openTasks[0].due?.lastDay).toBe('2026-11-23'); // 20日 from 11-02: 11-22 is a Sunday
    await c.complete('hearing', { heldOn: '2026-11-10' }, bj('2026-11-10T09:00'));
    // the event-based gateway waits on both timers; the earlier one wins, the other is cancelled
    expect(c.timerElements()).toEqual(['longWait', 'shortWait']);
    const end = await c.fire('shortWait', new Date(c.last.timers.find((t) => t.elementId === 'shortWait')!.dueAt));
    expect(end.status).toBe('completed');
    expect(c.history.some((e) => e.type === 'timerCancelled' && e.element === 'longWait')).toBe(true);
  });

  it('a deadline on the whole sub-process cancels the task inside it and terminates', async () => {
    const c = new CaseDriver(source, vars);
    const r = await c.start(bj('2026-11-02T09:00'));
    const end = await c.fire('superviseExpired', new Date(r.timers[0].dueAt));
    expect(end.status).toBe('completed');
    expect(end.events.filter((e) => e.type === 'taskCancelled').map((e) => e.element).sort()).toEqual(['collectFiles', 'report']);
  });
});
