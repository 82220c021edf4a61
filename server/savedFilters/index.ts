// 常用筛选 on the server: GET/POST /api/filters, DELETE /api/filters/:id (savedFilters.service.ts).
import { Router } from 'express';
import type { Connection } from 'mongoose';
import type { Guards } from '../http/actor';
import { extendApi } from '../http/openapi';
import { createSavedFiltersRepository } from './savedFilters.repository';
import { createSavedFiltersService } from './savedFilters.service';

export { FILTER_LISTS } from './savedFilters.service';

extendApi({
  '/api/filters': {
    get: { summary: '常用筛选：本人的与本院同事共享的（?list=cases|inbox-open|inbox-done）', roles: '任何已登录用户', query: ['list'] },
    post: { summary: '保存常用筛选（同名则替换）', roles: '任何已登录用户', body: '{list, name, params, shared?}' },
  },
  '/api/filters/{id}': { delete: { summary: '删除本人保存的常用筛选', roles: '保存人' } },
});

export function savedFiltersRoutes(opts: {
  connection: Connection; guards: Guards;
  people: (usernames: string[]) => Promise<Record<string, { label: string }>>;
}): Router {
  const service = createSavedFiltersService(createSavedFiltersRepository(opts.connection), opts.people);
  const { guards } = opts;
  const r = Router();
  r.get('/filters', guards.requireUser, async (req, res) => {
    res.json(await service.list(guards.actor(req), req.query.list));
  });
  r.post('/filters', guards.requireUser, async (req, res) => {
    res.status(201).json({ filter: await service.save(guards.actor(req), req.body) });
  });
  r.delete('/filters/:id', guards.requireUser, async (req, res) => {
    await service.remove(guards.actor(req), String(req.params.id));
    res.status(204).end();
  });
  return r;
}
