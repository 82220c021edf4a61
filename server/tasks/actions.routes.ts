// POST /api/tasks/:id/{claim,release,transfer,delegate,return-delegation,cosigners,cosign,save,
// return} and /api/tasks/:id/withdraw (a completed task of mine), /api/tasks/batch. Every route
// is the signed-in user's; jurisdiction and role are checked in the service (holder.ts).
import { Router } from 'express';
import type { Guards } from '../http/actor';
import { reasonOf, type TaskActionsService } from './actions.service';

export function taskActionsRoutes(actions: TaskActionsService, guards: Guards, submit: (taskId: string, data: Record<string, unknown>, actor: ReturnType<Guards['actor']>) => Promise<unknown>): Router {
  const r = Router();
  const id = (req: { params: Record<string, unknown> }) => String(req.params.id);

  r.post('/tasks/batch', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    res.json(await actions.batch(req.body?.taskIds, req.body?.data, actor, (taskId, data) => submit(taskId, data, actor)));
  });
  r.post('/tasks/:id/claim', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.claim(id(req), guards.actor(req)) });
  });
  r.post('/tasks/:id/release', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.release(id(req), guards.actor(req), reasonOf(req.body, false)) });
  });
  r.post('/tasks/:id/transfer', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.transfer(id(req), guards.actor(req), req.body?.to, reasonOf(req.body, true)) });
  });
  r.post('/tasks/:id/delegate', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.delegate(id(req), guards.actor(req), req.body?.to, reasonOf(req.body, true)) });
  });
  r.post('/tasks/:id/return-delegation', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.returnDelegation(id(req), guards.actor(req), reasonOf(req.body, false)) });
  });
  r.post('/tasks/:id/cosigners', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.addCosigner(id(req), guards.actor(req), req.body?.user, reasonOf(req.body, true)) });
  });
  r.post('/tasks/:id/cosign', guards.requireUser, async (req, res) => {
    const opinion = req.body?.opinion === undefined ? '' : reasonOf({ reason: req.body.opinion }, false);
    res.json(await actions.cosign(id(req), guards.actor(req), opinion));
  });
  r.put('/tasks/:id/draft', guards.requireUser, async (req, res) => {
    res.json({ task: await actions.save(id(req), guards.actor(req), req.body?.data) });
  });
  r.post('/tasks/:id/return', guards.requireUser, async (req, res) => {
    res.json(await actions.returnTo(id(req), guards.actor(req), req.body?.to, reasonOf(req.body, true)));
  });
  r.post('/tasks/:id/withdraw', guards.requireUser, async (req, res) => {
    res.json(await actions.withdraw(id(req), guards.actor(req), reasonOf(req.body, true)));
  });
  return r;
}
