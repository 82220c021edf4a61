// GET /api/tasks query parameters → one query on the inbox or finishedTasks rows. The user's
// queues (their name, each of their roles at their court) are the first condition, so every
// page is an index range whatever the number of cases.
import type { Actor } from '../http/actor';
import type { ErrorDetail } from '../http/errors';
import { containing, dateParam, pageRequest, param, throwIfProblems } from '../http/paging';
import { endOfBeijingWeek } from '../stats/week';
import { NEVER, queuesOf } from './rows';

export const INBOX_SORTS = { dueAt: 1, openedAt: -1, caseNo: 1, name: 1, supervisedCourt: 1, supervisingCourt: 1 } as const;
export const DONE_SORTS = { completedAt: -1, caseNo: 1, element: 1, supervisedCourt: 1, supervisingCourt: 1 } as const;
const SORT_FIELD: Record<string, string> = { dueAt: 'dueSort', openedAt: 'openedAt', completedAt: 'completedAt', name: 'task.name' };

export interface WorklistQuery {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
  skip: number;
  limit: number;
  page: number;
  pageSize: number;
}

export function worklistQuery(q: Record<string, unknown>, actor: Actor, status: 'open' | 'done', now: Date): WorklistQuery {
  const problems: ErrorDetail[] = [];
  const p = pageRequest<string>(q, status === 'open' ? INBOX_SORTS : DONE_SORTS, problems);
  // 回避 (server/engine/README.md): a user a task excludes does not see it in the inbox either.
  const filter: Record<string, unknown> = status === 'open'
    ? { queue: { $in: queuesOf(actor) }, 'task.assignment.excludedUsers': { $ne: actor.username } }
    : { by: actor.username };
  const at = status === 'open' ? 'openedAt' : 'completedAt';
  if (status === 'open') {
    const due = param(q, 'due', problems);
    if (due === 'overdue') filter.dueSort = { $lte: now };
    else if (due === 'week') filter.dueSort = { $gt: now, $lt: endOfBeijingWeek(now) };
    else if (due === 'none') filter.dueSort = NEVER;
    else if (due) problems.push({ field: 'due', message: 'due 只能是 overdue、week 或 none' });
  }
  const court = param(q, 'court', problems);
  if (court) filter.supervisedCourts = court;
  const supervising = param(q, 'supervisingCourt', problems);
  if (supervising) filter.supervisingCourt = supervising;
  const process = param(q, 'process', problems);
  if (process) filter.process = process;
  // 执行法院 / 执行案号 (server/enforcement), as the case list filters them.
  const and: Record<string, unknown>[] = [];
  const enforcementCourt = param(q, 'enforcementCourt', problems);
  if (enforcementCourt) and.push({ $or: [{ 'subject.enforcementCourt': enforcementCourt }, { 'subject.enforcementCourt': null, supervisedCourt: enforcementCourt }] });
  const enforcementCaseNo = param(q, 'enforcementCaseNo', problems);
  if (enforcementCaseNo) filter['subject.enforcementCaseNo'] = containing(enforcementCaseNo);
  const from = dateParam(q, 'from', problems);
  const to = dateParam(q, 'to', problems, true);
  if (from || to) filter[at] = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
  const text = param(q, 'q', problems);
  if (text) {
    const re = containing(text);
    and.push({ $or: [{ caseNo: re }, { 'subject.enforcementCaseNo': re }, { 'subject.parties': re }, { 'subject.title': re }] });
  }
  if (and.length === 1) Object.assign(filter, and[0]);
  else if (and.length) filter.$and = and;
  throwIfProblems(problems);
  const sort: Record<string, 1 | -1> = { [SORT_FIELD[p.sort] ?? p.sort]: p.order };
  if (!(p.sort in SORT_FIELD)) sort[at] = -1; // ties: the latest first
  return { filter, sort, skip: p.skip, limit: p.pageSize, page: p.page, pageSize: p.pageSize };
}
