// GET /api/cases/:id/admin, POST /api/cases/:id/admin/{assignee,move,close,suspend,resume,retry}: the 系统管理员 of
// the supervising court (or of a court above it) only; anyone else meets 403 (404 outside
// their jurisdiction, like the case itself).
import { Router, type Request } from 'express';
import type { Guards } from '../http/actor';
import { forbidden, notFound } from '../http/errors';
import type { CasesRepository } from '../cases/cases.repository';
import { reasonOf } from '../tasks/actions.service';
import type { CaseAdminService } from './caseAdmin.service';

export const CASE_ADMIN_ROLE = '系统管理员';

export function caseAdminRoutes(service: CaseAdminService, cases: CasesRepository, guards: Guards): Router {
  const r = Router();
  const admin = [guards.requireUser, guards.requireRole(CASE_ADMIN_ROLE)];

  async function allowed(req: Request) {
    const id = String(req.params.id);
    const actor = guards.actor(req);
    const doc = /^[0-9a-f]{24}$/i.test(id) ? await cases.findById(id) : null;
    if (!doc || !(await guards.canSeeCase(actor, doc))) throw notFound('案件不存在');
    if (!(await guards.canReachCourt(actor, doc.supervisingCourt))) throw forbidden('只有督办法院（或其上级法院）的系统管理员可以管理本案');
    return { doc, actor };
  }

  r.get('/cases/:id/admin', ...admin, async (req, res) => {
    const { doc } = await allowed(req);
    res.json(await service.view(doc));
  });
  r.post('/cases/:id/admin/assignee', ...admin, async (req, res) => {
    const { actor } = await allowed(req);
    res.json({ task: await service.changeAssignee(String(req.params.id), req.body?.taskId, req.body?.to, reasonOf(req.body, true), actor) });
  });
  r.post('/cases/:id/admin/move', ...admin, async (req, res) => {
    const { actor } = await allowed(req);
    res.json(await service.move(String(req.params.id), req.body?.taskId, req.body?.to, reasonOf(req.body, true), actor));
  });
  r.post('/cases/:id/admin/close', ...admin, async (req, res) => {
    const { actor } = await allowed(req);
    res.json(await service.close(String(req.params.id), req.body?.kind, reasonOf(req.body, true), actor));
  });
  r.post('/cases/:id/admin/suspend', ...admin, async (req, res) => {
    const { actor } = await allowed(req);
    res.json(await service.suspend(String(req.params.id), reasonOf(req.body, true), actor));
  });
  r.post('/cases/:id/admin/resume', ...admin, async (req, res) => {
    const { actor } = await allowed(req);
    res.json(await service.resume(String(req.params.id), reasonOf(req.body, true), actor));
  });
  r.post('/cases/:id/admin/retry', ...admin, async (req, res) => {
    const { actor } = await allowed(req);
    res.json(await service.retry(String(req.params.id), reasonOf(req.body, true), req.body?.variables, actor));
  });
  return r;
}
