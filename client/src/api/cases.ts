// Cases and tasks as the API presents them (server/cases/cases.presenter.ts, tasks.routes.ts).
import { http, query } from './http';
import type { ListParams, Page } from './page';

export interface Assignment {
  court?: string;
  role?: string;
  user?: string;
}

/** A deadline's audit record (server/calendar/types.ts DeadlineResult), as JSON. */
export interface Deadline {
  due?: string;
  lastDay?: string;
  rule?: string;
  basis?: string;
  provisional?: boolean;
}

export interface OpenTask {
  id: string;
  elementId: string;
  name?: string;
  formKey?: string;
  assignment?: Assignment;
  dueAt?: string;
  deadline?: Deadline;
  basis?: string;
  openedAt?: string;
}

export interface CaseTimer {
  id: string;
  elementId: string;
  name?: string;
  kind?: string;
  attachedTo?: string;
  dueAt: string;
  notation?: string;
  deadline?: Deadline;
  basis?: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  type: string;
  element?: string;
  data?: Record<string, unknown>;
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  definition: { key: string; version: number };
  supervisingCourt: string;
  supervisedCourt: string;
  subject?: Record<string, unknown>;
  status: 'running' | 'completed' | 'failed';
  nextDueAt?: string | null;
  openTasks: OpenTask[];
  createdAt: string;
  closedAt?: string;
  version: number;
}

export interface CaseDetail {
  case: CaseSummary & { variables?: Record<string, unknown> };
  tasks: OpenTask[];
  timers: CaseTimer[];
  history: HistoryEntry[];
}

export interface CaseRef {
  id: string;
  caseNo: string;
  subject?: Record<string, unknown>;
  status: string;
  supervisedCourt?: string;
  supervisingCourt?: string;
  definition?: { key: string; version: number };
}

/** One page of the cases the user sees (parameters: README, API section). */
export const listCases = (params: ListParams = {}) => http.get<Page<CaseSummary>>(`/api/cases${query(params)}`);

export const getCase = (id: string) => http.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);

/** 执行案号 of the supervised enforcement case, when the case data has one. */
export const enforcementCaseNo = (c: { subject?: Record<string, unknown> } | undefined): string | undefined => {
  const v = c?.subject?.enforcementCaseNo;
  return typeof v === 'string' ? v : undefined;
};
