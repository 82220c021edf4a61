// Messages between cases (issue 17): a case waits for another case's event (a lower court's
// report, an upper court's decision). The engine only says what a case waits for and what it
// sent; the platform (server/messages) keeps messages as durable records and delivers each
// exactly once. Conventions, all Camunda Modeler "Extension properties" plus the standard
// bpmn:message (its `name` is the message's name across the platform):
//   message.key      FEEL → the correlation key (both sides; e.g. enforcementCaseNo)
//   message.payload  FEEL → what the sender passes (sender only; default: no payload)
//   message.expires  deadline notation (sender only; e.g. 30日): an undelivered message is
//                    dropped after it; default: kept until consumed
// A catching element stores the payload under its own id (`variables[elementId]`), as a user
// task stores its form, then applies its output parameters.
import { armDeadline } from './deadlines';
import { evaluate, fromFeel } from './feel';
import { readOutputs } from './extensions';
import { runtimeOf, type Runtime } from './runtime';
import { deadlineContext } from './timers';

import { messageOf, readMessageSpec } from './messageSpec';

export { MESSAGE_FIELDS, messageOf, readMessageSpec } from './messageSpec';

type Behaviour = Record<string, unknown> | undefined;

/** The correlation key as text ('' when the element declares none). */
export function correlationKey(expr: string | undefined, rt: Runtime): string {
  if (!expr) return '';
  const v = fromFeel(evaluate(expr, rt.variables, { now: rt.now, courts: rt.courts }).value);
  if (v === null || v === undefined || v === '') {
    throw new Error(`消息关联键「${expr}」没有值：请确认案件已有该数据`);
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** What a waiting catch records when it starts waiting (persisted in its run message). */
export interface MessageWaitRecord {
  name: string;
  key: string;
  since: string;
}

const CATCHERS = new Set(['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent', 'bpmn:ReceiveTask', 'bpmn:StartEvent']);

interface ActivityLike {
  id: string;
  type: string;
  behaviour: Behaviour;
  environment: unknown;
  broker: { publish(exchange: string, routingKey: string, content: unknown): void };
}
interface RunMessage {
  fields: { redelivered?: boolean; routingKey?: string };
  content: { dubanMessage?: MessageWaitRecord };
}

/**
 * The bpmn-elements extension of a message catch: the correlation key is resolved once, when
 * the element starts waiting, and kept in its run message (so a later change of the case data
 * does not move what it waits for).
 */
export function messageExtension(activity: ActivityLike) {
  if (!CATCHERS.has(activity.type)) return undefined;
  const message = messageOf(activity.behaviour);
  if (!message) return undefined;
  return {
    activate(msg: RunMessage) {
      if (msg.fields.redelivered || msg.content.dubanMessage || msg.fields.routingKey === 'run.discard') return;
      const rt = runtimeOf(activity.environment);
      try {
        const record: MessageWaitRecord = {
          name: message.name ?? message.id ?? '',
          key: correlationKey(readMessageSpec(activity.behaviour).key, rt),
          since: rt.at,
        };
        activity.broker.publish('format', 'run.duban.message', { dubanMessage: record });
      } catch (err) {
        rt.failures.push({ element: activity.id, error: err });
      }
    },
    deactivate() {},
  };
}

/** A sender reached: the message to record (name, key, payload, expiry). */
export function sentMessage(behaviour: Behaviour, rt: Runtime, elementId: string): Record<string, unknown> {
  const message = messageOf(behaviour)!;
  const spec = readMessageSpec(behaviour);
  const key = correlationKey(spec.key, rt);
  const payload = spec.payload ? fromFeel(evaluate(spec.payload, rt.variables, { now: rt.now, courts: rt.courts }).value) : null;
  const expires = spec.expires ? armDeadline(spec.expires, deadlineContext(rt, elementId)) : undefined;
  return {
    name: message.name ?? message.id ?? '', key,
    ...(payload !== null && payload !== undefined ? { payload } : {}),
    ...(expires ? { expiresAt: expires.dueAt } : {}),
  };
}

/** A delivered payload lands under the catching element's id; then its output parameters apply. */
export function applyPayload(rt: Runtime, elementId: string, behaviour: Behaviour, payload: unknown): void {
  rt.variables[elementId] = payload === undefined ? null : JSON.parse(JSON.stringify(payload));
  for (const o of readOutputs(behaviour)) {
    const r = evaluate(o.expression, rt.variables, { now: rt.now, courts: rt.courts });
    for (const w of r.warnings) rt.emit('expressionWarning', elementId, { expression: o.expression, warning: w });
    rt.variables[o.name] = fromFeel(r.value) ?? null;
  }
}
