// The message centre's public face (issue 23, server/notifications/README.md).
import type { Connection } from 'mongoose';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Guards } from '../http/actor';
import type { LedgerService } from '../ledger';
import type { Logger } from '../logger';
import type { Scheduler } from '../scheduler/scheduler';
import { channelsFrom, type Channel } from './channels';
import { createNotificationsRepository } from './notifications.repository';
import { notificationsRoutes } from './notifications.routes';
import { NotificationsService } from './notifications.service';

export { NotificationsService } from './notifications.service';
export { fileChannel, type Channel, type Recipient } from './channels';
export { MESSAGE_KINDS, type Message, type MessageKind } from './kinds';

export async function createNotifications(opts: {
  connection: Connection; clock: Clock; cases: CasesRepository; ledger: LedgerService; scheduler: Scheduler;
  config: Config; logger: Logger; channels?: Channel[];
}) {
  const repo = createNotificationsRepository(opts.connection);
  await repo.ensureIndexes();
  const service = new NotificationsService(
    repo, opts.clock, opts.channels ?? channelsFrom(opts.config.notify.channels),
    { warnDays: opts.config.notify.warnDays, digestHour: opts.config.notify.digestHour },
    (err, msg) => opts.logger.warn({ err }, msg),
  );
  // After each guarded case write: its history becomes messages (a failure is caught up at start).
  opts.cases.observe(async (id, history) => {
    await service.projectCase(id, history);
  });
  opts.ledger.onConsequence = (entry) => service.consequence(entry);
  // Every scheduler pass (the poll, or the manual clock's advance): deadlines, digest, deliveries.
  opts.scheduler.onPass(() => service.pass(opts.scheduler.owner));
  return {
    service,
    /** Before serving: what a crash kept from becoming messages. */
    catchUp: () => service.catchUp(),
    routes: (guards: Guards) => notificationsRoutes(service, guards),
  };
}
