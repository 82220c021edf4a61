// Pure filtering and ordering of the inbox, kept out of the view so it reads as rules.
import { urgencyOf, type Urgency } from '../../components/deadline';

export interface InboxRow {
  taskId: string;
  caseId: string;
  caseNo: string;
  enforcementCaseNo?: string;
  taskName: string;
  court?: string;
  /** 督办法院: for a lower court the court that supervises it (its own court is the 被督办法院). */
  supervisingCourt?: string;
  dueAt?: string;
  basis?: string;
  at?: string;
}

export type DeadlineFilter = '' | 'overdue' | 'warning' | 'normal' | 'none';

export interface Filters {
  text: string;
  court: string;
  deadline: DeadlineFilter;
}

const RANK: Record<Urgency, number> = { overdue: 0, warning: 1, normal: 2, none: 3 };

/** Most urgent first: overdue (longest overdue first), due soonest, then tasks without a deadline. */
export function byUrgency(now: number) {
  return (a: InboxRow, b: InboxRow) =>
    RANK[urgencyOf(a.dueAt, now)] - RANK[urgencyOf(b.dueAt, now)] ||
    (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) ||
    a.caseNo.localeCompare(b.caseNo, 'zh-CN');
}

export function applyFilters(rows: InboxRow[], f: Filters, now: number): InboxRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!text || r.caseNo.toLowerCase().includes(text) || (r.enforcementCaseNo ?? '').toLowerCase().includes(text)) &&
      (!f.court || r.court === f.court) &&
      (!f.deadline || urgencyOf(r.dueAt, now) === f.deadline),
  );
}
