// A multi-instance task's declaration and its per-instance list, pure (the deploy rules read
// it in the browser too). The engine side is multiInstance.ts.
import type { Variables } from './types';

/** The loop's declaration as read from the diagram (moddle element or engine behaviour). */
export interface LoopSpec {
  sequential: boolean;
  collection?: string;
  elementVariable: string;
  cardinality?: string;
  completion?: string;
}

export interface LoopBehaviour {
  isSequential?: boolean;
  collection?: string;
  elementVariable?: string;
  loopCardinality?: string | { body?: string };
  completionCondition?: string | { body?: string };
}

const body = (v: string | { body?: string } | undefined) => (typeof v === 'string' ? v : v?.body)?.trim() || undefined;

export function readLoop(loop: LoopBehaviour | undefined): LoopSpec | undefined {
  if (!loop) return undefined;
  return {
    sequential: !!loop.isSequential,
    collection: loop.collection?.trim() || undefined,
    elementVariable: loop.elementVariable?.trim() || 'item',
    cardinality: body(loop.loopCardinality),
    completion: body(loop.completionCondition),
  };
}

/** Whether a message's content is one instance of a multi-instance activity (not the activity). */
export function isInstance(content: { isMultiInstance?: unknown; isRootScope?: unknown; index?: unknown } | undefined): boolean {
  return !!content?.isMultiInstance && !content.isRootScope && typeof content.index === 'number';
}

/** Names a multi-instance task's own expressions may use besides the case's. */
export const INSTANCE_NAMES = ['loopCounter', 'nrOfInstances', 'nrOfCompletedInstances', 'nrOfActiveInstances'];

/** The list of instance submissions, sized to the panel (null: not yet submitted). */
export function instanceList(variables: Variables, taskId: string, count: number): unknown[] {
  const prev = Array.isArray(variables[taskId]) ? (variables[taskId] as unknown[]) : [];
  const list = Array.from({ length: Math.max(count, prev.length) }, (_, i) => prev[i] ?? null);
  variables[taskId] = list;
  return list;
}

