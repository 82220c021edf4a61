// GET /api/cases/:id/calls: the case's parent (when a call activity started it) and the cases its
// call activities started; same visibility as the case (404 otherwise).
import { Router } from 'express';
import type { CasesService } from '../cases/cases.service';
import type { Guards } from '../http/actor';
import { notFound } from '../http/errors';
import type { CallsService } from './calls.service';

export function callsRoutes(calls: CallsService, cases: CasesService, guards: Guards): Router {
  const r = Router();
  r.get('/cases/:id/calls', guards.requireUser, async (req, res) => {
    const doc = await cases.get(String(req.params.id));
    if (!(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('案件不存在');
    res.json(await calls.links(doc));
  });
  return r;
}
