// What the worklists hold, derived from one case alone (so a row can always be rebuilt from its
// case): one inbox row per open task, one finished-task row per task completed or cancelled.
import type { CaseDoc, OpenTask } from '../cases/case.model';

/** Sorts after every real instant: tasks without a deadline come last, cases without one too. */
export const NEVER = new Date('9999-12-31T00:00:00Z');

/** Whose work a task is: one named user, or a role at a court. */
export function queueOf(a: OpenTask['assignment']): string | undefined {
  if (!a) return undefined;
  if (a.user) return `user:${a.user}`;
  return a.court && a.role ? `${a.court}|${a.role}` : undefined;
}

/** Every queue a user works (the same rule as userMatchesAssignment). */
export const queuesOf = (u: { username: string; court: string; roles: readonly string[] }) => [
  `user:${u.username}`,
  ...u.roles.map((r) => `${u.court}|${r}`),
];

/** A case as the rows need it: everything but the engine state. */
export type CaseForRows = Omit<CaseDoc, 'engineState'>;

/** The fields of a case every row repeats, for searching and showing without a join. */
function caseFields(d: CaseForRows) {
  return {
    caseId: d._id,
    caseVersion: d.version,
    caseNo: d.caseNo,
    subject: d.subject ?? {},
    supervisedCourt: d.supervisedCourt,
    // Every court supervised in the case: `court=` on the lists matches any of them.
    supervisedCourts: d.supervisedCourts?.length ? d.supervisedCourts : [d.supervisedCourt],
    supervisingCourt: d.supervisingCourt,
    process: d.definition.key,
    definition: d.definition,
    caseStatus: d.status,
  };
}

export type InboxRow = ReturnType<typeof inboxRows>[number];

export function inboxRows(d: CaseForRows) {
  if (d.status !== 'running') return [];
  // When the case last changed (platform time): the deadline sweep (server/notifications) looks
  // only at rows changed since its last pass, beside those whose deadline it has just reached.
  const changedAt = d.history.reduce<Date>((m, h) => (h.at > m ? h.at : m), d.createdAt);
  return d.openTasks.flatMap((t) => {
    const queue = queueOf(t.assignment);
    // The saved form and a waiting submission stay with the case, not in every inbox row.
    const { draft, pendingSubmission, ...task } = t;
    const listed = { ...task, ...(draft ? { draftAt: draft.at } : {}), ...(pendingSubmission ? { awaitingCosign: true } : {}) };
    return queue ? [{ _id: `${String(d._id)}:${t.id}`, queue, dueSort: t.dueAt ?? NEVER, task: listed, openedAt: t.openedAt ?? d.createdAt, changedAt, ...caseFields(d) }] : [];
  });
}

export type FinishedRow = ReturnType<typeof finishedRows>[number];

/**
 * Tasks that ended, from the history. `late` is the timeliness verdict (server/stats/README.md):
 * false = completed before the due instant in force, true = completed after it or taken away
 * by the deadline itself, null = no deadline, no court, or cancelled before its deadline.
 */
export function finishedRows(d: CaseForRows) {
  interface T { element?: string; court?: string; due?: Date; openedAt?: Date; completedAt?: Date; cancelledAt?: Date; by?: string }
  const tasks = new Map<string, T>();
  const sorted = [...d.history].sort((a, b) => a.seq - b.seq);
  for (const h of sorted) {
    const data = (h.data ?? {}) as { taskId?: string; assignment?: { court?: string }; dueAt?: string | Date; to?: string | Date };
    if (!data.taskId) continue;
    const t = tasks.get(data.taskId) ?? {};
    tasks.set(data.taskId, t);
    if (h.type === 'taskOpened') {
      t.element = h.element;
      t.openedAt = h.at;
      if (data.assignment?.court && (!t.court || data.assignment.court > t.court)) t.court = data.assignment.court;
      if (data.dueAt) t.due = new Date(data.dueAt);
    } else if (h.type === 'taskDueChanged') {
      if (data.to) t.due = new Date(data.to);
    } else if (h.type === 'taskCompleted') {
      t.completedAt = h.at;
      t.by = h.actor;
      t.element ??= h.element;
    } else if (h.type === 'taskCancelled') {
      t.cancelledAt = h.at;
      t.element ??= h.element;
    }
  }
  return [...tasks].flatMap(([taskId, t]) => {
    if (!t.completedAt && !t.cancelledAt) return [];
    let late: boolean | null = null;
    if (t.due && t.court) {
      if (t.completedAt) late = t.completedAt > t.due;
      else if (t.cancelledAt! >= t.due) late = true; // taken away by the deadline
    }
    return [{
      _id: `${String(d._id)}:${taskId}`, taskId, element: t.element, court: t.court ?? null, dueAt: t.due ?? null,
      openedAt: t.openedAt ?? null, completedAt: t.completedAt ?? null, cancelledAt: t.cancelledAt ?? null,
      by: t.completedAt ? t.by ?? null : null, late, ...caseFields(d),
    }];
  });
}
