// The embedded MongoDB-compatible server's public face: open the store in `dir`, serve it on
// loopback, and close both in the right order (server first, then the store flushes).
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Credentials } from './commands/auth';
import { startServer, type StartServerOptions } from './server';
import { openStore } from './store/store';
import type { Store } from './store/types';
import type { Logger } from './commands/context';

export type { Store } from './store/types';
export type { Logger } from './commands/context';
export { MongoError, Codes } from './errors';
export { startServer } from './server';

export interface EmbeddedMongoOptions {
  dir: string;
  port?: number;
  host?: string;
  logger?: Logger;
  /**
   * Credentials the port requires (SCRAM-SHA-256). Default: generated at the first start into
   * `<dir>/credentials.json` (mode 0600) and read from there afterwards. `false` leaves the port
   * open to any local process — only for tests of the wire parser itself.
   */
  credentials?: Credentials | false;
}

export interface EmbeddedMongo {
  /** `mongodb://user:password@host:port`: the credentials are in it. */
  uri: string;
  /** The same without the password, for logs. */
  safeUri: string;
  credentialsFile?: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const store = await openStore({ dir: options.dir, ...(options.logger ? { log: options.logger } : {}) });
  let server;
  let credentials: Credentials | undefined;
  const credentialsFile = options.credentials === undefined ? path.join(options.dir, CREDENTIALS_FILE) : undefined;
  try {
    credentials = options.credentials === false ? undefined : (options.credentials ?? (await loadOrCreateCredentials(credentialsFile!)));
    const serverOptions: StartServerOptions = { store, host: options.host, port: options.port, logger: options.logger, credentials };
    server = await startServer(serverOptions);
  } catch (err) {
    await store.close(); // e.g. port in use: release the lock file before failing
    throw err;
  }
  let closing: Promise<void> | undefined;
  const auth = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : '';
  const safe = credentials ? `${encodeURIComponent(credentials.username)}:***@` : '';
  return {
    uri: server.uri.replace('mongodb://', `mongodb://${auth}`),
    safeUri: server.uri.replace('mongodb://', `mongodb://${safe}`),
    credentialsFile,
    port: server.port,
    store,
    close: () =>
      (closing ??= (async () => {
        try {
          await server.close();
        } finally {
          await store.close();
        }
      })()),
  };
}

export const CREDENTIALS_FILE = 'credentials.json';

/** Reads `<dir>/credentials.json`, or creates it (0600, `wx`: never overwrites) with a random password. */
export async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  const fresh: Credentials = { username: 'duban', password: randomBytes(24).toString('hex') };
  try {
    await writeFile(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<Credentials>;
  if (typeof stored.username !== 'string' || typeof stored.password !== 'string' || !stored.username || stored.password.length < 16) {
    throw new Error(`内置数据库凭据文件 ${file} 内容无效（应为 {"username", "password"}，密码至少 16 个字符）`);
  }
  return { username: stored.username, password: stored.password };
}
