// Durable messages between cases (issue 17, server/messages/README.md): the face the platform
// assembles. Every case write is offered to the delivery (publish what was sent, serve what now
// waits); each scheduler pass sweeps what a crash left behind.
import type { Connection } from 'mongoose';
import type { CasesDeps, CasesService } from '../cases/cases.service';
import type { Guards } from '../http/actor';
import type { Logger } from '../logger';
import { MessageDelivery, type DeliveryOptions } from './delivery';
import { createMessagesRepository } from './messages.repository';
import { messagesRoutes } from './messages.routes';

export { MessageDelivery } from './delivery';
export type { MessageDoc } from './message.model';

export function createMessaging(opts: { connection: Connection; deps: CasesDeps; logger: Logger } & DeliveryOptions) {
  const repo = createMessagesRepository(opts.connection);
  const delivery = new MessageDelivery(opts.deps, repo, opts.logger, opts);
  opts.deps.cases.observe((id, history) => delivery.afterCaseWrite(id, history).catch((err) => {
    // The sweep retries: a message is never lost, only delivered on the next pass.
    opts.logger.warn({ err, caseId: String(id) }, '消息发布或投递未完成，将在下次巡检时重试');
  }));
  return {
    repo,
    delivery,
    routes: (cases: CasesService, guards: Guards) => messagesRoutes(repo, cases, guards),
  };
}
export type Messaging = ReturnType<typeof createMessaging>;
