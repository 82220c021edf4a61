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
import { runtimeOf } from './runtime';
import { deadlineContext } from './timers';
import { type TaskMeta, readTaskMeta } from './taskMeta';
import type { Assignment, TimerRecord } from './types';

export { readBasis, readOutputs, readTaskMeta } from './taskMeta';
export type { OutputMapping, TaskMeta } from './taskMeta';

/** What a task stores about itself when it opens (content.duban of its messages). */
export interface TaskRecord {
  formKey?: string;
  assignment: Assignment;
  due?: TimerRecord;
  basis?: string;
  openedAt: string;
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
  const v = fromFeel(value) as { court?: unknown; role?: unknown; user?: unknown; exclude?: unknown } | null;
  if (v && typeof v === 'object' && typeof v.court === 'string' && v.court && typeof v.role === 'string' && v.role) {
    // A named 专人 (user) and excluded earlier deciders refine the court + role; absent or
    // null (the form left it empty) they change nothing.
    const user = typeof v.user === 'string' && v.user.trim() ? { user: v.user.trim() } : {};
    const ids = Array.isArray(v.exclude) ? v.exclude.filter((x): x is string => typeof x === 'string' && !!x) : [];
    return { court: v.court, role: v.role, ...user, ...(ids.length ? { exclude: ids } : {}) };
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
  content: { duban?: TaskRecord; executionId?: string };
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
      const meta = readTaskMeta(activity.behaviour);
      const record: TaskRecord = {
        formKey: meta.formKey,
        assignment: resolveAssignment(meta, rt.variables, { now: rt.now, courts: rt.courts }),
        basis: meta.basis,
        openedAt: rt.at,
      };
      if (meta.dueDate) {
        try {
          record.due = armDeadline(meta.dueDate, deadlineContext(rt, activity.id));
        } catch (err) {
          // Thrown here it would escape the broker; the runner fails the command instead.
          rt.failures.push({ element: activity.id, error: err });
        }
      }
      // Merged into the task's next run message, hence persisted with it.
      activity.broker.publish('format', 'run.duban.task', { duban: JSON.parse(JSON.stringify(record)) });
    },
    deactivate() {},
  };
}
