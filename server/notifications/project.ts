// From a case's history to messages, pure: which entries speak to people, and to whom. The
// key (case, history seq) makes each entry's messages deterministic; a person is added to it.
import type { HistoryEntry, OpenTask } from '../cases/case.model';
import { readableInstant } from '../forms/dates';
import type { Draft, Recipients } from './kinds';

export interface CaseLike {
  _id: unknown;
  caseNo: string;
  status: string;
  openTasks: OpenTask[];
}

export interface Projected {
  key: string;
  draft: Draft;
  to: Recipients;
}

const due = (d?: Date | string | null) => (d ? `，办理期限 ${readableInstant(new Date(d), true)}` : '');

/**
 * - `taskOpened`: a task still open when projected (one done meanwhile needs no message) —
 *   「指派给我」 to its named user, else 「新任务」 to the holders of its role at its court.
 * - `taskAssigned` `{taskId, to}` (转办 / 委派 / 指定, task actions): 「指派给我」 to `to`.
 * - `urged` `{recipients, reason, tasks}`: 「催办」 to the people the 催办 named when it was made.
 */
export function projectEntry(c: CaseLike, h: HistoryEntry): Projected[] {
  const caseId = String(c._id);
  const key = `${caseId}:${h.seq}`;
  const data = (h.data ?? {}) as Record<string, unknown>;
  const base = { at: new Date(h.at), caseId, caseNo: c.caseNo };
  const open = (id: unknown) => (c.status === 'running' ? c.openTasks.find((t) => t.id === id) : undefined);

  if (h.type === 'taskOpened') {
    const task = open(data.taskId);
    const a = task?.assignment;
    if (!task || !a) return [];
    const name = task.name ?? task.elementId;
    const link = `/tasks/${task.id}`;
    if (a.user) {
      return [{ key, to: { users: [a.user] }, draft: { ...base, kind: '指派给我', taskId: task.id, link, title: `指派给您的任务：${name}`, body: `${c.caseNo}「${name}」指定由您办理${due(task.dueAt)}。` } }];
    }
    if (!a.court || !a.role) return [];
    return [{ key, to: { court: a.court, roles: [a.role], exclude: a.excludedUsers }, draft: { ...base, kind: '新任务', taskId: task.id, link, title: `新任务：${name}`, body: `${c.caseNo}「${name}」已到达本院${a.role}${due(task.dueAt)}。` } }];
  }
  if (h.type === 'taskAssigned' && typeof data.to === 'string') {
    const task = open(data.taskId);
    if (!task) return [];
    const name = task.name ?? task.elementId;
    return [{ key, to: { users: [data.to] }, draft: { ...base, kind: '指派给我', taskId: task.id, link: `/tasks/${task.id}`, title: `指派给您的任务：${name}`, body: `${c.caseNo}「${name}」指定由您办理${due(task.dueAt)}。` } }];
  }
  if (h.type === 'urged') {
    const recipients = (Array.isArray(data.recipients) ? data.recipients : []).filter((u): u is string => typeof u === 'string');
    const tasks = (Array.isArray(data.tasks) ? data.tasks : []) as { taskId: string; name?: string }[];
    const names = tasks.map((t) => `「${t.name ?? ''}」`).join('');
    const one = tasks.length === 1 ? tasks[0].taskId : undefined;
    return [{
      key,
      to: { users: recipients },
      draft: {
        ...base, kind: '催办', ...(one ? { taskId: one } : {}), link: `/cases/${caseId}`,
        title: `催办：${c.caseNo}`,
        body: `${String(data.byName ?? '上级法院')}催办${names}：${String(data.reason ?? '')}`,
      },
    }];
  }
  return [];
}
