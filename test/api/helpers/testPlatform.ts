// One factory for API tests: a temp DATA_DIR, the embedded store in it (or a fresh database
// on MONGODB_URI when set), auth mounted the way the platform mounts it, seeded courts and
// demo accounts (all with TEST_PASSWORD), and signed-in supertest agents.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Router } from 'express';
import supertest from 'supertest';
import { createAuth, type Auth, type AuthOptions } from '../../../server/auth';
import { loadConfig, type Config } from '../../../server/config';
import type { Database } from '../../../server/db/connection';
import { createPlatform, SHIPPED_FORMS_DIR } from '../../../server/platform/createPlatform';
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

export async function startTestPlatform(opts: TestPlatformOptions = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'duban-test-'));
  const mongodbUri = process.env.MONGODB_URI ? freshDatabase(process.env.MONGODB_URI) : undefined;
  const config: Config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DUBAN_SEED_PASSWORD: TEST_PASSWORD,
    DUBAN_DEMO: 'open', // demo accounts are the tests' users (server/auth/README.md)
    // One engine thread per test platform: the worker path is the one production takes, and
    // vitest already runs two test files at once on this machine's two cores.
    DUBAN_ENGINE_THREADS: '1',
    ...(mongodbUri ? { MONGODB_URI: mongodbUri } : {}),
    ...opts.env,
  });
  const logger = createLogger(config.logLevel);
  const platform = await createPlatform(config, logger, {
    auth: { hashParams: TEST_HASH_PARAMS, loginRateLimit: { windowMs: 60_000, limit: 10_000 }, ...opts.auth },
    schedulerPollMs: false,
    seed: opts.seed,
    formsDirs: opts.formsDirs ?? [SHIPPED_FORMS_DIR, TEST_FORMS_DIR],
    extraApiRoutes: opts.apiRoutes,
    packagesRoot: opts.packagesRoot ?? false,
  });
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
