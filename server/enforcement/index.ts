// 执行案件 data (issue 16, README.md): records imported from the courts' 执行案件流程信息管理系统
// (.xlsx, CSV, JSON feed), monitoring rules that start processes when a record matches, and
// sampled inspections whose 合格率 goes into the ledger.
import type { Connection } from 'mongoose';
import type { HolidayCalendar } from '../calendar/types';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasesService } from '../cases/cases.service';
import type { Clock } from '../clock';
import { createCourtsRepository } from '../courts';
import type { Guards } from '../http/actor';
import type { LedgerService } from '../ledger';
import type { Logger } from '../logger';
import type { Scheduler } from '../scheduler/scheduler';
import { enforcementRoutes } from './enforcement.routes';
import { EnforcementService } from './enforcement.service';
import { ImportService } from './import.service';
import { InspectionsService } from './inspections.service';
import { Monitor } from './monitor';
import { createRecordsRepository, publishedSections } from './records.repository';

export { enforcementSectionSchema, type EnforcementSection, type MonitoringRule, type InspectionSpec } from './rules.schema';
export { NODE_TYPES, RECORD_FIELDS, CLOSINGS, type RecordInput } from './fields';
export { draw, sampleKey, perCourt, SAMPLING_ALGORITHM } from './sampling';
export { EnforcementService } from './enforcement.service';

export interface EnforcementDeps {
  connection: Connection;
  clock: Clock;
  cases: CasesService;
  casesRepo: CasesRepository;
  calendar: () => Promise<HolidayCalendar>;
  ledger: LedgerService;
  scheduler: Scheduler;
  logger: Logger;
}

export async function createEnforcement(d: EnforcementDeps) {
  const repo = createRecordsRepository(d.connection);
  await repo.ensureIndexes();
  await repo.interruptRunning(d.clock.now());
  const courts = createCourtsRepository(d.connection);
  const sections = () => publishedSections(d.connection);
  const monitor = new Monitor({ repo, cases: d.cases, courts, calendar: d.calendar, sections, logger: d.logger });
  // Through the durable scheduler: every pass (the poll, a moved manual clock) checks due records.
  d.scheduler.addWork((now, owner) => monitor.checkDue(now, owner));
  const kick = () => void d.scheduler.fireDue().catch((err) => d.logger.error({ err }, '执行案件监控失败'));
  const imports = new ImportService({ repo, courts, now: () => d.clock.now(), afterWrite: kick });
  const inspections = new InspectionsService({ repo, cases: d.cases, courts, ledger: d.ledger, calendar: d.calendar, sections, now: () => d.clock.now() });
  // A round's 合格率 is recorded as soon as its last inspection case closes.
  d.casesRepo.observe(async (id, history) => {
    if (!history.some((h) => h.type === 'ended')) return;
    const c = await repo.caseRef(String(id));
    const round = c?.variables?.inspectionRound;
    if (typeof round === 'string') await inspections.aggregate(round);
  });
  const service = new EnforcementService(imports, inspections, repo, courts, () => d.scheduler.fireDue(), d.scheduler.owner);
  return { service, monitor, routes: (guards: Guards) => enforcementRoutes(service, guards) };
}
