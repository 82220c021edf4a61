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
  /** Every court under supervision in the case, supervisedCourt first (交办 adds the 中院). */
  supervisedCourts?: string[];
  subject?: Record<string, unknown>;
  status: 'running' | 'completed' | 'failed' | 'suspended';
  nextDueAt?: string | null;
  openTasks: OpenTask[];
  createdAt: string;
  closedAt?: string;
  version: number;
}

/** A person as the server names them (server/cases/people.ts). */
export interface Person {
  name: string;
  court?: string;
  courtName?: string;
  /** 姓名（法院） */
  label: string;
}
export type People = Record<string, Person>;

export interface CaseDetail {
  case: CaseSummary & { variables?: Record<string, unknown> };
  tasks: OpenTask[];
  timers: CaseTimer[];
  history: HistoryEntry[];
  /** Every account the record names → 姓名（法院）. */
  people?: People;
}

/** One submitted form of a case (GET /api/cases/:id/submissions). */
export interface CaseSubmission {
  taskId: string;
  element?: string;
  form: { key: string; revision: number };
  data: Record<string, unknown>;
  by: string;
  at: string;
  seq?: number;
}
export interface CaseSubmissions {
  documents: CaseSubmission[];
  /** 'key@revision' → the revision the document was submitted on. */
  forms: Record<string, { key: string; revision: number; title?: string; schema: { components?: unknown[]; [k: string]: unknown } }>;
  people: People;
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

export const getCaseSubmissions = (id: string) => http.get<CaseSubmissions>(`/api/cases/${encodeURIComponent(id)}/submissions`);

/** 执行案号 of the supervised enforcement case, when the case data has one. */
export const enforcementCaseNo = (c: { subject?: Record<string, unknown> } | undefined): string | undefined => {
  const v = c?.subject?.enforcementCaseNo;
  return typeof v === 'string' ? v : undefined;
};
