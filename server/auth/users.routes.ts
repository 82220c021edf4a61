// /api/users: readers (系统管理员、流程管理员、院领导、督察) list their jurisdiction's users;
// only 系统管理员 create and change them.
import express, { Router, type Request } from 'express';
import { badRequest } from '../http/errors';
import { requireRole } from './guards';
import { USER_READER_ROLES } from './roles';
import { presentUser } from './users.presenter';
import { MAX_IMPORT_BYTES, type UsersImport } from './users.import';
import type { UsersService } from './users.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function usersRoutes(deps: { service: UsersService; imports: UsersImport; now: () => Date }): Router {
  const { service, imports, now } = deps;
  const router = Router();
  const actor = (req: Request) => ({ user: req.user!, ip: req.ip });

  router.get('/users', requireRole(...USER_READER_ROLES), async (req, res) => {
    const court = typeof req.query.court === 'string' ? req.query.court : undefined;
    const list = await service.listUsers(actor(req), { court });
    res.json({ users: list.map((u) => presentUser(u, now())) });
  });

  // Bulk import (users.import.ts): the template, then the file as the request body (.xlsx);
  // ?dryRun=true answers the per-row report and writes nothing.
  router.get('/users/import/template', requireRole('系统管理员'), async (req, res) => {
    const body = await imports.template(actor(req));
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="users-template.xlsx"; filename*=UTF-8''${encodeURIComponent('用户导入模板.xlsx')}`);
    res.send(body);
  });
  router.post('/users/import', requireRole('系统管理员'), express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }), async (req, res) => {
    const dryRun = req.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badRequest('dryRun 只能是 true 或 false', [{ field: 'dryRun', message: '格式不正确' }]);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (dryRun === 'true') return void res.json(await imports.dryRun(actor(req), body));
    res.status(201).json(await imports.run(actor(req), body));
  });

  router.get('/users/:username', requireRole(...USER_READER_ROLES), async (req, res) => {
    res.json({ user: presentUser(await service.loadInScope(actor(req), String(req.params.username)), now()) });
  });

  router.post('/users', requireRole('系统管理员'), async (req, res) => {
    res.status(201).json({ user: presentUser(await service.createUser(actor(req), req.body), now()) });
  });

  router.put('/users/:username', requireRole('系统管理员'), async (req, res) => {
    res.json({ user: presentUser(await service.updateUser(actor(req), String(req.params.username), req.body), now()) });
  });
  return router;
}
