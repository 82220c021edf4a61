// The supervision ledger's public face (issue 15, server/ledger/README.md): entries written by
// the processes (projected from the cases' history), manual entries and corrections, the
// packages' rules and their consequences, the lists and the notice figure.
import type { Connection } from 'mongoose';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import { createCourtsRepository } from '../courts';
import type { Guards } from '../http/actor';
import { createLedgerRepository } from './ledger.repository';
import { ledgerRoutes } from './ledger.routes';
import { LedgerService } from './ledger.service';

export { ledgerSectionSchema, ledgerRuleSchema, type LedgerRule, type LedgerSection } from './rules.schema';
export { LEDGER_READERS, LEDGER_WRITERS } from './ledger.routes';
export { LedgerService } from './ledger.service';
export type { LedgerEntry } from './entry';

export function createLedger(opts: { connection: Connection; clock: Clock; cases: CasesRepository }) {
  const service = new LedgerService({
    repo: createLedgerRepository(opts.connection),
    courts: createCourtsRepository(opts.connection),
    clock: opts.clock,
    connection: opts.connection,
  });
  // Every case write is offered to the ledger: only `ledgerEntry` history is projected.
  opts.cases.observe(async (id, history) => {
    await service.projectCase(id, history);
  });
  return {
    service,
    routes: (guards: Guards) => ledgerRoutes(service, guards, () => opts.clock.now()),
  };
}
export type Ledger = ReturnType<typeof createLedger>;
