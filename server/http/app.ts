// The express application: middleware order is security → parsing → routes → errors.
// Capabilities contribute routers; this file only wires them.
import express, { type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import { apiNotFound, errorHandler } from './errors';
import { openApiDocument } from './openapi';

export interface AppParts {
  logger: Logger;
  /** Routers mounted at the root (health) and under /api. */
  rootRoutes?: Router[];
  apiRoutes?: Router[];
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
  app.use(errorHandler(parts.logger));
  return app;
}
