// /api/courts: anyone signed in reads the court list (it fills every court picker);
// 系统管理员 write within their jurisdiction.
import express, { Router, type RequestHandler } from 'express';
import { badRequest } from '../http/errors';
import type { CourtsRepository } from './courts.repository';
import { importCourts } from './courts.import';
import type { CourtEventSink, CourtsService } from './courts.service';
import type { Court } from './courts.types';

export interface CourtGuards {
  requireUser: RequestHandler;
  requireSystemAdmin: RequestHandler;
}

export const presentCourt = (c: Court) => ({
  code: c.code,
  name: c.name,
  level: c.level,
  kind: c.kind ?? null,
  parent: c.parent,
  province: c.province,
  ancestors: c.ancestors,
});

export function courtsRoutes(deps: {
  service: CourtsService;
  repo: CourtsRepository;
  events: CourtEventSink;
  guards: CourtGuards;
}): Router {
  const { service, guards } = deps;
  const router = Router();
  const actor = (req: express.Request) => ({ username: req.user!.username, court: req.user!.court });

  router.get('/courts', guards.requireUser, async (_req, res) => {
    res.json({ courts: (await service.list()).map(presentCourt) });
  });

  router.post('/courts', guards.requireUser, guards.requireSystemAdmin, async (req, res) => {
    res.status(201).json({ court: presentCourt(await service.createCourt(actor(req), req.body)) });
  });

  router.put('/courts/:code', guards.requireUser, guards.requireSystemAdmin, async (req, res) => {
    res.json({ court: presentCourt(await service.updateCourt(actor(req), String(req.params.code), req.body)) });
  });

  // Body: the CSV as text/csv or text/plain, or JSON {csv: "..."}.
  router.post(
    '/courts/import',
    guards.requireUser,
    guards.requireSystemAdmin,
    express.text({ type: ['text/csv', 'text/plain'], limit: '2mb' }),
    async (req, res) => {
      const csv = typeof req.body === 'string' ? req.body : req.body?.csv;
      if (typeof csv !== 'string') throw badRequest('请以 text/csv 提交 CSV 文本（或 JSON {"csv": "..."}）');
      res.json(await importCourts({ repo: deps.repo, events: deps.events }, actor(req), csv));
    },
  );
  return router;
}
