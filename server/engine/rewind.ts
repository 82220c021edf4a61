// Where a waiting task may be sent back to (退回): an earlier user task of the same scope (the
// process, or the sub-process the task waits in) from which the diagram leads to it. A step
// that the task itself leads back to (a loop, e.g. 审批延期 → 书面报告 → 审批延期) is not
// offered: the discarded path would run into the restarted step. The token move itself is the
// `moveToken` command (runner.ts).
import { loadSource, type SourceContext } from './source';

export interface ReturnTarget {
  id: string;
  name?: string;
}

type Node = { id: string; type: string; parent?: { id?: string }; behaviour?: { name?: string; attachedTo?: { id?: string } } };

function graph(source: SourceContext) {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    forward.set(a, [...(forward.get(a) ?? []), b]);
    backward.set(b, [...(backward.get(b) ?? []), a]);
  };
  for (const f of source.getSequenceFlows()) link(f.sourceId, f.targetId);
  // A boundary event follows the activity it is attached to.
  for (const a of source.getActivities() as Node[]) {
    const host = a.behaviour?.attachedTo?.id;
    if (host) link(host, a.id);
  }
  return { forward, backward };
}

function reach(from: string, edges: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(edges.get(from) ?? [])];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(edges.get(id) ?? []));
  }
  return seen;
}

/** User tasks of `from`'s scope that lead to it and that it does not lead back to. */
export async function returnTargets(xml: string, from: string): Promise<ReturnTarget[]> {
  const source = await loadSource(xml);
  const here = source.getActivityById(from) as Node | undefined;
  if (!here) return [];
  const { forward, backward } = graph(source);
  const ahead = reach(from, forward);
  const out: ReturnTarget[] = [];
  for (const id of reach(from, backward)) {
    const el = source.getActivityById(id) as Node | undefined;
    if (!el || el.type !== 'bpmn:UserTask' || id === from || ahead.has(id)) continue;
    if ((el.parent?.id ?? '') !== (here.parent?.id ?? '')) continue;
    out.push({ id, ...(el.behaviour?.name ? { name: el.behaviour.name } : {}) });
  }
  return out;
}

/**
 * Where an administrator may move a waiting task's token (the cockpit): another user task of the
 * same scope — the element exists and is of the running element's type, as migration checks —
 * that the task does not lead to. Skipping ahead is not a move: the engine would discard the
 * skipped path into the step just started; a step is passed by completing it.
 */
export async function moveTargets(xml: string, from: string): Promise<ReturnTarget[]> {
  const source = await loadSource(xml);
  const here = source.getActivityById(from) as Node | undefined;
  if (!here) return [];
  const ahead = reach(from, graph(source).forward);
  return (source.getActivities() as Node[])
    .filter((el) => el.type === 'bpmn:UserTask' && el.id !== from && !ahead.has(el.id) && (el.parent?.id ?? '') === (here.parent?.id ?? ''))
    .map((el) => ({ id: el.id, ...(el.behaviour?.name ? { name: el.behaviour.name } : {}) }));
}
