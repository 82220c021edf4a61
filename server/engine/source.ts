// Parsing a diagram is the slowest step of a command (moddle XML parse), so the serialized
// context is cached per source text; every command deserializes its own copy, because the
// engine's elements keep per-run state on what they are given.
import BpmnModdle from 'bpmn-moddle';
import { LRUCache } from 'lru-cache';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver, deserialize } from 'moddle-context-serializer';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { DefinitionLoadError } from './errors';
import { FeelSequenceFlow } from './expressions';
import { FeelLoopCharacteristics } from './multiInstance';
import { CalendarTimerEventDefinition } from './timers';
import { PlatformStartEvent } from './startEvent';

/** The behaviours we replace: FEEL conditions, calendar timers, FEEL multi-instance loops. */
export const elementOverrides = {
  SequenceFlow: FeelSequenceFlow,
  // bpmn-elements runs a send task as a service task (no service → fatal). Here it is a plain
  // task: the session records its message (messageSent) when it completes; server/messages sends it.
  SendTask: Elements.Task,
  TimerEventDefinition: CalendarTimerEventDefinition,
  MultiInstanceLoopCharacteristics: FeelLoopCharacteristics,
  // A manual task is work done outside the platform: the flow passes through it (bpmn-elements
  // would wait for a signal nobody sends, since only user tasks reach the inbox).
  ManualTask: Elements.Task,
  // A timer / message start of the process has fired before the case starts (server/starts).
  StartEvent: PlatformStartEvent,
};

export const moddleOptions = { camunda };

const typeResolver = TypeResolver({ ...Elements, ...elementOverrides } as Record<string, unknown>);

export interface SourceContext {
  id: string;
  serialize(): string;
  getActivities(scopeId?: string): { id: string; type: string; behaviour?: Record<string, unknown> }[];
  getActivityById(id: string): { id: string; type: string; behaviour?: Record<string, unknown> } | undefined;
  getProcesses(): { id: string; type: string }[];
  getSequenceFlows(scopeId?: string): { id: string; sourceId: string; targetId: string }[];
}

const cache = new LRUCache<string, string>({ max: 64 });

/** Any DOCTYPE/ENTITY is refused before a parser sees it: nothing external is ever resolved. */
export function hasDoctype(xml: string): boolean {
  return /<!DOCTYPE|<!ENTITY/i.test(xml);
}

export async function parseModdle(xml: string) {
  if (hasDoctype(xml)) throw new DefinitionLoadError('流程图含有 DOCTYPE/ENTITY 声明，出于安全原因拒绝解析');
  const moddle = new BpmnModdle(moddleOptions);
  return moddle.fromXML(xml.trim());
}

async function serializeSource(xml: string): Promise<string> {
  const moddleContext = await parseModdle(xml);
  return serializer(moddleContext as never, typeResolver).serialize();
}

/** A fresh engine context for `xml` (parsed once per process, then deserialized per command). */
export async function loadSource(xml: string): Promise<SourceContext> {
  let serialized = cache.get(xml);
  if (serialized === undefined) {
    try {
      serialized = await serializeSource(xml);
    } catch (err) {
      if (err instanceof DefinitionLoadError) throw err;
      throw new DefinitionLoadError(`流程图无法加载：${(err as Error).message}`, err);
    }
    cache.set(xml, serialized);
  }
  return deserialize(JSON.parse(serialized), typeResolver) as unknown as SourceContext;
}
