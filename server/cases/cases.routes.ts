import { Router } from 'express';
import { forbidden, notFound } from '../http/errors';
import type { Guards, Owned } from '../http/actor';
import { presentCase, presentCaseSummary } from './cases.presenter';
import { caseListQuery } from './caseQuery';
import { assertStartInput, type CasesService } from './cases.service';
import type { CasesRepository } from './cases.repository';
import { accountsOf, type People } from './people';

/** Who may open a supervision case: the upper court's reviewers and handlers. */
const STARTERS = ['审查人员', '承办人', '流程管理员'];

/**
 * The package a process belongs to (server/packages/owners.ts): a case runs under a package only
 * within the issuing court's jurisdiction (a 吉林 package is never started against 海南 courts).
 */
export type ProcessOwner = (key: string) => Promise<Owned | null>;

export function casesRoutes(
  service: CasesService, cases: CasesRepository, guards: Guards, now: () => Date, people: People = async () => ({}),
  ownerOfProcess: ProcessOwner = async () => null,
): Router {
  const r = Router();

  r.post('/cases', guards.requireUser, guards.requireRole(...STARTERS), async (req, res) => {
    const actor = guards.actor(req);
    const input = assertStartInput(req.body);
    // The supervising court is the actor's own; it must supervise the supervised court.
    const supervisingCourt = actor.court;
    if (!(await guards.canReachCourt(actor, input.supervisedCourt)) || input.supervisedCourt === actor.court) {
      throw forbidden('只能对本院辖区内的下级法院立案督办');
    }
    const owner = await ownerOfProcess(input.process);
    if (owner && !((await guards.withinOwner(owner.court, supervisingCourt)) && (await guards.withinOwner(owner.court, input.supervisedCourt)))) {
      throw forbidden(`${owner.label}的流程只能在发布法院辖区内立案使用`);
    }
    const doc = await service.start({ ...input, supervisingCourt }, actor);
    res.status(201).json(presentCase(doc, await people(accountsOf(doc))));
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
    res.json(presentCase(doc, await people(accountsOf(doc))));
  });
  return r;
}
