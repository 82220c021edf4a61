// The one place where the platform's collaborators are created and wired (STYLE.md 7).
// Tests call it directly with their own config; main.ts calls it for `npm start`.
import type http from 'node:http';
import type express from 'express';
import type { Config } from '../config';
import { connectDatabase, type Database } from '../db/connection';
import { createApp } from '../http/app';
import { healthRoutes } from '../http/health';
import type { Logger } from '../logger';

export interface Platform {
  app: express.Express;
  db: Database;
  config: Config;
  /** Stop taking requests, finish those in flight, flush the store. */
  shutdown(server?: http.Server): Promise<void>;
}

export async function createPlatform(config: Config, logger: Logger): Promise<Platform> {
  const db = await connectDatabase({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, logger });
  let shuttingDown = false;
  const app = createApp({
    logger,
    rootRoutes: [healthRoutes({ db, isShuttingDown: () => shuttingDown })],
    apiRoutes: [],
  });
  return {
    app,
    db,
    config,
    async shutdown(server) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (server) await closeHttp(server);
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
