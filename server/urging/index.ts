// 人工催办: POST /api/cases/:id/urge (server/urging/urging.service.ts).
import { Router } from 'express';
import type { Connection } from 'mongoose';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import type { Guards } from '../http/actor';
import { extendApi } from '../http/openapi';
import { createUrgingRepository } from './urging.repository';
import { URGER_ROLES, UrgingService } from './urging.service';

export { LEADER_ROLES, URGER_ROLES, UrgingService } from './urging.service';

extendApi({
  '/api/cases/{id}/urge': {
    post: { summary: '人工催办（{reason, taskId?}）：通知被督办法院的办理人及其审批人、院领导，记入案件流程记录；程序包规定时记入督办台账', roles: `${URGER_ROLES.join('、')}（本案督办法院）` },
  },
});

export function createUrging(opts: {
  connection: Connection; cases: CasesRepository; clock: Clock; guards: Guards;
  people: (usernames: string[]) => Promise<Record<string, { label: string }>>;
  courtName: (code: string) => Promise<string | undefined>;
}): Router {
  const service = new UrgingService({
    cases: opts.cases, repo: createUrgingRepository(opts.connection), clock: opts.clock,
    canSeeCase: (actor, c) => opts.guards.canSeeCase(actor, c), courtName: opts.courtName,
  });
  const r = Router();
  r.post('/cases/:id/urge', opts.guards.requireUser, opts.guards.requireRole(...URGER_ROLES), async (req, res) => {
    const result = await service.urge(opts.guards.actor(req), String(req.params.id), req.body);
    const people = await opts.people(result.recipients);
    res.status(201).json({ ...result, recipients: result.recipients.map((u) => ({ username: u, label: people[u]?.label ?? u })) });
  });
  return r;
}
