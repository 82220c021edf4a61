import { Router } from 'express';
import { forbidden, notFound } from '../http/errors';
import type { Guards } from '../http/actor';
import { presentCase, presentCaseSummary } from './cases.presenter';
import { caseListQuery } from './caseQuery';
import { assertStartInput, type CasesService } from './cases.service';
import type { CasesRepository } from './cases.repository';

/** Who may open a supervision case: the upper court's reviewers and handlers. */
const STARTERS = ['审查人员', '承办人', '流程管理员'];

export function casesRoutes(service: CasesService, cases: CasesRepository, guards: Guards, now: () => Date): Router {
  const r = Router();

  r.post('/cases', guards.requireUser, guards.requireRole(...STARTERS), async (req, res) => {
    const actor = guards.actor(req);
    const input = assertStartInput(req.body);
    // The supervising court is the actor's own; it must supervise the supervised court.
    const supervisingCourt = actor.court;
    if (!(await guards.canReachCourt(actor, input.supervisedCourt)) || input.supervisedCourt === actor.court) {
      throw forbidden('只能对本院辖区内的下级法院立案督办');
    }
    const doc = await service.start({ ...input, supervisingCourt }, actor);
    res.status(201).json(presentCase(doc));
  });

  // One page of the cases the user sees (server/cases/caseQuery.ts for the parameters).
  r.get('/cases', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const q = caseListQuery(req.query, await guards.visibleCourts(actor), now());
    const { items, total } = await cases.page(q);
    res.json({ items: items.map(presentCaseSummary), total, page: q.page, pageSize: q.pageSize });
  });

  r.get('/cases/:id', guards.requireUser, async (req, res) => {
    const doc = await service.get(String(req.params.id));
    if (!(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('案件不存在');
    res.json(presentCase(doc));
  });
  return r;
}
