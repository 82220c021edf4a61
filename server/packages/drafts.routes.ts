// Drafts and version history (docs/PACKAGES.md「草稿与版本历史」). 流程管理员 only, and only of
// the court that issued the package (scope.ts); others get 404 as if the package did not exist.
import { Router, type Request } from 'express';
import type { Guards } from '../http/actor';
import { badRequest } from '../http/errors';
import type { DraftsService } from './drafts.service';

function versionParam(raw: unknown, field: string): number {
  const n = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(n) || n < 1) throw badRequest(`${field}应为正整数`, [{ field, message: '应为正整数' }]);
  return n;
}
const id = (req: Request) => String(req.params.id);

export function draftsRoutes(service: DraftsService, guards: Guards): Router {
  const r = Router();
  const admin = [guards.requireUser, guards.requireRole('流程管理员')];

  r.get('/package-drafts', ...admin, async (req, res) => {
    res.json({ drafts: await service.list(guards.actor(req)) });
  });
  r.get('/packages/:id/draft', ...admin, async (req, res) => {
    res.json({ draft: await service.get(id(req), guards.actor(req)) });
  });
  r.post('/packages/:id/draft', ...admin, async (req, res) => {
    const { created, draft } = await service.open(id(req), guards.actor(req));
    res.status(created ? 201 : 200).json({ draft });
  });
  r.put('/packages/:id/draft', ...admin, async (req, res) => {
    res.json({ draft: await service.save(id(req), req.body ?? {}, guards.actor(req)) });
  });
  r.delete('/packages/:id/draft', ...admin, async (req, res) => {
    await service.discard(id(req), guards.actor(req));
    res.status(204).end();
  });
  r.get('/packages/:id/draft/diff', ...admin, async (req, res) => {
    res.json(await service.diff(id(req), guards.actor(req)));
  });
  r.post('/packages/:id/draft/rebase', ...admin, async (req, res) => {
    res.json({ draft: await service.rebase(id(req), guards.actor(req)) });
  });
  r.post('/packages/:id/draft/publish', ...admin, async (req, res) => {
    res.json(await service.publish(id(req), req.body ?? {}, guards.actor(req)));
  });

  r.get('/packages/:id/history', ...admin, async (req, res) => {
    res.json({ versions: await service.history(id(req), guards.actor(req)) });
  });
  r.get('/packages/:id/diff', ...admin, async (req, res) => {
    res.json(await service.versionDiff(id(req), versionParam(req.query.from, 'from'), versionParam(req.query.to, 'to'), guards.actor(req)));
  });
  r.post('/packages/:id/rollback', ...admin, async (req, res) => {
    res.json(await service.rollback(id(req), versionParam((req.body ?? {}).version, 'version'), guards.actor(req)));
  });
  return r;
}
