// /api/notifications (server/notifications/README.md): the signed-in person's own messages.
import { reactive } from 'vue';
import { http } from '../../api/http';

export interface Message {
  id: string;
  kind: string;
  title: string;
  body: string;
  at: string;
  caseId?: string;
  caseNo?: string;
  taskId?: string;
  link?: string;
  read: boolean;
}

export interface MessagePage { items: Message[]; total: number; unread: number }

/** The header badge's figure, shared by the bell and the message page. */
export const unread = reactive({ count: 0 });

export async function refreshUnread(): Promise<number> {
  const r = await http.get<{ unread: number }>('/api/notifications/unread-count');
  unread.count = r.unread;
  return r.unread;
}

export async function listMessages(q: { unread: boolean; page: number; pageSize: number }): Promise<MessagePage> {
  const r = await http.get<MessagePage>(`/api/notifications?unread=${q.unread ? 1 : 0}&page=${q.page}&pageSize=${q.pageSize}`);
  unread.count = r.unread;
  return r;
}

export const markRead = (id: string) => http.post<{ ok: true }>(`/api/notifications/${encodeURIComponent(id)}/read`, {});
export const markAllRead = () => http.post<{ marked: number }>('/api/notifications/read', {});
