// Multi-instance user tasks (a 合议庭: one task per member, majority decides). bpmn-elements
// runs the instances (LoopCharacteristics); what we change is how its expressions are read:
// `camunda:collection`, `loopCardinality` and `completionCondition` are the platform's FEEL
// (no `${}`), evaluated over the case variables plus, for the completion condition,
// nrOfInstances / nrOfCompletedInstances / nrOfActiveInstances (Camunda's names).
//
// What the platform keeps per instance: the form data of instance i is entry i of the list
// `variables[<task id>]` (collection order; null until that member has submitted), so a
// condition reads `count(panel[opinion = "同意"])` and the minority opinion stays on record.
import * as Elements from 'bpmn-elements';
import { evaluate, evaluateCondition, fromFeel } from './feel';
import { runtimeOf, type Runtime } from './runtime';
import { instanceList, readLoop, type LoopBehaviour } from './loopSpec';

/** Marks an expression bpmn-elements must hand back to us (resolveExpression). */
export interface FeelRef {
  dubanFeel: string;
  kind: 'collection' | 'cardinality' | 'completion';
  activity: string;
}

export function isFeelRef(x: unknown): x is FeelRef {
  return !!x && typeof x === 'object' && typeof (x as FeelRef).dubanFeel === 'string';
}

export function resolveLoopExpression(ref: FeelRef, message: { environment?: unknown; content?: Record<string, unknown> }): unknown {
  const rt = runtimeOf(message.environment);
  const opts = { now: rt.now, courts: rt.courts };
  if (ref.kind !== 'completion') {
    const r = evaluate(ref.dubanFeel, rt.variables, opts);
    warn(rt, ref, r.warnings);
    const value = fromFeel(r.value);
    if (ref.kind === 'collection' && !Array.isArray(value)) {
      throw new Error(`多实例任务 ${ref.activity} 的成员集合「${ref.dubanFeel}」没有得到列表`);
    }
    return value;
  }
  const count = Number(message.content?.loopCardinality ?? 0);
  const list = instanceList(rt.variables, ref.activity, count);
  const done = list.filter((x) => x !== null).length;
  const scope = {
    ...rt.variables, nrOfInstances: count, nrOfCompletedInstances: done, nrOfActiveInstances: count - done,
    loopCounter: message.content?.index ?? null,
  };
  const r = evaluateCondition(ref.dubanFeel, scope, opts);
  warn(rt, ref, r.warnings);
  return r.value;
}

function warn(rt: Runtime, ref: FeelRef, warnings: string[]): void {
  for (const w of warnings) rt.emit('expressionWarning', ref.activity, { expression: ref.dubanFeel, warning: w });
}

const Base = (Elements as unknown as { MultiInstanceLoopCharacteristics: unknown }).MultiInstanceLoopCharacteristics as unknown as new (activity: unknown, loop: unknown) => object;

/** The `elements` override: bpmn-elements' loop, with our FEEL in place of its expressions. */
export function FeelLoopCharacteristics(activity: { id: string }, loop: { behaviour?: LoopBehaviour }) {
  const b = loop.behaviour ?? {};
  const ref = (kind: FeelRef['kind'], expr: string | undefined): FeelRef | undefined =>
    expr ? { dubanFeel: expr, kind, activity: activity.id } : undefined;
  const spec = readLoop(b);
  const behaviour: Record<string, unknown> = { ...b };
  for (const k of ['collection', 'loopCardinality', 'completionCondition']) delete behaviour[k];
  if (spec?.collection) behaviour.collection = ref('collection', spec.collection);
  if (spec?.cardinality) behaviour.loopCardinality = ref('cardinality', spec.cardinality);
  if (spec?.completion) behaviour.completionCondition = ref('completion', spec.completion);
  return new Base(activity, { ...loop, behaviour });
}
