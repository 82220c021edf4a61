// GET /api/cases query parameters → one query on the cases collection. Jurisdiction is part of
// the filter (the supervised courts the user sees), never applied to what was read.
// A case is listed under every court supervised in it (`supervisedCourts`, the 被督办法院 first):
// after a 交办 both the 中院 and the 基层 court find it, and `court=` matches either. 立案
// requires the supervising court to be the supervised court or above it, so every court that
// sees a case sees one of its supervised courts.
import { endOfBeijingWeek } from '../stats/week';
import type { ErrorDetail } from '../http/errors';
import { containing, dateParam, pageRequest, param, throwIfProblems } from '../http/paging';
import type { CaseListQuery } from './cases.repository';

export const CASE_SORTS = {
  createdAt: -1, firstDueAt: 1, closedAt: -1, caseNo: 1, enforcementCaseNo: 1, supervisedCourt: 1, supervisingCourt: 1, status: 1, process: 1,
} as const;
/** Sort names the list columns use → the stored field. */
const SORT_FIELD: Record<string, string> = { enforcementCaseNo: 'subject.enforcementCaseNo', process: 'definition.key' };
const STATUSES = ['running', 'completed', 'failed', 'suspended'];
/** due=: overdue (an open task past its deadline), week (the earliest due falls in this Beijing week, not yet overdue). */
export const DUE_FILTERS = ['overdue', 'week'];

export interface CaseListRequest extends CaseListQuery {
  page: number;
  pageSize: number;
}

export function caseListQuery(q: Record<string, unknown>, visibleCourts: string[], now: Date): CaseListRequest {
  const problems: ErrorDetail[] = [];
  const p = pageRequest(q, CASE_SORTS, problems);
  const and: Record<string, unknown>[] = [];
  const court = param(q, 'court', problems);
  // A court outside the user's jurisdiction simply has no cases for them (no probing).
  and.push({ supervisedCourts: court ? { $in: visibleCourts.includes(court) ? [court] : [] } : { $in: visibleCourts } });
  const status = param(q, 'status', problems);
  if (status && !STATUSES.includes(status)) problems.push({ field: 'status', message: 'status 只能是 running、completed、failed 或 suspended' });
  const due = param(q, 'due', problems);
  if (due && !DUE_FILTERS.includes(due)) problems.push({ field: 'due', message: 'due 只能是 overdue 或 week' });
  if (due) and.push({ status: 'running', firstDueAt: due === 'overdue' ? { $lte: now } : { $gt: now, $lt: endOfBeijingWeek(now) } });
  if (status && (!due || status !== 'running')) and.push({ status });
  const supervising = param(q, 'supervisingCourt', problems);
  if (supervising) and.push({ supervisingCourt: supervising });
  const process = param(q, 'process', problems);
  if (process) and.push({ 'definition.key': process });
  // 执行法院 / 执行案号 of the 执行案件 behind the case (server/enforcement); a case opened by hand
  // names no 执行法院, and its supervised court is the one that executes.
  const enforcementCourt = param(q, 'enforcementCourt', problems);
  if (enforcementCourt) and.push({ $or: [{ 'subject.enforcementCourt': enforcementCourt }, { 'subject.enforcementCourt': null, supervisedCourt: enforcementCourt }] });
  const enforcementCaseNo = param(q, 'enforcementCaseNo', problems);
  if (enforcementCaseNo) and.push({ 'subject.enforcementCaseNo': containing(enforcementCaseNo) });
  const from = dateParam(q, 'from', problems);
  const to = dateParam(q, 'to', problems, true);
  if (from || to) and.push({ createdAt: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } });
  const text = param(q, 'q', problems);
  if (text) {
    const re = containing(text);
    and.push({ $or: [{ caseNo: re }, { 'subject.enforcementCaseNo': re }, { 'subject.parties': re }, { 'subject.title': re }] });
  }
  throwIfProblems(problems);
  // Ties (same court, same status) keep a stable order: newest first.
  const sort: Record<string, 1 | -1> = { [SORT_FIELD[p.sort] ?? p.sort]: p.order };
  if (p.sort !== 'createdAt') sort.createdAt = -1;
  return { filter: flatten(and), sort, skip: p.skip, limit: p.pageSize, page: p.page, pageSize: p.pageSize };
}

/** Conditions on distinct fields as one object (the planner reads top-level fields and $and). */
function flatten(and: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rest: Record<string, unknown>[] = [];
  for (const c of and) for (const [k, v] of Object.entries(c)) (k in out || k === '$or' ? rest.push({ [k]: v }) : (out[k] = v));
  return rest.length ? { ...out, $and: rest } : out;
}
