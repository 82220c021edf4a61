// Public face of auth: sign-in, sessions, CSRF, users, and the authorization API that the
// other capabilities use. One factory; the platform mounts `middleware` then `routes` under /api.
import { Router, type RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import {
  courtsRoutes,
  createCourtsRepository,
  createCourtsService,
  loadSeedCourts,
  supervises,
  withinJurisdiction,
  type Court,
  type CourtEventSink,
} from '../courts';
import type { Person } from '../cases/people';
import type { Logger } from '../logger';
import { createAuditRepository } from './audit.repository';
import { createAudit } from './audit';
import { createCaseAccess } from './caseAccess';
import { csrfProtection } from './csrf';
import { seedDemoAccounts } from './demoAccounts';
import { assertRole, requireRole, requireUser, userMatchesAssignment } from './guards';
import { DEFAULT_LOGIN_RATE_LIMIT, loginLimiter, type LoginRateLimit } from './loginLimiter';
import { createPassport } from './passport';
import { createLoginThrottle, DEFAULT_THROTTLE, type ThrottleRules } from './loginThrottle';
import { createPlatformGuards } from './platformGuards';
import { createScope } from './scope';
import { passwordChangeGate } from './passwordChangeGate';
import { createPasswordHasher, PRODUCTION_HASH_PARAMS, type HashParams } from './password';
import { resolveSessionSecret, sessionMiddleware } from './session';
import { sessionRoutes } from './session.routes';
import { createUsersRepository } from './users.repository';
import { usersRoutes } from './users.routes';
import { createUsersService } from './users.service';
import { createUsersImport } from './users.import';

export { ROLES, ROLE_DESCRIPTIONS, type Role } from './roles';
export type { SessionUser } from './types';
export { requireUser, requireRole, assertRole, userMatchesAssignment, type Assignment } from './guards';
export { passwordProblems } from './password';
export { SESSION_COOKIE } from './session';

export interface AuthOptions {
  connection: Connection;
  config: Pick<Config, 'dataDir' | 'production' | 'sessionSecret' | 'seedPassword'> & Partial<Pick<Config, 'demo'>>;
  logger: Logger;
  /** Tests only: lighter argon2 parameters. Production uses PRODUCTION_HASH_PARAMS. */
  hashParams?: HashParams;
  loginRateLimit?: LoginRateLimit;
  /** Tests only: other thresholds or a controllable real-time clock for the sign-in throttle. */
  throttle?: Partial<ThrottleRules>;
  throttleClock?: () => number;
  now?: () => Date;
}

export async function createAuth(opts: AuthOptions) {
  const { connection, config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const users = createUsersRepository(connection);
  const courts = createCourtsRepository(connection);
  const audit = createAudit(createAuditRepository(connection), logger, now);
  const hasher = createPasswordHasher(opts.hashParams ?? PRODUCTION_HASH_PARAMS);
  const throttle = createLoginThrottle(connection, { ...DEFAULT_THROTTLE, ...opts.throttle }, opts.throttleClock);
  const passport = createPassport({ users, hasher, audit, throttle, now });
  const secret = await resolveSessionSecret({
    configured: config.sessionSecret,
    dataDir: config.dataDir,
    production: config.production,
    logger,
  });
  const session = sessionMiddleware({ connection, secret, production: config.production });
  const courtEvents: CourtEventSink = (event) => audit(event);
  const courtsService = createCourtsService({ repo: courts, events: courtEvents });
  const caseAccess = createCaseAccess(courts);
  const scope = createScope(courts);

  const middleware: RequestHandler[] = [
    session.handler,
    passport.initialize(),
    passport.session(), // loads the user from the database on every request
    csrfProtection([{ method: 'POST', path: '/api/session' }]),
    passwordChangeGate(),
  ];
  const routes: Router[] = [
    sessionRoutes({ passport, users, courts, hasher, audit, now, throttle, limiter: loginLimiter(opts.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT) }),
    usersRoutes({ service: createUsersService({ users, courts, hasher, audit, unlock: async (u) => { await throttle.unlock(u); await users.clearLock(u); } }),
      imports: createUsersImport({ users, courts, hasher, audit }),
      // "locked" compares with the throttle's real time (locks never follow the manual clock).
      now: () => new Date((opts.throttleClock ?? Date.now)()) }),
    courtsRoutes({
      service: courtsService,
      repo: courts,
      events: courtEvents,
      guards: { requireUser, requireSystemAdmin: requireRole('系统管理员') },
    }),
  ];

  return {
    middleware,
    routes,
    /** middleware + routes as one list for createApp({apiRoutes}). */
    apiRoutes: (): Router[] => [Router().use(...middleware), ...routes],
    /** The `Guards` of server/http/actor.ts for cases, tasks and the other capabilities. */
    guards: createPlatformGuards(courts, caseAccess, scope),
    /** Scopes of administration (scope.ts): the one guard every admin route applies. */
    scope,
    /** What the package capability needs of the scopes (server/packages/deps.ts PackageScopePort). */
    packageScope: {
      assertScope: scope.assertScope,
      provinceIssuer: async (province: string) => (await scope.provinceIssuer(province))?.code,
      courtOf: (code: string) => courts.findByCode(code),
      supervises: (upper: string, lower: string) => scope.canAdminister({ court: upper }, lower),
      topCourt: async () => (await courts.listAll()).find((c) => c.level === '最高')?.code,
    },
    requireUser,
    requireRole,
    assertRole,
    userMatchesAssignment,
    assertCanSeeCase: caseAccess.assertCanSeeCase,
    canSeeCase: caseAccess.canSeeCase,
    visibleCourtCodes: caseAccess.visibleCourtCodes,
    findCourt: (code: string): Promise<Court | null> => courts.findByCode(code),
    /**
     * People as the interface shows them: {username: {name, court, courtName, label: 姓名（法院）}}.
     * An account that no longer exists keeps its username as its label; 'system' is 系统.
     */
    async people(usernames: string[]): Promise<Record<string, Person>> {
      const wanted = [...new Set(usernames)].filter((u) => u && u !== 'system');
      const found = wanted.length ? await users.namesOf(wanted) : [];
      const courtsByCode = await courts.findByCodes([...new Set(found.map((u) => u.court))]);
      const out: Record<string, Person> = { system: { name: '系统', label: '系统' } };
      for (const u of found) {
        const courtName = courtsByCode.get(u.court)?.name;
        out[u.username] = { name: u.name, court: u.court, courtName, label: courtName ? `${u.name}（${courtName}）` : u.name };
      }
      for (const u of wanted) out[u] ??= { name: u, label: u };
      return out;
    },
    findCourts: (codes: string[]): Promise<Map<string, Court>> => courts.findByCodes(codes),
    /** A user without secrets (for checking a named 专人), or null. */
    findUser: (username: string) => users.findByUsername(username),
    /** The accounts of one court (no secrets): whom a task may be handed to (server/tasks). */
    usersOfCourt: (court: string) => users.listByCourts([court]),
    /** 姓名 of an account (no secrets), for showing people by name. */
    findUserName: async (username: string): Promise<string | undefined> => (await users.findByUsername(username))?.name,
    /** Whether `upper` may supervise `lower` (both codes; false when either is unknown). */
    async supervisesCourt(upper: string, lower: string): Promise<boolean> {
      const found = await courts.findByCodes([upper, lower]);
      const u = found.get(upper);
      const l = found.get(lower);
      return !!u && !!l && supervises(u, l);
    },
    withinJurisdiction,
    audit,
    /** Courts + demo accounts; idempotent, safe on every start. */
    async seed(): Promise<void> {
      const added = await courtsService.seedCourts(await loadSeedCourts());
      if (added) logger.info({ added }, '已导入法院种子数据');
      // Demo accounts only with DUBAN_DEMO (npm start passes it; a production start does not).
      if (config.demo && config.demo !== 'off') {
        // `on`: a trial installation whose users change the demo passwords at first sign-in;
        // `open` (npm start's demo, tests): the known password keeps working.
        await seedDemoAccounts({ users, hasher, logger }, { seedPassword: config.seedPassword, dataDir: config.dataDir, mustChangePassword: config.demo === 'on' });
      }
    },
    seedDemoAccounts: (o: { seedPassword?: string; dataDir: string }) => seedDemoAccounts({ users, hasher, logger }, o),
  };
}
export type Auth = Awaited<ReturnType<typeof createAuth>>;
