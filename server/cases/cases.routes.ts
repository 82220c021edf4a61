import { Router } from 'express';
// Reading cases. Opening one (POST /api/cases) is server/intake: through the package's start form.
import { notFound } from '../http/errors';
import type { Guards } from '../http/actor';
import { presentCase, presentCaseSummary } from './cases.presenter';
import type { CasesService } from './cases.service';
import type { CasesRepository } from './cases.repository';

export function casesRoutes(service: CasesService, cases: CasesRepository, guards: Guards): Router {
  const r = Router();

  r.get('/cases', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const filter: Record<string, unknown> = {};
    if (typeof req.query.status === 'string') filter.status = req.query.status;
    if (typeof req.query.court === 'string') {
      filter.$or = [{ supervisedCourt: req.query.court }, { supervisingCourt: req.query.court }];
    }
    const docs = await cases.list(filter, { limit: 200 });
    const visible = [];
    for (const d of docs) if (await guards.canSeeCase(actor, d)) visible.push(presentCaseSummary(d));
    res.json({ cases: visible });
  });

  r.get('/cases/:id', guards.requireUser, async (req, res) => {
    const doc = await service.get(String(req.params.id));
    if (!(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('案件不存在');
    res.json(presentCase(doc));
  });
  return r;
}
