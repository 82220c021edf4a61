// A process's timer or message start event is the platform's to fire (server/starts): the
// scheduler starts a case at each occurrence, a durable message starts one when it arrives. By the
// time the engine runs the `start` command the event has happened, so the start event passes
// through like a none start; what it carried (the occurrence {at, dueBy?, count}, the message
// payload) is already in the case variables under the event's id.
import * as Elements from 'bpmn-elements';

const PLATFORM_FIRED = new Set(['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition']);

interface ActivityDef {
  parent?: { type?: string };
  behaviour?: { eventDefinitions?: { type?: string }[]; [k: string]: unknown };
  [k: string]: unknown;
}

export function PlatformStartEvent(activityDef: ActivityDef, context: unknown) {
  const defs = activityDef.behaviour?.eventDefinitions;
  const start = Elements.StartEvent as unknown as (def: unknown, ctx: unknown) => unknown;
  if (activityDef.parent?.type === 'bpmn:Process' && defs?.some((d) => PLATFORM_FIRED.has(d.type ?? ''))) {
    return start({ ...activityDef, behaviour: { ...activityDef.behaviour, eventDefinitions: undefined } }, context);
  }
  return start(activityDef, context);
}
