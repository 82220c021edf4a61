// One engine for one command: load → (recover → resume | execute) → act → getState → drop.
// No engine outlives its command (DESIGN decision 3). The listener turns engine events into
// the adapter's domain events and keeps the waiting user tasks, keyed by executionId so that
// the `wait` re-emitted on resume (isRecovered) is an upsert, never a second task.
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { StateMismatch } from './errors';
import { feelExpressions, noScripts } from './expressions';
import { type TaskRecord, instanceRecord, readBasis, taskExtension } from './extensions';
import { instanceList, isInstance } from './loopSpec';
import { evaluateLedgerSpec, readLedgerSpec } from './ledgerSpec';
import { type MessageWaitRecord, messageExtension, messageOf, sentMessage } from './messages';
import type { Runtime } from './runtime';
import { elementOverrides, moddleOptions, type SourceContext } from './source';
import { patchTaskDues, patchTaskRecords, refreshTaskDue } from './taskDue';
import type { EngineState, TimerRecord } from './types';

export interface TaskApi {
  id: string;
  type: string;
  name?: string;
  executionId: string;
  content: { isRecovered?: boolean; duban?: unknown; [k: string]: unknown };
  owner: { behaviour?: Record<string, unknown>; name?: string; isRunning?: boolean; executionId?: string };
  signal(payload?: unknown): void;
}

interface EngineLike {
  state: string;
  on(event: string, fn: (...args: unknown[]) => void): void;
  execute(opts: unknown): Promise<unknown>;
  recover(state: unknown): EngineLike;
  resume(opts: unknown): Promise<unknown>;
  getState(): Promise<Record<string, unknown>>;
  stop(): Promise<unknown>;
}

export interface Session {
  engine: EngineLike;
  tasks: Map<string, TaskApi>;
  /** Message catches waiting, by executionId (server/messages delivers to them). */
  waits: Map<string, TaskApi>;
  /** executionIds completed by this command (their leave is not a cancellation). */
  completed: Set<string>;
  /** Task dues re-derived on resume (taskDue.ts), written back into the state on close. */
  dues: Map<string, TimerRecord | null>;
  /** Records of multi-instance tasks opened by this command, written into the state on close. */
  records: Map<string, TaskRecord>;
  ended: boolean;
}

const GATEWAY = /Gateway$/;
const noop = () => undefined;
/** bpmn-engine's default logger builds a `debug` instance (a tty probe) per element per command. */
const silentLogger = () => ({ debug: noop, error: noop, warn: noop });
const REACHED = new Set(['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent']);
const SENDERS = new Set(['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:SendTask']);

/** Ids of elements the stored state is running: each must exist in the diagram given. */
function runningIds(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => runningIds(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'children' && Array.isArray(value)) {
        for (const c of value as { id?: string; status?: unknown }[]) if (c?.status && c.id) out.add(c.id);
      }
      runningIds(value, out);
    }
  }
  return out;
}

export function checkStateFits(state: EngineState, source: SourceContext): void {
  if (state?.dubanState !== 1 || !Array.isArray(state.definitions)) {
    throw new StateMismatch('引擎状态格式不符（不是本平台保存的状态）');
  }
  const defs = state.definitions as { id?: string }[];
  if (defs.length !== 1 || defs[0].id !== source.id) {
    throw new StateMismatch(`引擎状态属于流程定义 ${defs[0]?.id ?? '?'}，与给定的流程图 ${source.id} 不符`);
  }
  const missing = [...runningIds(state)].filter((id) => !source.getActivityById(id));
  if (missing.length) {
    throw new StateMismatch(`引擎状态中正在运行的元素在流程图中不存在：${missing.join('、')}（需要版本迁移映射）`, { missing });
  }
}

/** The state we persist: engine.getState() without the diagram, plus our format marker. */
export function persistable(raw: Record<string, unknown>): EngineState {
  const defs = (raw.definitions as Record<string, unknown>[]).map(({ source: _source, ...d }) => d);
  return JSON.parse(JSON.stringify({ ...raw, definitions: defs, dubanState: 1 })) as EngineState;
}

export async function openSession(source: SourceContext, rt: Runtime, state: EngineState | null): Promise<Session> {
  const engine = new Engine({
    name: 'duban', sourceContext: source, moddleOptions, elements: elementOverrides, Logger: silentLogger,
    expressions: feelExpressions, scripts: noScripts, timers: rt.timers,
    extensions: { duban: taskExtension, dubanMessage: messageExtension }, duban: rt,
  } as never) as unknown as EngineLike;
  const session: Session = { engine, tasks: new Map(), waits: new Map(), completed: new Set(), dues: new Map(), records: new Map(), ended: false };
  const listener = new EventEmitter();

  engine.on('error', (err) => rt.failures.push({ error: err }));
  engine.on('end', () => {
    session.ended = true;
    rt.emit('ended', source.getProcesses()[0]?.id ?? source.id);
  });
  rt.timers.onCancel = (t) => rt.emit('timerCancelled', t.elementId, { timerId: t.id, dueAt: t.owner.duban?.dueAt });

  listener.on('wait', (api: TaskApi) => {
    if (api.type !== 'bpmn:UserTask') {
      const rec = api.content.dubanMessage as MessageWaitRecord | undefined;
      if (!rec || !api.content.message) return;
      session.waits.set(api.executionId, api);
      if (!api.content.isRecovered) rt.emit('messageWaiting', api.id, { waitId: api.executionId, name: rec.name, key: rec.key });
      return;
    }
    // An instance of a multi-instance task opens without a record of its own (a sequential
    // one even in a resumed engine, marked isRecovered): it is made here and goes into the
    // saved state under the instance's executionId (patchTaskRecords).
    let opened = !api.content.isRecovered;
    if (isInstance(api.content as { index?: unknown }) && !api.content.duban) {
      const rec = instanceRecord(api as never, rt);
      api.content.duban = rec;
      session.records.set(api.executionId, rec);
      const count = rec.instance!.count;
      if (rec.instance!.index === 0) rt.variables[api.id] = Array.from({ length: count }, () => null);
      else instanceList(rt.variables, api.id, count);
      opened = true;
    }
    session.tasks.set(api.executionId, api);
    if (!opened) {
      const changed = refreshTaskDue(api, rt);
      if (changed) session.dues.set(api.executionId, changed.due);
    } else {
      const rec = api.content.duban as { formKey?: string; assignment?: unknown; due?: { dueAt: string } } | undefined;
      rt.emit('taskOpened', api.id, {
        taskId: api.executionId, formKey: rec?.formKey, assignment: rec?.assignment, dueAt: rec?.due?.dueAt,
      });
    }
  });
  listener.on('activity.leave', (api: TaskApi) => {
    session.waits.delete(api.executionId);
    if (!session.tasks.delete(api.executionId)) return;
    if (!session.completed.has(api.executionId)) rt.emit('taskCancelled', api.id, { taskId: api.executionId });
  });
  listener.on('activity.end', (api: TaskApi) => {
    // The element's own type: after a message throw bpmn-elements reports the event
    // definition's (bpmn:MessageEventDefinition) in the api, and the send would be lost.
    const type = (api.owner as { type?: string }).type ?? api.type;
    if (REACHED.has(type)) rt.emit('eventReached', api.id, { name: api.owner.name, basis: readBasis(api.owner.behaviour) });
    if (SENDERS.has(type) && messageOf(api.owner.behaviour)) {
      try {
        rt.emit('messageSent', api.id, { ...sentMessage(api.owner.behaviour, rt, api.id), basis: readBasis(api.owner.behaviour) });
      } catch (err) {
        // A message that cannot be addressed must not be lost: the whole command fails.
        rt.failures.push({ element: api.id, error: err });
      }
    }
    const spec = readLedgerSpec(api.owner.behaviour);
    if (!Object.keys(spec).length) return;
    try {
      const entry = evaluateLedgerSpec(spec, rt, api.id);
      rt.emit('ledgerEntry', api.id, { ...entry, name: api.owner.name, basis: readBasis(api.owner.behaviour) });
    } catch (err) {
      // A declared entry that cannot be written must not be lost: the whole command fails.
      rt.failures.push({ element: api.id, error: err });
    }
  });
  listener.on('flow.take', (api: { id: string; content: { sourceId: string; targetId: string } }) => {
    const src = source.getActivityById(api.content.sourceId);
    if (src && GATEWAY.test(src.type)) rt.emit('gatewayTaken', src.id, { flow: api.id, target: api.content.targetId });
  });

  if (state) {
    checkStateFits(state, source);
    engine.recover(JSON.parse(JSON.stringify(state)));
    await engine.resume({ listener });
  } else {
    rt.emit('started', source.getProcesses()[0]?.id ?? source.id);
    await engine.execute({ listener });
  }
  await settle();
  return session;
}

/** A multi-instance task's instances wait under the activity's own (root) execution. */
function rootExecutionId(api: TaskApi): string {
  const parent = api.content.parent as { executionId?: string } | undefined;
  return api.content.isMultiInstance && !api.content.isRootScope && parent?.executionId ? parent.executionId : api.executionId;
}

/**
 * Tasks inside a discarded or ended sub-process leave without an event reaching the engine's
 * listener, so the waiting set is checked against the activities themselves after each act;
 * when the process has ended (terminate), nothing is waiting any more.
 */
export function reconcileTasks(session: Session, rt: Runtime): void {
  for (const [id, api] of session.waits) {
    if (!session.ended && api.owner.isRunning && api.owner.executionId === id) continue;
    session.waits.delete(id);
  }
  for (const [id, api] of session.tasks) {
    // An instance of a multi-instance task leaves without a leave event of its own.
    const done = session.completed.has(id);
    if (!done && !session.ended && api.owner.isRunning && api.owner.executionId === rootExecutionId(api)) continue;
    session.tasks.delete(id);
    if (!session.completed.has(id)) rt.emit('taskCancelled', api.id, { taskId: id });
  }
}

/** Everything in bpmn-elements runs synchronously on its broker; one turn lets it finish. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Saves the state (only while running: an ended engine has nothing to save). The engine is not
 * stopped: stopping walks every activity's broker again (a third of a start's cost, measured)
 * only to clear timers, and ours are records in DurableTimers, not real timeouts. Nothing
 * outside this command references the engine, so it is simply dropped; `stopping` keeps a late
 * discard from being reported as a cancellation.
 */
export async function closeSession(session: Session, rt: Runtime): Promise<EngineState | null> {
  const { engine } = session;
  if (engine.state !== 'running') return null;
  const state = persistable(await engine.getState());
  patchTaskRecords(state, session.records);
  patchTaskDues(state, session.dues);
  rt.timers.stopping = true;
  return state;
}
