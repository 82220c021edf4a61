import { Router } from 'express';
// Reading cases. Opening one (POST /api/cases) is server/intake: through the package's start form.
import { notFound } from '../http/errors';
import type { Guards, Owned } from '../http/actor';
import { presentCase, presentCaseSummary } from './cases.presenter';
import { caseListQuery } from './caseQuery';
import type { CasesService } from './cases.service';
import type { CasesRepository } from './cases.repository';
import { accountsOf, type People } from './people';

/**
 * The package a process belongs to (server/packages/owners.ts): a case runs under a package only
 * within the issuing court's jurisdiction (a 吉林 package is never started against 海南 courts).
 */
export type ProcessOwner = (key: string) => Promise<Owned | null>;

export function casesRoutes(
  service: CasesService, cases: CasesRepository, guards: Guards, now: () => Date, people: People = async () => ({}),
): Router {
  const r = Router();

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
