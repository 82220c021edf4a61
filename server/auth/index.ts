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
import type { Logger } from '../logger';
import { createAuditRepository } from './audit.repository';
import { createAudit } from './audit';
import { createCaseAccess } from './caseAccess';
import { csrfProtection } from './csrf';
import { seedDemoAccounts } from './demoAccounts';
import { assertRole, requireRole, requireUser, userMatchesAssignment } from './guards';
import { DEFAULT_LOGIN_RATE_LIMIT, loginLimiter, type LoginRateLimit } from './loginLimiter';
import { createPassport, DEFAULT_LOCKOUT, type Lockout } from './passport';
import { createPlatformGuards } from './platformGuards';
import { createPasswordHasher, PRODUCTION_HASH_PARAMS, type HashParams } from './password';
import { resolveSessionSecret, sessionMiddleware } from './session';
import { sessionRoutes } from './session.routes';
import { createUsersRepository } from './users.repository';
import { usersRoutes } from './users.routes';
import { createUsersService } from './users.service';

export { ROLES, ROLE_DESCRIPTIONS, type Role } from './roles';
export type { SessionUser } from './types';
export { requireUser, requireRole, assertRole, userMatchesAssignment, type Assignment } from './guards';
export { passwordProblems } from './password';
export { SESSION_COOKIE } from './session';

export interface AuthOptions {
  connection: Connection;
  config: Pick<Config, 'dataDir' | 'production' | 'sessionSecret' | 'seedPassword'>;
  logger: Logger;
  /** Tests only: lighter argon2 parameters. Production uses PRODUCTION_HASH_PARAMS. */
  hashParams?: HashParams;
  loginRateLimit?: LoginRateLimit;
  lockout?: Lockout;
  now?: () => Date;
}

export async function createAuth(opts: AuthOptions) {
  const { connection, config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const users = createUsersRepository(connection);
  const courts = createCourtsRepository(connection);
  const audit = createAudit(createAuditRepository(connection), logger, now);
  const hasher = createPasswordHasher(opts.hashParams ?? PRODUCTION_HASH_PARAMS);
  const passport = createPassport({ users, hasher, audit, lockout: opts.lockout ?? DEFAULT_LOCKOUT, now });
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

  const middleware: RequestHandler[] = [
    session.handler,
    passport.initialize(),
    passport.session(), // loads the user from the database on every request
    csrfProtection([{ method: 'POST', path: '/api/session' }]),
  ];
  const routes: Router[] = [
    sessionRoutes({ passport, users, courts, hasher, audit, now, limiter: loginLimiter(opts.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT) }),
    usersRoutes({ service: createUsersService({ users, courts, hasher, audit }), now }),
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
    guards: createPlatformGuards(courts, caseAccess),
    requireUser,
    requireRole,
    assertRole,
    userMatchesAssignment,
    assertCanSeeCase: caseAccess.assertCanSeeCase,
    canSeeCase: caseAccess.canSeeCase,
    visibleCourtCodes: caseAccess.visibleCourtCodes,
    findCourt: (code: string): Promise<Court | null> => courts.findByCode(code),
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
      await seedDemoAccounts({ users, hasher, logger }, { seedPassword: config.seedPassword, dataDir: config.dataDir });
    },
    seedDemoAccounts: (o: { seedPassword?: string; dataDir: string }) => seedDemoAccounts({ users, hasher, logger }, o),
  };
}
export type Auth = Awaited<ReturnType<typeof createAuth>>;
