// A user task's own deadline (camunda:dueDate) is recorded when the task opens. It is re-derived
// only when the diagram's notation changed under a waiting task (migration) or on an explicit
// recompute, and the new record is written back into the saved state so it stays put.
import { armDeadline, deadlineChanged, recomputeDeadline } from './deadlines';
import type { TaskRecord } from './extensions';
import { readTaskMeta } from './extensions';
import type { Runtime } from './runtime';
import type { TaskApi } from './session';
import { deadlineContext } from './timers';
import type { EngineState, TimerRecord } from './types';

/** The new due record of a recovered task, or undefined when it stays as recorded. */
export function refreshTaskDue(api: TaskApi, rt: Runtime): { due: TimerRecord | null } | undefined {
  const rec = api.content.duban as TaskRecord | undefined;
  if (!rec) return undefined;
  const notation = readTaskMeta(api.owner.behaviour).dueDate;
  const before = rec.due;
  if (!notation) return before ? { due: null } : undefined;
  if (before && notation === (before.template ?? before.notation) && !rt.recompute) return undefined;
  const ctx = deadlineContext(rt, api.id);
  const due = before
    ? recomputeDeadline(before, ctx, notation)
    : armDeadline(notation, { ...ctx, now: new Date(rec.openedAt) });
  if (before && !deadlineChanged(before, due)) return undefined;
  rt.emit('taskDueChanged', api.id, {
    taskId: api.executionId, from: before?.dueAt ?? null, to: due.dueAt, notation, rule: due.deadline.rule,
  });
  return { due };
}

/** Writes changed task dues into every stored copy of the task's record. */
export function patchTaskDues(state: EngineState, dues: Map<string, TimerRecord | null>): void {
  if (!dues.size) return;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as { executionId?: string; duban?: TaskRecord };
    if (o.executionId && dues.has(o.executionId) && o.duban && 'openedAt' in o.duban) {
      const due = dues.get(o.executionId);
      if (due) o.duban.due = JSON.parse(JSON.stringify(due)) as TimerRecord;
      else delete o.duban.due;
    }
    Object.values(node).forEach(visit);
  };
  visit(state);
}

/**
 * Writes the records of multi-instance tasks opened by this command into every stored copy of
 * their messages: an instance's messages carry the activity's content, not a record of its own.
 */
export function patchTaskRecords(state: EngineState, records: Map<string, TaskRecord>): void {
  if (!records.size) return;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as { executionId?: string; duban?: TaskRecord };
    if (o.executionId && records.has(o.executionId) && 'isMultiInstance' in o) o.duban = JSON.parse(JSON.stringify(records.get(o.executionId)));
    Object.values(node).forEach(visit);
  };
  visit(state);
}
