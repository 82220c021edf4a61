// Configuration comes from the environment only, validated once at start so that a typo in a
// variable stops the platform with a clear message instead of misbehaving later.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Loopback unless told otherwise: a fresh start with demo accounts must not be reachable from
  // the network (security probe, section 4). Production sets HOST (e.g. 0.0.0.0 behind the proxy).
  HOST: z.string().optional(),
  // Demo accounts (seeds/demo-accounts.json) only when asked: `npm start` passes DUBAN_DEMO=open.
  DUBAN_DEMO: z.enum(['off', 'on', 'open']).default('off'),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16, 'SESSION_SECRET 至少 16 个字符').optional(),
  DUBAN_SEED_PASSWORD: z.string().min(8, 'DUBAN_SEED_PASSWORD 至少 8 个字符').optional(),
  DUBAN_CLOCK: z.enum(['system', 'manual']).default('system'),
  DUBAN_SCHEDULER_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  // Engine worker threads (server/engine/pool.ts); 0 runs commands in the server thread.
  DUBAN_ENGINE_THREADS: z.coerce.number().int().min(0).max(64).default(Math.min(4, availableParallelism())),
  DUBAN_UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  DUBAN_UPLOAD_TYPES: z.string().regex(/^\s*[a-z]+(\s*,\s*[a-z]+)*\s*$/, '应为逗号分隔的类型，如 pdf,ofd,doc,docx,jpeg,png').optional(),
  // Notifications (server/notifications/README.md): outside channels, deadline warning, digest hour.
  DUBAN_NOTIFY_CHANNELS: z.string().regex(/^\s*(file:[^,]+)(\s*,\s*file:[^,]+)*\s*$/, '应为逗号分隔的通道，如 file:/var/lib/duban/outbox').optional(),
  DUBAN_NOTIFY_WARN_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  DUBAN_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri?: string;
  sessionSecret?: string;
  seedPassword?: string;
  clock: 'system' | 'manual';
  /** off: no demo accounts; on/open: seeded at start (server/auth/README.md "Demo accounts"). */
  demo: 'off' | 'on' | 'open';
  schedulerPollMs: number;
  engineThreads: number;
  /** Attachments: largest accepted file, in bytes, and the accepted types (server/attachments). */
  uploadMaxBytes: number;
  uploadTypes?: string;
  /** Notifications: outside channels (`file:<dir>`), days before a due instant to warn, Beijing hour of the daily digest. */
  notify: { channels: string[]; warnDays: number; digestHour: number };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  production: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    demo: e.DUBAN_DEMO,
    dataDir: path.resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI,
    sessionSecret: e.SESSION_SECRET,
    seedPassword: e.DUBAN_SEED_PASSWORD,
    clock: e.DUBAN_CLOCK,
    schedulerPollMs: e.DUBAN_SCHEDULER_POLL_MS,
    engineThreads: e.DUBAN_ENGINE_THREADS,
    uploadMaxBytes: Math.round(e.DUBAN_UPLOAD_MAX_MB * 1024 * 1024),
    uploadTypes: e.DUBAN_UPLOAD_TYPES,
    notify: {
      channels: (e.DUBAN_NOTIFY_CHANNELS ?? '').split(',').map((c) => c.trim()).filter(Boolean),
      warnDays: e.DUBAN_NOTIFY_WARN_DAYS,
      digestHour: e.DUBAN_DIGEST_HOUR,
    },
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
  };
}
