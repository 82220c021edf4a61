// The embedded MongoDB-compatible server's public face: open the store in `dir`, serve it on
// loopback, and close both in the right order (server first, then the store flushes).
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
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const store = await openStore({ dir: options.dir, ...(options.logger ? { log: options.logger } : {}) });
  const serverOptions: StartServerOptions = { store, host: options.host, port: options.port, logger: options.logger };
  let server;
  try {
    server = await startServer(serverOptions);
  } catch (err) {
    await store.close(); // e.g. port in use: release the lock file before failing
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    uri: server.uri,
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
