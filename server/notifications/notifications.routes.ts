// /api/notifications: the signed-in person's own messages (消息中心). Nobody reads another
// person's messages, whatever their role or court.
import { Router, type Request } from 'express';
import type { Guards } from '../http/actor';
import { badRequest } from '../http/errors';
import { extendApi } from '../http/openapi';
import type { NotificationsService } from './notifications.service';

extendApi({
  '/api/notifications': { get: { summary: '本人的消息（新任务、指派、临期预警、逾期、催办、台账后果、每日摘要；?unread=1&page=&pageSize=）', roles: '任何已登录用户' } },
  '/api/notifications/unread-count': { get: { summary: '本人未读消息数', roles: '任何已登录用户' } },
  '/api/notifications/{id}/read': { post: { summary: '标记一条消息为已读', roles: '消息的接收人' } },
  '/api/notifications/read': { post: { summary: '标记本人的消息为已读（{ids} 或全部）', roles: '任何已登录用户' } },
});

function intParam(req: Request, name: string, min: number, max: number, fallback: number): number {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`参数 ${name} 应为 ${min}–${max} 的整数`, [{ field: name, message: '取值不正确' }]);
  return n;
}

export function notificationsRoutes(service: NotificationsService, guards: Guards): Router {
  const r = Router();
  r.get('/notifications', guards.requireUser, async (req, res) => {
    const unread = req.query.unread;
    if (unread !== undefined && unread !== '1' && unread !== '0' && unread !== '') throw badRequest('参数 unread 应为 1 或 0', [{ field: 'unread', message: '取值不正确' }]);
    res.json(await service.list(guards.actor(req), {
      unread: unread === '1', page: intParam(req, 'page', 1, 100_000, 1), pageSize: intParam(req, 'pageSize', 1, 100, 20),
    }));
  });
  r.get('/notifications/unread-count', guards.requireUser, async (req, res) => {
    res.json({ unread: await service.unreadCount(guards.actor(req)) });
  });
  r.post('/notifications/read', guards.requireUser, async (req, res) => {
    res.json({ marked: await service.markAllRead(guards.actor(req), req.body) });
  });
  r.post('/notifications/:id/read', guards.requireUser, async (req, res) => {
    const id = String(req.params.id);
    if (id.length > 300) throw badRequest('消息编号不正确');
    await service.markRead(guards.actor(req), id);
    res.json({ ok: true });
  });
  return r;
}
