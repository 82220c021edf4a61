// 待办 / 已办 and one task with its form (GET /api/tasks/:id).
import type { CaseRef, OpenTask } from './cases';
import { http, query } from './http';
import type { ListParams, Page } from './page';

export type InboxTask = OpenTask & { case: CaseRef };

export interface DoneTask {
  taskId: string;
  element: string;
  name?: string;
  by?: string;
  completedAt: string;
  dueAt?: string | null;
  /** Completed after its deadline (null: it had none). */
  late?: boolean | null;
  case: CaseRef;
}

export interface TaskForm {
  key: string;
  revision: number;
  schema: { display?: string; components: unknown[]; [k: string]: unknown };
}

export interface Cosigner { user: string; by: string; at: string; reason: string; signedAt?: string; opinion?: string }

/** What the signed-in user may do with the task now (server/tasks/README.md). */
export interface TaskActions {
  holder: string | null;
  claimedBy: string | null;
  delegation: { from: string; to: string; at: string; reason: string } | null;
  cosigners: Cosigner[];
  awaitingCosign: boolean;
  draft: { data: Record<string, unknown>; by: string; at: string } | null;
  may: {
    claim: boolean; release: boolean; transfer: boolean; delegate: boolean; returnDelegation: boolean;
    addCosigner: boolean; cosign: boolean; save: boolean; submit: boolean; returnTo: boolean;
  };
  colleagues: { username: string; name: string }[];
  cosignCandidates: { username: string; name: string; roles: string[] }[];
  returnTargets: { id: string; name?: string; refusal?: string }[];
}

export interface TaskDetail {
  task: InboxTask & { claimedBy?: string; draftAt?: string; awaitingCosign?: boolean };
  form?: TaskForm | null;
  prefill?: Record<string, unknown>;
  mayComplete: boolean;
  actions?: TaskActions | null;
  people?: Record<string, { label: string }>;
}

/** One page of 待办 / 已办 (parameters: README, API section). */
export const openTasks = (params: ListParams = {}) => http.get<Page<InboxTask>>(`/api/tasks${query({ ...params, status: 'open' })}`);
export const doneTasks = (params: ListParams = {}) => http.get<Page<DoneTask>>(`/api/tasks${query({ ...params, status: 'done' })}`);
export const getTask = (id: string) => http.get<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`);
/** 200: completed; 202 (awaitingCosign): held until every 加签 signature is in. */
export const completeTask = (id: string, data: Record<string, unknown>) =>
  http.post<{ case?: { id: string; status: string; version: number }; awaitingCosign?: boolean }>(`/api/tasks/${encodeURIComponent(id)}/complete`, { data });

const act = (id: string, action: string) => `/api/tasks/${encodeURIComponent(id)}/${action}`;
export const claimTask = (id: string) => http.post(act(id, 'claim'), {});
export const releaseTask = (id: string, reason = '') => http.post(act(id, 'release'), { reason });
export const transferTask = (id: string, to: string, reason: string) => http.post(act(id, 'transfer'), { to, reason });
export const delegateTask = (id: string, to: string, reason: string) => http.post(act(id, 'delegate'), { to, reason });
export const returnDelegation = (id: string, reason = '') => http.post(act(id, 'return-delegation'), { reason });
export const addCosigner = (id: string, user: string, reason: string) => http.post(act(id, 'cosigners'), { user, reason });
export const cosignTask = (id: string, opinion: string) => http.post<{ completed: boolean }>(act(id, 'cosign'), { opinion });
export const saveDraft = (id: string, data: Record<string, unknown>) => http.put(act(id, 'draft'), { data });
export const returnTask = (id: string, to: string, reason: string) => http.post(act(id, 'return'), { to, reason });
export const withdrawTask = (id: string, reason: string) => http.post(act(id, 'withdraw'), { reason });
