// User task metadata read from the diagram, in attributes Camunda Modeler's properties panel
// edits (Forms → Form key; User assignment → Assignee / Candidate groups / Due date;
// Inputs/Outputs → output parameters; Documentation):
//   camunda:formKey="<package>/<form>"                         the Form.io form
//   camunda:candidateGroups="{court: supervisedCourt, role: "承办人"}"   FEEL → {court, role}
//   camunda:assignee="reviewComplaint.handler"                  FEEL → a username
//   camunda:dueDate="5日"                                       the task's own deadline (notation)
//   camunda:outputParameter name="letterReceivedAt" body FEEL   copied to a case variable
//   bpmn:documentation "海南办法 第四条"                          the legal basis
// The metadata is resolved once, when the task opens, and stored in the task's own message
// (a bpmn-elements format message), so it survives save/recover unchanged.
import { armDeadline } from './deadlines';
import { evaluate, type FeelOptions, fromFeel } from './feel';
import { type Runtime, runtimeOf } from './runtime';
import { deadlineContext } from './timers';
import { type TaskMeta, readTaskMeta } from './taskMeta';
import { readLoop } from './loopSpec';
import type { Assignment, TaskInstance, TimerRecord } from './types';

export { readBasis, readOutputs, readTaskMeta } from './taskMeta';
export type { OutputMapping, TaskMeta } from './taskMeta';

/** What a task stores about itself when it opens (content.duban of its messages). */
export interface TaskRecord {
  formKey?: string;
  assignment: Assignment;
  due?: TimerRecord;
  basis?: string;
  openedAt: string;
  /** One instance of a multi-instance task (a 合议庭 member's own task). */
  instance?: TaskInstance;
}

/** Evaluates the assignment rule; a rule that gives no court+role / username says why. */
export function resolveAssignment(meta: TaskMeta, variables: Record<string, unknown>, opts: FeelOptions): Assignment {
  const rule = meta.assignee ?? meta.candidateGroups;
  if (!rule) return { error: '任务没有分派规则' };
  let value: unknown;
  let warnings: string[] = [];
  try {
    ({ value, warnings } = evaluate(rule, variables, opts));
  } catch (err) {
    return { error: (err as Error).message };
  }
  const why = warnings.length ? `（${warnings.join('；')}）` : '';
  if (meta.assignee) {
    return typeof value === 'string' && value ? { user: value } : { error: `分派规则「${rule}」没有得到用户名${why}` };
  }
  const v = fromFeel(value) as { court?: unknown; role?: unknown; user?: unknown; exclude?: unknown; excludeUsers?: unknown } | null;
  if (v && typeof v === 'object' && typeof v.court === 'string' && v.court && typeof v.role === 'string' && v.role) {
    // A named 专人 (user) and excluded earlier deciders refine the court + role; absent or
    // null (the form left it empty) they change nothing.
    const user = typeof v.user === 'string' && v.user.trim() ? { user: v.user.trim() } : {};
    const strings = (x: unknown) => (Array.isArray(x) ? x : x ? [x] : []).filter((s): s is string => typeof s === 'string' && !!s.trim());
    const ids = strings(v.exclude);
    // excludeUsers: usernames the diagram names (恢复执行: not the 终本 handler), one or a list.
    const users = strings(v.excludeUsers);
    return { court: v.court, role: v.role, ...user, ...(ids.length ? { exclude: ids } : {}), ...(users.length ? { excludeUsers: users } : {}) };
  }
  return { error: `分派规则「${rule}」没有得到 {court, role}${why}` };
}

interface ActivityLike {
  id: string;
  type: string;
  behaviour: Record<string, unknown> | undefined;
  environment: unknown;
  broker: { publish(exchange: string, routingKey: string, content: unknown): void };
}
interface RunMessage {
  fields: { redelivered?: boolean; routingKey?: string };
  content: { duban?: TaskRecord; executionId?: string; isMultiInstance?: boolean; isRootScope?: boolean; index?: number; [k: string]: unknown };
}

/** What a task records when it opens: its assignment and due date resolved over `scope`. */
function openRecord(id: string, behaviour: Record<string, unknown> | undefined, rt: Runtime, scope: Record<string, unknown>): TaskRecord {
  const meta = readTaskMeta(behaviour);
  const record: TaskRecord = {
    formKey: meta.formKey,
    assignment: resolveAssignment(meta, scope, { now: rt.now, courts: rt.courts }),
    basis: meta.basis,
    openedAt: rt.at,
  };
  if (meta.dueDate) {
    try {
      record.due = armDeadline(meta.dueDate, { ...deadlineContext(rt, id), variables: scope });
    } catch (err) {
      // Thrown here it would escape the broker; the runner fails the command instead.
      rt.failures.push({ element: id, error: err });
    }
  }
  return record;
}

/**
 * The record of one instance of a multi-instance task, when it opens (a sequential one opens
 * in a later command than the first): its member (the element variable) and loopCounter are
 * in scope for the assignment and the due date, e.g. `{court: …, role: "员额法官", user: member}`.
 */
export function instanceRecord(
  api: { id: string; content: RunMessage['content']; owner: { behaviour?: Record<string, unknown> } }, rt: Runtime,
): TaskRecord {
  const behaviour = api.owner.behaviour;
  const loop = readLoop((behaviour?.loopCharacteristics as { behaviour?: Record<string, unknown> } | undefined)?.behaviour);
  const variable = loop?.elementVariable ?? 'item';
  const member = loop?.collection ? api.content[variable] : undefined;
  const index = api.content.index as number;
  const parent = api.content.parent as { executionId?: string } | undefined;
  const record = openRecord(api.id, behaviour, rt, { ...rt.variables, [variable]: member ?? null, loopCounter: index });
  const instance: TaskInstance = {
    index, count: Number(api.content.loopCardinality), of: parent?.executionId ?? '', ...(member !== undefined ? { member } : {}),
  };
  return { ...record, instance };
}

/** The bpmn-elements extension: resolves a user task's metadata once, when it opens. */
export function taskExtension(activity: ActivityLike) {
  if (activity.type !== 'bpmn:UserTask') return undefined;
  return {
    activate(message: RunMessage) {
      // bpmn-elements also activates extensions on `run.discard` (a token discarded down a branch
      // a gateway did not take): that task never opens, so nothing is resolved for it.
      if (message.fields.redelivered || message.content.duban || message.fields.routingKey === 'run.discard') return;
      const rt = runtimeOf(activity.environment);
      // A multi-instance activity never waits itself: each instance records its own when it
      // opens (instanceRecord, from the session's wait listener).
      if (activity.behaviour?.loopCharacteristics) return;
      const record = openRecord(activity.id, activity.behaviour, rt, rt.variables);
      // Merged into the task's next run message, hence persisted with it.
      activity.broker.publish('format', 'run.duban.task', { duban: JSON.parse(JSON.stringify(record)) });
    },
    deactivate() {},
  };
}
