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

export interface TaskDetail {
  task: InboxTask;
  form?: TaskForm | null;
  prefill?: Record<string, unknown>;
  mayComplete: boolean;
}

/** One page of 待办 / 已办 (parameters: README, API section). */
export const openTasks = (params: ListParams = {}) => http.get<Page<InboxTask>>(`/api/tasks${query({ ...params, status: 'open' })}`);
export const doneTasks = (params: ListParams = {}) => http.get<Page<DoneTask>>(`/api/tasks${query({ ...params, status: 'done' })}`);
export const getTask = (id: string) => http.get<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`);
export const completeTask = (id: string, data: Record<string, unknown>) =>
  http.post<{ case: { id: string; status: string; version: number } }>(`/api/tasks/${encodeURIComponent(id)}/complete`, { data });
