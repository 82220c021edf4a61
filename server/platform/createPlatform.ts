// The one place where the platform's collaborators are created and wired (STYLE.md 7).
// Tests call it with their own config; main.ts calls it for `npm start`.
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type express from 'express';
import { createAuth, type Auth, type AuthOptions } from '../auth';
import { calendarRoutes } from '../calendar/calendar.routes';
import { CalendarService } from '../calendar/calendar.service';
import { HolidaysRepository } from '../calendar/holidays.repository';
import { casesRoutes } from '../cases/cases.routes';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService, type CasesDeps } from '../cases/cases.service';
import { manualClock, systemClock, type Clock } from '../clock';
import { clockRoutes } from '../clock/clock.routes';
import type { Config } from '../config';
import { connectDatabase, type Database } from '../db/connection';
import { DefinitionsRepository } from '../definitions/definitions.repository';
import { definitionsRoutes } from '../definitions/definitions.routes';
import { migrateCases } from '../definitions/migrateCases';
import { DefinitionsService } from '../definitions/definitions.service';
import { createApp } from '../http/app';
import { healthRoutes } from '../http/health';
import type { Logger } from '../logger';
import { recomputeDeadlines } from '../cases/recomputeDeadlines';
import { Scheduler } from '../scheduler/scheduler';
import { createMessaging, type MessageDelivery } from '../messages';
import { createEngineRunner, type EngineRunner } from '../engine';
import { tasksRoutes } from '../tasks/tasks.routes';
import { statsRoutes } from '../stats';
import { createWorklistsRepository, type WorklistsRepository } from '../worklists';
import { createLedger, type LedgerService } from '../ledger';
import { definitionXmlRoutes } from '../definitions/definitionXml.routes';
import { TasksService } from '../tasks/tasks.service';
import { TaskActionsService } from '../tasks/actions.service';
import { exportsRoutes } from '../exports';
import { CaseAdminService, caseAdminRoutes } from '../caseAdmin';
import { SubmissionsRepository } from '../tasks/submissions.repository';
import { FormsRepository, FormsService, formsRoutes } from '../forms';
import { AttachmentsRepository, AttachmentsService, attachmentsRoutes } from '../attachments';
import { createPackages, type PackagesService } from '../packages';
import { createDocuments, type DocumentsService } from '../documents';
import { IntakeService, intakeRoutes } from '../intake';
import { createCourtsRepository } from '../courts';
import { createNotifications, type NotificationsService } from '../notifications';
import { createUrging } from '../urging';
import { savedFiltersRoutes } from '../savedFilters';
import { createEnforcement, type EnforcementService } from '../enforcement';
import { createStarts } from '../starts';
import { createCalls } from '../calls';

/** Forms shipped with the platform: `forms/<package-id>/<form>.json`. */
export const SHIPPED_FORMS_DIR = path.resolve(import.meta.dirname, '../../forms');
/** Root holding processes/<id>/ + forms/<id>/: the packages installed at start. */
export const SHIPPED_PACKAGES_ROOT = path.resolve(import.meta.dirname, '../..');

export interface Platform {
  app: express.Express;
  db: Database;
  config: Config;
  auth: Auth;
  clock: Clock;
  services: {
    cases: CasesService;
    tasks: TasksService;
    definitions: DefinitionsService;
    calendar: CalendarService;
    scheduler: Scheduler;
    forms: FormsService;
    attachments: AttachmentsService;
    packages: PackagesService;
    documents: DocumentsService;
    /** Inbox / 已办 / timeliness read models (rebuild, prepare). */
    worklists: WorklistsRepository;
    ledger: LedgerService;
    /** Durable messages between cases (publish, deliver, sweep). */
    messages: MessageDelivery;
    notifications: NotificationsService;
    /** 执行案件 records, monitoring rules, sampled inspections (server/enforcement). */
    enforcement: EnforcementService;
  };
  /** Stop taking requests, finish those in flight, stop the scheduler, flush the store. */
  shutdown(server?: http.Server): Promise<void>;
}

export interface PlatformOptions {
  /** Tests only: lighter password hashing, rate limits. */
  auth?: Partial<Omit<AuthOptions, 'connection' | 'config' | 'logger'>>;
  /** Background timer polling (system clock). Off in tests that drive fireDue() themselves. */
  schedulerPollMs?: number | false;
  seed?: boolean;
  /** Directories of `<package-id>/<form>.json` seeded at start (default: the shipped `forms/`). */
  formsDirs?: string[];
  /** Install the shipped packages under this root at start (false: none). */
  packagesRoot?: string | false;
  /** Engine worker threads (default: config.engineThreads; 0 = in the server thread). */
  engineThreads?: number;
  /** Tests only: extra routers mounted after the platform's own. */
  extraApiRoutes?: (ctx: { auth: Auth; db: Database }) => import('express').Router[];
}

export async function createPlatform(config: Config, logger: Logger, opts: PlatformOptions = {}): Promise<Platform> {
  const db = await connectDatabase({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, logger });
  const engine = createEngineRunner(opts.engineThreads ?? config.engineThreads, {
    onError: (err) => logger.error({ err }, 'engine worker thread failed; commands now run in the server thread'),
  });
  try {
    return await assemble(db, engine, config, logger, opts);
  } catch (err) {
    await engine.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function assemble(db: Database, engine: EngineRunner, config: Config, logger: Logger, opts: PlatformOptions): Promise<Platform> {
  const connection = db.connection;
  const clock = config.clock === 'manual' ? await manualClock(connection) : systemClock();
  const auth = await createAuth({ connection, config, logger, now: () => clock.now(), ...opts.auth });

  const calendar = new CalendarService(new HolidaysRepository(connection));
  const cases = new CasesRepository(connection);
  // Inbox, 已办 and timeliness rows follow every case write; a crash between a case write and
  // its sync left the case flagged, and is caught up here before anything is served.
  const worklists = createWorklistsRepository(connection);
  cases.afterWrite = (id, written) => worklists.sync(id, written);
  const prepared = await worklists.prepare();
  if (prepared.built || prepared.caughtUp) logger.info(prepared, '已建立或补齐待办、已办与按期统计');
  const definitions = new DefinitionsRepository(connection);
  const deps: CasesDeps = {
    cases, definitions, clock, calendar: () => calendar.current(), run: engine.run,
    directory: { courts: (codes) => auth.findCourts(codes), user: (username) => auth.findUser(username) },
    provinceOf: async (code) => (await auth.findCourt(code))?.province,
  };
  const casesService = new CasesService(deps);
  const ledger = createLedger({ connection, clock, cases });
  const messaging = createMessaging({ connection, deps, logger });
  // A timer bound to a document issues it once fired (documents is assembled below; timers fire
  // only once the platform runs). Messages are swept after each pass.
  const scheduler = new Scheduler(deps, logger, {
    lanes: engine.threads + 1,
    afterFired: (e) => documents.service.afterTimerFired(e),
    afterPass: () => messaging.delivery.sweep(),
  });
  const notifications = await createNotifications({ connection, clock, cases, ledger: ledger.service, scheduler, config, logger });
  const forms = new FormsService(new FormsRepository(connection), clock);
  const attachments = new AttachmentsService(new AttachmentsRepository(connection), {
    maxBytes: config.uploadMaxBytes,
    types: config.uploadTypes,
  });
  const definitionsService = new DefinitionsService({ definitions, clock, forms });
  const packages = createPackages({
    connection, definitions: definitionsService, forms, clock, logger, scope: auth.packageScope,
    migrate: (key, input, actor) => migrateCases(deps, key, input, actor),
    nameOf: (username) => auth.findUserName(username),
  });

  // Timer and message start events (server/starts): cases started under the package's issuing court.
  const starts = createStarts({
    connection, definitions, cases: casesService, casesRepo: cases, clock, calendar: () => calendar.current(),
    issuerOf: (packageId) => packages.owners.ownerOf(packageId), logger,
  });
  scheduler.addWork((now, owner) => starts.timers.startDue(now, owner));
  messaging.delivery.starter = { handles: (name) => starts.messages.handles(name), start: (msg, owner) => starts.messages.start(msg, owner) };
  // Call activities: a child case per call, its outcome back through a durable message (server/calls).
  const calls = createCalls({
    cases: casesService, casesRepo: cases, definitions, starts: starts.repo, messages: messaging.repo, delivery: messaging.delivery,
    clock, logger, owner: scheduler.owner,
  });
  scheduler.onPass(async () => { await calls.service.sweep(); });

  const documents = createDocuments({
    connection, packages: packages.service, definitions, forms, clock, logger, soffice: config.soffice,
    courtName: async (code) => (await auth.findCourt(code))?.name,
  });
  const tasksService = new TasksService(deps, (id) => scheduler.fireDueOf(id), {
    forms,
    attachments,
    submissions: new SubmissionsRepository(connection),
    courtName: async (code) => (await auth.findCourt(code))?.name,
    ledgerFigures: (court, year) => ledger.service.assessmentFigures(court, year),
    warn: (err, msg) => logger.warn({ err }, msg),
  }, (e) => documents.service.afterTaskCompleted(e));

  const taskActions = new TaskActionsService({
    cases: deps, tasks: tasksService, people: auth.people,
    usersOfCourt: (court) => auth.usersOfCourt(court),
    documentsIssuedBy: (caseId, taskIds, fromSeq) => documents.service.issuedSince(caseId, taskIds, fromSeq),
    matches: (actor, task) => auth.guards.matchesAssignment(actor, task.assignment),
    canSeeCase: (actor, doc) => auth.guards.canSeeCase(actor, doc),
  });

  const caseAdmin = new CaseAdminService({
    cases: deps, actions: taskActions,
    async dictionary(definition) {
      const d = await definitions.get(definition.key, definition.version);
      const packageId = (d as { packageId?: string } | null)?.packageId;
      const pkg = packageId ? await packages.service.load(packageId).catch(() => null) : null;
      return ((pkg?.manifest as { dictionary?: { name: string; label: string }[] } | undefined)?.dictionary ?? []);
    },
  });

  const intake = new IntakeService({
    cases: casesService, definitions, forms, courts: createCourtsRepository(connection),
    packages: packages.service, now: () => clock.now(),
  });

  const enforcement = await createEnforcement({
    connection, clock, cases: casesService, casesRepo: cases, calendar: () => calendar.current(), ledger: ledger.service, scheduler, logger,
  });

  if (opts.seed !== false) {
    await calendar.seed(clock.now());
    await auth.seed();
    for (const dir of opts.formsDirs ?? [SHIPPED_FORMS_DIR]) {
      const seeded = await forms.seedForms(dir);
      if (seeded.created.length) logger.info({ forms: seeded.created }, '已导入表单');
      if (seeded.problems.length) logger.warn({ problems: seeded.problems }, '部分表单不符合平台要求，未导入');
    }
    const packagesRoot = opts.packagesRoot ?? SHIPPED_PACKAGES_ROOT;
    if (packagesRoot) {
      const shipped = await packages.installShipped(packagesRoot);
      if (shipped.installed.length) logger.info({ packages: shipped.installed }, '已安装随平台提供的程序包');
    }
  }

  let shuttingDown = false;
  const guards = auth.guards;
  // Which court each package, form and process belongs to (server/auth/README.md "Scopes").
  const owners = packages.owners;
  const ownerOfProcess = async (key: string) => {
    const d = await definitions.latest(key);
    return d ? owners.owned(d.packageId) : null;
  };
  const app = createApp({
    logger,
    clientDir: fileURLToPath(new URL('../../client/dist', import.meta.url)),
    rootRoutes: [healthRoutes({ db, isShuttingDown: () => shuttingDown })],
    apiRoutes: [
      ...auth.apiRoutes(),
      definitionsRoutes(definitionsService, guards, (key, input, actor) => migrateCases(deps, key, input, actor), {
        ofPackage: (packageId, actor) => owners.ownedOrClaimed(packageId, actor),
        ofProcess: ownerOfProcess,
      }),
      intakeRoutes(intake, guards, auth.people, ownerOfProcess),
      casesRoutes(casesService, cases, guards, () => clock.now(), auth.people, (codes) => auth.findCourts(codes)),
      messaging.routes(casesService, guards),
      calls.routes(casesService, guards),
      caseAdminRoutes(caseAdmin, cases, guards),
      // Before the task routes: /tasks/export is not a task id.
      exportsRoutes(worklists, guards, () => clock.now(), (codes) => auth.findCourts(codes)),
      tasksRoutes(tasksService, cases, worklists, guards, () => clock.now(), auth.people, taskActions),
      packages.routes(guards),
      formsRoutes(forms, guards, (key, actor) => owners.ownedOrClaimed(key.split('/')[0], actor, `表单「${key}」`)),
      attachmentsRoutes(attachments, cases, guards),
      documents.routes(cases, guards, (doc, task) => tasksService.formView(doc, task)),
      calendarRoutes(calendar, guards, {
        now: () => clock.now(),
        afterYearChanged: (year, actor) => recomputeDeadlines(deps, year, actor),
      }),
      clockRoutes(clock, () => scheduler.fireDue(), guards, () => scheduler.firedSoFar),
      statsRoutes(connection, worklists, guards, () => clock.now(), ledger.service), definitionXmlRoutes(definitions, guards),
      ledger.routes(guards),
      notifications.routes(guards),
      createUrging({ connection, cases, clock, guards, people: auth.people, courtName: async (code) => (await auth.findCourt(code))?.name }),
      enforcement.routes(guards),
      savedFiltersRoutes({ connection, guards, people: auth.people }),
      ...(opts.extraApiRoutes?.({ auth, db }) ?? []),
    ],
  });

  // Entries a crash kept from being projected after their case write (DESIGN.md decision 2).
  const rebuilt = await ledger.service.rebuild();
  if (rebuilt) logger.info({ rebuilt }, '督办台账：已从案件记录补齐');
  const caughtUp = await notifications.catchUp();
  if (caughtUp) logger.info({ caughtUp }, '消息中心：已从案件记录补齐');

  if (opts.schedulerPollMs !== false) scheduler.start(opts.schedulerPollMs ?? config.schedulerPollMs);

  return {
    app,
    db,
    config,
    auth,
    clock,
    services: { cases: casesService, tasks: tasksService, definitions: definitionsService, calendar, scheduler, forms, attachments, packages: packages.service, documents: documents.service, worklists, ledger: ledger.service, notifications: notifications.service, messages: messaging.delivery, enforcement: enforcement.service },
    async shutdown(server) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (server) await closeHttp(server);
      await scheduler.stop();
      await documents.pdf.close();
      await engine.close();
      await db.close();
    },
  };
}

/** Resolves when every in-flight request has finished; idle keep-alive sockets are closed. */
function closeHttp(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
