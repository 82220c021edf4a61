// /api/users: readers (系统管理员、流程管理员、院领导、督察) list their jurisdiction's users;
// only 系统管理员 create and change them.
import { Router, type Request } from 'express';
import { requireRole } from './guards';
import { USER_READER_ROLES } from './roles';
import { presentUser } from './users.presenter';
import type { UsersService } from './users.service';

export function usersRoutes(deps: { service: UsersService; now: () => Date }): Router {
  const { service, now } = deps;
  const router = Router();
  const actor = (req: Request) => ({ user: req.user!, ip: req.ip });

  router.get('/users', requireRole(...USER_READER_ROLES), async (req, res) => {
    const court = typeof req.query.court === 'string' ? req.query.court : undefined;
    const list = await service.listUsers(actor(req), { court });
    res.json({ users: list.map((u) => presentUser(u, now())) });
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
