// The express application: middleware order is security → parsing → routes → errors.
// Capabilities contribute routers; this file only wires them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import { apiNotFound, errorHandler } from './errors';
import { clientCsp } from './csp';
import { openApiDocument } from './openapi';

export interface AppParts {
  logger: Logger;
  /** Routers mounted at the root (health) and under /api. */
  rootRoutes?: Router[];
  apiRoutes?: Router[];
  /** The built browser client (client/dist); absent in API-only tests. */
  clientDir?: string;
}

/** The SPA: hashed assets cached for a year, index.html never cached, history fallback. */
function serveClient(app: express.Express, dir: string): void {
  if (!existsSync(path.join(dir, 'index.html'))) return;
  app.use(clientCsp);
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  app.get(/^\/(?!api\/|healthz$|readyz$).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(path.join(dir, 'index.html'));
  });
}

export function createApp(parts: AppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: parts.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  for (const r of parts.rootRoutes ?? []) app.use(r);
  const api = express.Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  api.use(express.json({ limit: '2mb' }));
  for (const r of parts.apiRoutes ?? []) api.use(r);
  api.use(apiNotFound);
  app.use('/api', api);
  if (parts.clientDir) serveClient(app, parts.clientDir);
  app.use(errorHandler(parts.logger));
  return app;
}
