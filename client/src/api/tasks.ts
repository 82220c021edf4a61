// 待办 / 已办 and one task with its form (GET /api/tasks/:id).
import type { CaseRef, OpenTask } from './cases';
import { http } from './http';

export type InboxTask = OpenTask & { case: CaseRef };

export interface DoneTask {
  taskId: string;
  element: string;
  name?: string;
  completedAt: string;
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

export const openTasks = () => http.get<{ tasks: InboxTask[] }>('/api/tasks?status=open').then((r) => r.tasks);
export const doneTasks = () => http.get<{ tasks: DoneTask[] }>('/api/tasks?status=done').then((r) => r.tasks);
export const getTask = (id: string) => http.get<TaskDetail>(`/api/tasks/${encodeURIComponent(id)}`);
export const completeTask = (id: string, data: Record<string, unknown>) =>
  http.post<{ case: { id: string; status: string; version: number } }>(`/api/tasks/${encodeURIComponent(id)}/complete`, { data });
