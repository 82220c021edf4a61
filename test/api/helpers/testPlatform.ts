// One factory for API tests: a temp DATA_DIR, the embedded store in it (or a fresh database
// on MONGODB_URI when set), auth mounted the way the platform mounts it, seeded courts and
// demo accounts (all with TEST_PASSWORD), and signed-in supertest agents.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Router } from 'express';
import supertest from 'supertest';
import { inject } from 'vitest';
import { createAuth, type Auth, type AuthOptions } from '../../../server/auth';
import { loadConfig, type Config } from '../../../server/config';
import type { Database } from '../../../server/db/connection';
import { createPlatform, SHIPPED_FORMS_DIR, SHIPPED_PACKAGES_ROOT } from '../../../server/platform/createPlatform';
import { createLogger } from '../../../server/logger';

export const TEST_PASSWORD = 'duban-test-2026';
/** The forms of the test diagrams (`test/report`, …), seeded beside the shipped ones. */
export const TEST_FORMS_DIR = path.resolve(import.meta.dirname, '../../scenarios/fixtures/forms');
/** argon2id with tiny costs: tests sign in hundreds of times; production keeps OWASP's. */
export const TEST_HASH_PARAMS = { memoryCost: 256, timeCost: 1, parallelism: 1 };

export interface TestPlatformOptions {
  /** Extra routers mounted after auth's (other capabilities' routes under test). */
  apiRoutes?: (ctx: { auth: Auth; db: Database }) => Router[];
  auth?: Partial<Omit<AuthOptions, 'connection' | 'config' | 'logger'>>;
  /** Environment overrides (e.g. DUBAN_SEED_PASSWORD: undefined for random passwords). */
  env?: Record<string, string | undefined>;
  seed?: boolean;
  /** Form directories seeded at start; default: the shipped forms and the test diagrams' forms. */
  formsDirs?: string[];
  /** Install the shipped packages (processes/ + forms/) at start, as `npm start` does. Off by default: slow. */
  packagesRoot?: string | false;
}

export interface SignedIn {
  agent: ReturnType<typeof supertest.agent>;
  csrfToken: string;
  user: { username: string; court: string; roles: string[] };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Stopped platforms' DATA_DIRs after the first start (test/globalSetup.ts); absent on MONGODB_URI. */
    platformTemplates?: { base: string; shipped: string };
  }
}

/** Environment keys that change nothing a first start writes: a template serves these platforms. */
const TEMPLATE_NEUTRAL_ENV = new Set([
  'DUBAN_CLOCK', 'DUBAN_SOFFICE', 'DUBAN_ENGINE_THREADS', 'DUBAN_SCHEDULER_POLL_MS', 'LOG_LEVEL',
  'DUBAN_NOTIFY_CHANNELS', 'DUBAN_NOTIFY_WARN_DAYS', 'DUBAN_DIGEST_HOUR', 'DUBAN_UPLOAD_MAX_MB', 'DUBAN_UPLOAD_TYPES',
]);

/**
 * Which seeded data directory (test/globalSetup.ts) a platform can start from instead of seeding
 * its own: the default seeding (courts, demo accounts, default forms), with the shipped packages
 * or none, on the embedded store. Anything else seeds itself as before.
 */
export function templateFor(opts: TestPlatformOptions): 'base' | 'shipped' | undefined {
  if (process.env.MONGODB_URI || opts.seed === false || opts.formsDirs) return undefined;
  if (Object.keys(opts.env ?? {}).some((k) => !TEMPLATE_NEUTRAL_ENV.has(k))) return undefined;
  if (opts.packagesRoot === undefined || opts.packagesRoot === false) return 'base';
  return path.resolve(opts.packagesRoot) === SHIPPED_PACKAGES_ROOT ? 'shipped' : undefined;
}

/** The templates globalSetup provided; none outside vitest (a bench importing this helper). */
function provided() {
  try {
    return inject('platformTemplates');
  } catch {
    return undefined;
  }
}

/** The configuration every test platform runs with (the templates too, so that they match). */
function testConfig(dataDir: string, env: Record<string, string | undefined> = {}, mongodbUri?: string): Config {
  return loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DUBAN_SEED_PASSWORD: TEST_PASSWORD,
    DUBAN_DEMO: 'open', // demo accounts are the tests' users (server/auth/README.md)
    // One engine thread per test platform: the worker path is the one production takes, and
    // vitest already runs two test files at once on this machine's two cores.
    DUBAN_ENGINE_THREADS: '1',
    ...(mongodbUri ? { MONGODB_URI: mongodbUri } : {}),
    ...env,
  });
}

function testOptions(opts: TestPlatformOptions) {
  return {
    auth: { hashParams: TEST_HASH_PARAMS, loginRateLimit: { windowMs: 60_000, limit: 10_000 }, ...opts.auth },
    schedulerPollMs: false as const,
    seed: opts.seed,
    formsDirs: opts.formsDirs ?? [SHIPPED_FORMS_DIR, TEST_FORMS_DIR],
    extraApiRoutes: opts.apiRoutes,
    packagesRoot: opts.packagesRoot ?? false,
  };
}

/** A first start into `dataDir`, stopped again: what templateFor() platforms copy (globalSetup). */
export async function seedTemplate(dataDir: string, kind: 'base' | 'shipped'): Promise<void> {
  const opts: TestPlatformOptions = kind === 'shipped' ? { packagesRoot: SHIPPED_PACKAGES_ROOT } : {};
  const config = testConfig(dataDir);
  const platform = await createPlatform(config, createLogger(config.logLevel), testOptions(opts));
  await platform.shutdown();
}

export async function startTestPlatform(opts: TestPlatformOptions = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-test-'));
  const mongodbUri = process.env.MONGODB_URI ? freshDatabase(process.env.MONGODB_URI) : undefined;
  // Start from a copy of the seeded template when one fits: the start is then a restart.
  const kind = templateFor(opts);
  const template = kind ? provided()?.[kind] : undefined;
  if (template) await cp(template, dataDir, { recursive: true });
  const config: Config = testConfig(dataDir, opts.env, mongodbUri);
  const logger = createLogger(config.logLevel);
  const platform = await createPlatform(config, logger, testOptions(opts));
  const { app, db, auth } = platform;
  // Users an administrator created with TEST_PASSWORD must replace it at first sign-in
  // (server/auth/passwordChangeGate.ts); login() does so, as the user would, and remembers it.
  const chosen = new Map<string, string>();

  return {
    app,
    db,
    auth,
    config,
    dataDir,
    request: () => supertest(app),
    agent: () => supertest.agent(app),
    /** Signs in and returns the agent (cookie jar) with its CSRF token; fails loudly otherwise. */
    async login(username: string, password = TEST_PASSWORD): Promise<SignedIn> {
      const agent = supertest.agent(app);
      const given = password === TEST_PASSWORD ? chosen.get(username) ?? password : password;
      const res = await agent.post('/api/session').send({ username, password: given });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      if (!res.body.user.mustChangePassword) return { agent, csrfToken: res.body.csrfToken, user: res.body.user };
      const own = ownPassword(given);
      const changed = await agent.put('/api/me/password').set('X-CSRF-Token', res.body.csrfToken).send({ currentPassword: given, newPassword: own });
      if (changed.status !== 200) throw new Error(`first password change of ${username} failed: ${changed.status} ${JSON.stringify(changed.body)}`);
      chosen.set(username, own);
      return { agent, csrfToken: changed.body.csrfToken, user: changed.body.user };
    },
    platform,
    async close() {
      if (mongodbUri) await db.connection.dropDatabase().catch(() => undefined);
      await platform.shutdown();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

/** The password a test user chooses at first sign-in instead of the initial one. */
export const ownPassword = (initial: string) => `${initial}-own`;

/** Same server, a database of its own: test files may run in parallel against one MongoDB. */
function freshDatabase(uri: string): string {
  const url = new URL(uri);
  url.pathname = `/duban_test_${randomBytes(4).toString('hex')}`;
  return url.toString();
}
