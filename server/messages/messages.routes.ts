import { Router } from 'express';
import { notFound } from '../http/errors';
import type { Guards } from '../http/actor';
import type { CasesService } from '../cases/cases.service';
import type { MessageDoc } from './message.model';
import type { MessagesRepository } from './messages.repository';

const STATUS: Record<MessageDoc['status'], string> = { pending: '待投递', consumed: '已送达', expired: '已过期' };

/** A message as the case page shows it (no claim internals). */
export function presentMessage(m: MessageDoc, caseId: string) {
  return {
    id: m._id,
    name: m.name,
    key: m.key,
    direction: m.from.caseId === caseId ? 'sent' : 'received',
    status: m.status,
    statusLabel: STATUS[m.status],
    from: m.from,
    sentAt: m.sentAt,
    expiresAt: m.expiresAt ?? null,
    consumed: m.consumed ?? null,
    payload: m.payload ?? null,
  };
}

/** GET /api/cases/:id/messages: what the case sent and received (same visibility as the case). */
export function messagesRoutes(repo: MessagesRepository, cases: CasesService, guards: Guards): Router {
  const r = Router();
  r.get('/cases/:id/messages', guards.requireUser, async (req, res) => {
    const doc = await cases.get(String(req.params.id));
    if (!(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('案件不存在');
    const id = String(doc._id);
    res.json({ items: (await repo.ofCase(id)).map((m) => presentMessage(m, id)), waits: doc.messageWaits ?? [] });
  });
  return r;
}
