// Drafts and version history (docs/PACKAGES.md「草稿与版本历史」). 流程管理员 only, and only of
// the court that issued the package or one that supervises it: the shared scope guard
// (server/auth/scope.ts) answers 403 to any other administrator, as on the package routes.
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
  const ownPackage = guards.requireScope((req) => service.owned(id(req)));
  // A save may create the draft of a package never on the platform: owned by its manifest's province.
  const ownSaved = guards.requireScope((req) => {
    const province = (req.body as { content?: { manifest?: { province?: unknown } } } | undefined)?.content?.manifest?.province;
    return service.owned(id(req), typeof province === 'string' && province.trim() ? province.trim() : undefined);
  });

  r.get('/package-drafts', ...admin, async (req, res) => {
    const actor = guards.actor(req);
    res.json({ drafts: await service.list((owned) => guards.canReachCourt(actor, owned.court)) });
  });
  r.get('/packages/:id/draft', ...admin, ownPackage, async (req, res) => {
    res.json({ draft: await service.get(id(req)) });
  });
  r.post('/packages/:id/draft', ...admin, ownPackage, async (req, res) => {
    const { created, draft } = await service.open(id(req), guards.actor(req));
    res.status(created ? 201 : 200).json({ draft });
  });
  r.put('/packages/:id/draft', ...admin, ownSaved, async (req, res) => {
    res.json({ draft: await service.save(id(req), req.body ?? {}, guards.actor(req)) });
  });
  r.delete('/packages/:id/draft', ...admin, ownPackage, async (req, res) => {
    await service.discard(id(req));
    res.status(204).end();
  });
  r.get('/packages/:id/draft/diff', ...admin, ownPackage, async (req, res) => {
    res.json(await service.diff(id(req)));
  });
  r.post('/packages/:id/draft/rebase', ...admin, ownPackage, async (req, res) => {
    res.json({ draft: await service.rebase(id(req), guards.actor(req)) });
  });
  r.post('/packages/:id/draft/publish', ...admin, ownPackage, async (req, res) => {
    res.json(await service.publish(id(req), req.body ?? {}, guards.actor(req)));
  });

  r.get('/packages/:id/history', ...admin, ownPackage, async (req, res) => {
    res.json({ versions: await service.history(id(req)) });
  });
  r.get('/packages/:id/diff', ...admin, ownPackage, async (req, res) => {
    res.json(await service.versionDiff(id(req), versionParam(req.query.from, 'from'), versionParam(req.query.to, 'to')));
  });
  r.post('/packages/:id/rollback', ...admin, ownPackage, async (req, res) => {
    res.json(await service.rollback(id(req), versionParam((req.body ?? {}).version, 'version'), guards.actor(req)));
  });
  return r;
}
