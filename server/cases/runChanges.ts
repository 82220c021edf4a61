// Turns one engine command's result into the case changes and history entries that the
// guarded update writes together (全程留痕: the record and the change are one write).
import type { RunResult } from '../engine';
import { randomUUID } from 'node:crypto';
import { TASK_ACTION_FIELDS, type CaseDoc, type CaseMessageWait, type CaseTimer, type HistoryEntry, type OpenTask, type OutboxMessage } from './case.model';
import { excludedUsers, panelMembersSat } from './caseCourts';
import type { CaseChanges } from './cases.repository';

export interface RunRecord {
  changes: CaseChanges;
  history: HistoryEntry[];
}

export function recordRun(
  before: Pick<CaseDoc, 'history' | 'openTasks' | 'outbox'> | null,
  result: RunResult,
  at: Date,
  actor: string,
  leading: Omit<HistoryEntry, 'seq' | 'at' | 'actor'>[] = [],
): RunRecord {
  const previousTasks = new Map((before?.openTasks ?? []).map((t) => [t.id, t]));
  const completedNow = result.events
    .filter((e) => e.type === 'taskCompleted')
    .map((e) => ({ type: e.type, element: e.element, actor: (e.data?.by as string | undefined) ?? actor, data: e.data }));
  const pastAndNow = [...(before?.history ?? []), ...completedNow];
  const openTasks: OpenTask[] = result.openTasks.map((t) => {
    // 回避: who completed the excluded tasks so far (re-derived on every write, so a completion
    // after this task opened counts too), whom the diagram names, and — in a 合议庭 — whoever
    // has already sat as another member of the same panel (the same person never sits twice).
    const excluded = [...new Set([
      ...excludedUsers(t.assignment.exclude, pastAndNow),
      ...(t.assignment.excludeUsers ?? []),
      ...(t.instance ? panelMembersSat(t.instance.of, pastAndNow) : []),
    ])];
    const before = previousTasks.get(t.id);
    // Claims, delegations, signatures and drafts of a task still open survive every command.
    const kept = Object.fromEntries(TASK_ACTION_FIELDS.filter((k) => before?.[k] !== undefined).map((k) => [k, before![k]]));
    return {
    ...kept,
    id: t.id,
    elementId: t.elementId,
    name: t.name,
    formKey: t.formKey,
    assignment: excluded.length ? { ...t.assignment, excludedUsers: excluded } : t.assignment,
    dueAt: t.due?.due ? new Date(t.due.due) : undefined,
    deadline: t.due,
    basis: t.basis,
    ...(t.instance ? { instance: t.instance } : {}),
    openedAt: previousTasks.get(t.id)?.openedAt ?? at,
    };
  });
  const timers: CaseTimer[] = result.timers.map((t) => ({
    id: t.id,
    elementId: t.elementId,
    name: t.name,
    kind: t.kind,
    attachedTo: t.attachedTo,
    dueAt: new Date(t.dueAt),
    notation: t.notation,
    deadline: t.deadline,
    basis: t.basis,
  }));
  const messageWaits: CaseMessageWait[] = (result.messageWaits ?? []).map((w) => ({ ...w, since: new Date(w.since) }));
  // Each message sent gets its id here, once: the outbox entry and its history entry carry it,
  // so publishing it again after a crash is a no-op (server/messages).
  const sent: OutboxMessage[] = [];
  for (const e of result.events) {
    if (e.type !== 'messageSent') continue;
    const d = e.data as { name: string; key: string; payload?: unknown; expiresAt?: string };
    const m: OutboxMessage = {
      id: randomUUID(), element: e.element, name: d.name, key: d.key, sentAt: at,
      ...(d.payload !== undefined ? { payload: d.payload } : {}),
      ...(d.expiresAt ? { expiresAt: new Date(d.expiresAt) } : {}),
    };
    e.data = { ...e.data, messageId: m.id };
    sent.push(m);
  }
  const nextDueAt = timers.reduce<Date | null>((min, t) => (!min || t.dueAt < min ? t.dueAt : min), null);
  const completed = result.status === 'completed';
  let seq = before?.history.length ?? 0;
  const entry = (e: Omit<HistoryEntry, 'seq' | 'at' | 'actor'>, who = actor): HistoryEntry => ({
    seq: ++seq,
    at,
    actor: who,
    ...e,
  });
  const history = [
    ...leading.map((e) => entry(e)),
    // Runtime warnings (a FEEL name without a value) are diagnostics, not steps of the case.
    ...result.events.filter((e) => e.type !== 'expressionWarning').map((e) =>
      entry({ type: e.type, element: e.element, data: e.data }, e.type === 'timerFired' ? 'system' : actor),
    ),
  ];
  return {
    changes: {
      // A closed case keeps its history and data, not its engine state: nothing runs on it
      // again (a migration takes running cases only), and the state is most of its bytes.
      engineState: result.state && !completed ? JSON.stringify(result.state) : null,
      variables: result.variables,
      openTasks,
      timers,
      nextDueAt: completed ? null : nextDueAt,
      messageWaits: completed ? [] : messageWaits,
      ...(sent.length ? { outbox: [...(before?.outbox ?? []), ...sent] } : {}),
      status: completed ? 'completed' : 'running',
      ...(completed ? { closedAt: at } : {}),
    },
    history,
  };
}
