// The stateless command: one command in, the full new persisted state out. The caller (the
// cases service) saves state + openTasks + timers + nextDueAt + variables + events in ONE
// guarded single-document update; nothing here touches a database or the real clock.
import { reviveDeadline } from './deadlines';
import { isCycleRecord, occurrenceData } from './cycles';
import { InvalidCommand, ProcessFailure, TaskNotOpen, TimerNotArmed, TimerNotDue } from './errors';
import { evaluate, fromFeel } from './feel';
import { type TaskRecord, readBasis, readOutputs, readTaskMeta, resolveAssignment } from './extensions';
import { instanceList, isInstance } from './loopSpec';
import { type Runtime, createRuntime } from './runtime';
import { applyPayload, type MessageWaitRecord } from './messages';
import { deliverOutcome, isCall, type ChildOutcome } from './calls';
import { type Session, closeSession, openSession, reconcileTasks, settle } from './session';
import { type SourceContext, loadSource } from './source';
import { type ArmedTimer, DurableTimers } from './timers';
import type { DeliveredMessage, MessageWait, OpenTask, RunInput, RunResult, TimerInfo, TimerKind } from './types';

function describeFailure(f: { element?: string; error: unknown }): string {
  const err = f.error as { message?: string; source?: { content?: { id?: string } } };
  const element = f.element ?? err?.source?.content?.id;
  return `${element ? `元素 ${element}：` : ''}${err?.message ?? String(f.error)}`;
}

function failIfBroken(rt: Runtime): void {
  if (!rt.failures.length) return;
  const first = rt.failures[0];
  throw new ProcessFailure(`流程运行失败：${rt.failures.map(describeFailure).join('；')}`, first.element, first.error);
}

export function openTaskOf(session: Session, id: string, rt: Runtime): OpenTask {
  const api = session.tasks.get(id)!;
  // Form key and basis are static per diagram version: read them from the running version
  // (a migrated task shows its new form); assignment and due were fixed when it opened.
  const meta = readTaskMeta(api.owner.behaviour);
  const rec = (api.content.duban as TaskRecord | undefined)
    ?? { assignment: resolveAssignment(meta, rt.variables, { now: rt.now, courts: rt.courts }), openedAt: rt.at };
  const due = session.dues.has(id) ? session.dues.get(id) : rec.due;
  const basis = meta.basis ?? rec.basis;
  return {
    id, elementId: api.id, name: api.name ?? api.owner.name, formKey: meta.formKey ?? rec.formKey,
    assignment: rec.assignment, ...(due ? { due: reviveDeadline(due.deadline) } : {}),
    ...(basis ? { basis } : {}), openedAt: rec.openedAt, ...(rec.instance ? { instance: rec.instance } : {}),
  };
}

export function timerInfo(source: SourceContext, t: ArmedTimer): TimerInfo {
  const def = source.getActivityById(t.elementId);
  const b = (def?.behaviour ?? {}) as { name?: string; cancelActivity?: boolean; attachedTo?: { id?: string } };
  const attachedTo = b.attachedTo?.id ?? (t.owner.attachedTo as string | undefined);
  const kind: TimerKind = !attachedTo ? 'intermediate' : b.cancelActivity === false ? 'non-interrupting' : 'interrupting';
  const rec = t.owner.duban!;
  const basis = readBasis(def?.behaviour);
  return {
    id: t.id, elementId: t.elementId, ...(b.name ? { name: b.name } : {}), kind,
    ...(attachedTo ? { attachedTo } : {}), dueAt: rec.dueAt, deadline: reviveDeadline(rec.deadline),
    notation: rec.notation, ...(basis ? { basis } : {}),
  };
}

const KIND_ORDER: Record<TimerKind, number> = { interrupting: 0, intermediate: 1, 'non-interrupting': 2 };

/**
 * Due order; on the same instant an interrupting deadline comes before a warning, so a caller
 * that fires "the earliest" never sends a reminder for a task the deadline has just cancelled.
 */
export function sortTimers(timers: TimerInfo[]): TimerInfo[] {
  return [...timers].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** The earliest due instant: what the scheduler's `nextDueAt <= now` query looks at. */
export function nextDueAt(timers: Pick<TimerInfo, 'dueAt'>[]): string | null {
  let min: string | null = null;
  for (const t of timers) if (min === null || Date.parse(t.dueAt) < Date.parse(min)) min = t.dueAt;
  return min;
}

function complete(session: Session, rt: Runtime, input: RunInput, taskId: string, data: unknown): void {
  const api = session.tasks.get(taskId);
  if (!api) throw new TaskNotOpen(taskId);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InvalidCommand('表单数据必须是对象');
  // The form's data lives under the task's namespace; output parameters copy to case names.
  // A multi-instance task's member fills entry `index` of the list under the task's id.
  const submitted = JSON.parse(JSON.stringify(data));
  if (isInstance(api.content as { index?: unknown })) instanceList(rt.variables, api.id, Number(api.content.loopCardinality))[Number(api.content.index)] = submitted;
  else rt.variables[api.id] = submitted;
  for (const o of readOutputs(api.owner.behaviour)) {
    const r = evaluate(o.expression, rt.variables, { now: rt.now, courts: rt.courts });
    for (const w of r.warnings) rt.emit('expressionWarning', api.id, { expression: o.expression, warning: w });
    rt.variables[o.name] = fromFeel(r.value) ?? null;
  }
  session.completed.add(taskId);
  const by = typeof input.actor === 'string' ? input.actor : input.actor?.username;
  rt.emit('taskCompleted', api.id, { taskId, by });
  api.signal({ by });
}

/**
 * 退回 / moving a token: the target element starts afresh (its task opens and its deadlines and
 * boundary timers are armed from now, as on a first arrival), then the waiting task is
 * discarded (its timers cancelled). Target first: with nothing running the process would end.
 */
function moveToken(session: Session, rt: Runtime, taskId: string, to: string): void {
  const api = session.tasks.get(taskId) as (Session['tasks'] extends Map<string, infer A> ? A : never) & { discard(): void } | undefined;
  if (!api) throw new TaskNotOpen(taskId);
  // The sibling in the task's own execution context (a sub-process has its own copy).
  const owner = api.owner as unknown as { context: { getActivityById(id: string): { isRunning: boolean; run(): void } | null } };
  const target = owner.context.getActivityById(to);
  if (!target) throw new InvalidCommand(`流程图中没有元素 ${to}`);
  if (target.isRunning) throw new InvalidCommand(`元素 ${to} 正在运行，不能再移入`);
  target.run();
  api.discard();
}

function fire(session: Session, rt: Runtime, timerId: string): void {
  const t = rt.timers.get(timerId);
  if (!t) throw new TimerNotArmed(timerId);
  const dueAt = t.owner.duban!.dueAt;
  if (rt.now.getTime() < Date.parse(dueAt)) {
    // A provisional deadline recomputed on resume (R11) may have moved: save, do not fire.
    const moved = rt.events.some((e) => e.type === 'timerRescheduled' && e.data?.timerId === timerId);
    if (moved) return;
    throw new TimerNotDue(timerId, dueAt, rt.now);
  }
  const record = t.owner.duban!;
  if (isCycleRecord(record)) {
    rt.variables[t.elementId] = occurrenceData(record, rt.variables[t.elementId]);
    rt.emit('timerFired', t.elementId, { timerId, dueAt, notation: record.notation, occurrence: rt.variables[t.elementId] });
  } else rt.emit('timerFired', t.elementId, { timerId, dueAt, notation: record.notation });
  rt.timers.fire(timerId);
}

function deliver(session: Session, rt: Runtime, waitId: string, message: DeliveredMessage, source: SourceContext): void {
  const api = session.waits.get(waitId);
  if (!api) throw new InvalidCommand(`没有等待消息的元素 ${waitId}（已收到消息或已结束）`);
  const rec = api.content.dubanMessage as MessageWaitRecord;
  if (rec.name !== message.name || rec.key !== message.key) {
    throw new InvalidCommand(`消息「${message.name}」（${message.key}）与等待的「${rec.name}」（${rec.key}）不符`);
  }
  rt.emit('messageReceived', api.id, {
    waitId, messageId: message.id, name: message.name, key: message.key, ...(message.from ? { from: message.from } : {}),
  });
  if (isCall(api)) return deliverOutcome(api as never, source, rt, message.payload as ChildOutcome);
  applyPayload(rt, api.id, api.owner.behaviour, message.payload ?? null);
  api.signal({ messageId: message.id });
}

export function messageWaitOf(session: Session, id: string): MessageWait {
  const api = session.waits.get(id)!;
  const rec = api.content.dubanMessage as MessageWaitRecord;
  return { id, elementId: api.id, name: rec.name, key: rec.key, since: rec.since };
}

function checkInput(input: RunInput): void {
  const c = input.command;
  if (!c || !['start', 'complete', 'fireTimer', 'recompute', 'deliverMessage', 'moveToken'].includes(c.type)) throw new InvalidCommand('未知的命令');
  if (c.type === 'start' && input.state) throw new InvalidCommand('案件流程已启动，不能再次启动');
  if (c.type !== 'start' && !input.state) throw new InvalidCommand('案件流程尚未启动或已结束');
  if (!input.calendar) throw new InvalidCommand('缺少节假日日历');
}

/** Runs one command against a case's engine state. Throws EngineError subclasses. */
export async function run(input: RunInput): Promise<RunResult> {
  checkInput(input);
  const source = await loadSource(input.source);
  const rt = createRuntime({
    now: input.now, calendar: input.calendar, variables: JSON.parse(JSON.stringify(input.variables ?? {})),
    courts: input.courts, exclusions: input.exclusions, extensions: input.extensions, timers: new DurableTimers(),
  });
  const { command } = input;
  rt.recompute = command.type === 'recompute';
  if (command.type === 'fireTimer') rt.firingId = command.timerId;

  const session = await openSession(source, rt, input.state ?? null);
  try {
    failIfBroken(rt);
    if (command.type === 'complete') complete(session, rt, input, command.taskId, command.data);
    if (command.type === 'fireTimer') fire(session, rt, command.timerId);
    if (command.type === 'deliverMessage') deliver(session, rt, command.waitId, command.message, source);
    if (command.type === 'moveToken') moveToken(session, rt, command.taskId, command.to);
    await settle();
    failIfBroken(rt);
    reconcileTasks(session, rt);
  } catch (err) {
    await closeSession(session, rt).catch(() => undefined);
    throw err;
  }
  const openTasks = [...session.tasks.keys()].map((id) => openTaskOf(session, id, rt));
  const timers = sortTimers(rt.timers.armed().map((t) => timerInfo(source, t)));
  const messageWaits = [...session.waits.keys()].map((id) => messageWaitOf(session, id));
  const state = await closeSession(session, rt);
  if (state && !openTasks.length && !timers.length && !messageWaits.length) {
    throw new ProcessFailure('流程停在没有待办任务、定时器或等待的消息的位置（无法再推进），本次操作未保存');
  }
  return {
    state, status: state ? 'running' : 'completed', openTasks, timers, nextDueAt: nextDueAt(timers), messageWaits,
    events: rt.events, variables: rt.variables,
  };
}
