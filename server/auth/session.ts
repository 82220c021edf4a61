// Sessions in MongoDB (connect-mongo, TTL index on `expires`) so that any server process can
// serve any request and a restart signs nobody out.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MongoStore from 'connect-mongo';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger';

export const SESSION_COOKIE = 'duban.sid';
/** Idle timeout: the cookie and the stored session expire 2 hours after the last request. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

/**
 * SESSION_SECRET when configured; otherwise one generated once and kept in
 * DATA_DIR/session-secret (0600) so that restarts keep sessions.
 */
export async function resolveSessionSecret(opts: {
  configured?: string;
  dataDir: string;
  production: boolean;
  logger: Logger;
}): Promise<string> {
  if (opts.configured) return opts.configured;
  const file = path.join(opts.dataDir, 'session-secret');
  if (opts.production) {
    opts.logger.warn({ file }, 'SESSION_SECRET 未配置，使用 DATA_DIR 中生成的密钥；多台服务器部署时请配置相同的 SESSION_SECRET');
  }
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(opts.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    // 'wx': when two processes start together, the first one's secret wins.
    await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw err;
  }
}

export function sessionMiddleware(opts: { connection: Connection; secret: string; production: boolean }): {
  handler: RequestHandler;
  store: MongoStore;
} {
  const store = MongoStore.create({
    // The platform's own connection: no second connection pool, same database.
    client: opts.connection.getClient(),
    dbName: opts.connection.name,
    collectionName: 'sessions',
    stringify: false,
    autoRemove: 'native',
    // A rolling session is rewritten at most once a minute when nothing in it changed.
    touchAfter: 60,
  });
  const handler = session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // 'auto': Secure whenever the request came over TLS (directly or via a trusted proxy);
      // production always sets it.
      secure: opts.production ? true : 'auto',
      maxAge: SESSION_IDLE_MS,
      path: '/',
    },
  });
  return { handler, store };
}
