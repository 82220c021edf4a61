// Moving a waiting instance onto a new version of its diagram. bpmn-elements silently skips
// state of elements it does not know, which leaves an instance waiting on nothing; so every
// running element must map (same id, or idMap) to an element of the same type, the state's
// ids are rewritten, and the result is verified by resuming it on the new diagram: each task
// must be waiting again and each timer armed again. Timers whose notation changed are
// recomputed from their recorded base (timers.ts); so is a waiting task's dueDate (taskDue.ts).
import { DefinitionLoadError, EngineError } from './errors';
import { nextDueAt, openTaskOf, sortTimers, timerInfo, messageWaitOf } from './runner';
import { createRuntime } from './runtime';
import { closeSession, openSession } from './session';
import { type SourceContext, loadSource } from './source';
import { DurableTimers } from './timers';
import type { EngineState, Problem, RunInput, RunResult } from './types';

export interface RemapInput extends Pick<RunInput, 'variables' | 'now' | 'calendar' | 'exclusions' | 'extensions' | 'courts'> {
  state: EngineState;
  /** The new version's diagram. */
  source: string;
  /** Old element id → new element id, for renamed elements (unlisted ids stay the same). */
  idMap?: Record<string, string>;
}

export interface RemapResult {
  problems: Problem[];
  /** The instance on the new version; null when any problem was found (nothing changes). */
  result: RunResult | null;
}

const ID_KEYS = new Set(['id', 'attachedTo', 'sourceId', 'targetId', 'calledElement']);

interface Running { id: string; type: string }

function runningChildren(node: unknown, out: Running[] = []): Running[] {
  if (Array.isArray(node)) node.forEach((n) => runningChildren(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'children' && Array.isArray(value)) {
        for (const c of value as { id?: string; type?: string; status?: unknown }[]) {
          if (c?.status && c.id && c.type) out.push({ id: c.id, type: c.type });
        }
      }
      runningChildren(value, out);
    }
  }
  return out;
}

function rewriteIds(node: unknown, idMap: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteIds(n, idMap));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [
    k, ID_KEYS.has(k) && typeof v === 'string' && v in idMap ? idMap[v] : rewriteIds(v, idMap),
  ]));
}

function hasTimer(source: SourceContext, id: string): boolean {
  const eds = (source.getActivityById(id)?.behaviour?.eventDefinitions ?? []) as { type?: string }[];
  return eds.some((ed) => ed.type === 'bpmn:TimerEventDefinition');
}

/** Maps ids (definitions and process ids follow the new diagram automatically). */
function fullMap(state: EngineState, target: SourceContext, idMap: Record<string, string>): Record<string, string> {
  const map = { ...idMap };
  const def = (state.definitions as { id: string; execution?: { processes?: { id: string }[] } }[])[0];
  if (def && !(def.id in map)) map[def.id] = target.id;
  const oldProcesses = def?.execution?.processes ?? [];
  const newProcesses = target.getProcesses();
  if (oldProcesses.length === 1 && newProcesses.length === 1 && !(oldProcesses[0].id in map)) {
    map[oldProcesses[0].id] = newProcesses[0].id;
  }
  return map;
}

export async function remapState(input: RemapInput): Promise<RemapResult> {
  let target: SourceContext;
  try {
    target = await loadSource(input.source);
  } catch (err) {
    return { problems: [{ code: 'MIGRATION_LOAD', message: (err as DefinitionLoadError).message }], result: null };
  }
  const idMap = fullMap(input.state, target, input.idMap ?? {});
  const running = runningChildren(input.state).map((r) => ({ ...r, to: idMap[r.id] ?? r.id }));
  const problems: Problem[] = [];
  for (const r of running) {
    const el = target.getActivityById(r.to);
    if (!el) problems.push({ element: r.id, code: 'MIGRATION_UNMAPPED', message: `运行中的元素 ${r.id} 在新版本中不存在（${r.to}），请提供映射；否则案件会停在空处` });
    else if (el.type !== r.type) problems.push({ element: r.id, code: 'MIGRATION_TYPE', message: `运行中的元素 ${r.id}（${r.type}）在新版本中是 ${el.type}，类型不同，无法迁移` });
  }
  if (problems.length) return { problems, result: null };

  const rt = createRuntime({
    now: input.now, calendar: input.calendar, variables: JSON.parse(JSON.stringify(input.variables ?? {})),
    courts: input.courts, exclusions: input.exclusions, extensions: input.extensions, timers: new DurableTimers(),
  });
  const state = { ...(rewriteIds(input.state, idMap) as EngineState), dubanState: 1 as const };
  let session;
  try {
    session = await openSession(target, rt, state);
  } catch (err) {
    return { problems: [{ code: 'MIGRATION_FAILED', message: `迁移后无法恢复运行：${(err as Error).message}` }], result: null };
  }
  const waiting = new Set([...session.tasks.values()].map((t) => t.id));
  const armed = new Set(rt.timers.armed().map((t) => t.elementId));
  for (const r of running) {
    const lostTask = r.type === 'bpmn:UserTask' && !waiting.has(r.to);
    const lostTimer = hasTimer(target, r.to) && !armed.has(r.to);
    if (lostTask || lostTimer) {
      problems.push({ element: r.id, code: 'MIGRATION_LOST', message: `迁移后 ${r.to} 没有恢复为${lostTask ? '待办任务' : '计时中的定时器'}，拒绝迁移` });
    }
  }
  for (const f of rt.failures) {
    problems.push({ code: 'MIGRATION_FAILED', message: `迁移后流程运行失败：${(f.error as Error)?.message ?? String(f.error)}` });
  }
  const openTasks = [...session.tasks.keys()].map((id) => openTaskOf(session, id, rt));
  const timers = sortTimers(rt.timers.armed().map((t) => timerInfo(target, t)));
  const messageWaits = [...session.waits.keys()].map((id) => messageWaitOf(session, id));
  const saved = await closeSession(session, rt).catch((err: EngineError) => {
    problems.push({ code: 'MIGRATION_FAILED', message: err.message });
    return null;
  });
  if (problems.length || !saved) return { problems, result: null };
  return {
    problems,
    result: { state: saved, status: 'running', openTasks, timers, nextDueAt: nextDueAt(timers), messageWaits, events: rt.events, variables: rt.variables },
  };
}
