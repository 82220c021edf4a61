// Timer and message start events (issue 17, server/starts/README.md): the face the platform
// assembles. The timer starts run as a stage of the scheduler's pass; the message starts are
// offered to the message delivery for messages no running case waits for.
import type { Connection } from 'mongoose';
import type { HolidayCalendar } from '../calendar';
import type { CasesService } from '../cases/cases.service';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import { createCourtsRepository } from '../courts';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import type { Logger } from '../logger';
import { MessageStarts } from './messageStarts';
import { StartRegistry } from './registry';
import { createStartsRepository } from './starts.repository';
import { TimerStarts } from './timerStarts';

export { startsOfXml } from './registry';
export type { MessageStarts, StartedByMessage } from './messageStarts';

export function createStarts(opts: {
  connection: Connection; definitions: DefinitionsRepository; cases: CasesService; casesRepo: CasesRepository;
  clock: Clock; calendar: () => Promise<HolidayCalendar>; issuerOf: (packageId: string) => Promise<string | undefined>; logger: Logger;
}) {
  const registry = new StartRegistry(opts.definitions);
  const repo = createStartsRepository(opts.connection);
  const courts = createCourtsRepository(opts.connection);
  return {
    timers: new TimerStarts({ registry, repo, cases: opts.cases, courts, calendar: opts.calendar, issuerOf: opts.issuerOf, logger: opts.logger }),
    messages: new MessageStarts({ registry, repo, cases: opts.cases, casesRepo: opts.casesRepo, courts, clock: opts.clock, issuerOf: opts.issuerOf }),
  };
}
export type Starts = ReturnType<typeof createStarts>;
