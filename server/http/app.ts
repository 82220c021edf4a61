// The express application: middleware order is security → parsing → routes → errors.
// Capabilities contribute routers; this file only wires them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import { apiNotFound, AppError, errorHandler, notFound } from './errors';
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

/**
 * The SPA: hashed assets cached for a year, index.html never cached, history fallback only for
 * page paths. A missing file under /assets or /vendor, or any path naming a file of a kind the build
 * serves (.js, .css, .json, images, fonts …), answers 404: answering index.html made a missing script or JSON fail in the
 * browser as "Unexpected token '<'" instead of a plain 404.
 */
function serveClient(app: express.Express, dir: string): void {
  if (!existsSync(path.join(dir, 'index.html'))) return;
  app.use(clientCsp);
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  // Files some libraries load by URL at run time (client/vite.config.ts VENDOR): not hashed.
  app.use('/vendor', express.static(path.join(dir, 'vendor'), { maxAge: '1d', fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: 0 }));
  // Page paths may end in a name with a dot (the modeler's /admin/workspace/<id>/process/supervision.bpmn):
  // only names of the kinds the build serves count as files.
  app.get(/^\/(?!api\/|healthz$|readyz$|assets\/|vendor\/)(?:.*\/)?(?:[^/.]*|[^/]*\.(?!(?:js|mjs|css|map|json|png|jpe?g|gif|svg|ico|woff2?|ttf|otf|txt|html?|webmanifest|wasm)$)[^/.]+)$/i, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(path.join(dir, 'index.html'));
  });
  app.use((_req, _res, next) => next(notFound('文件不存在')));
  // express.static's own 404 (fallthrough: false) in the API's JSON shape; API errors pass as they are.
  app.use(((err, _req, _res, next) => next(!(err instanceof AppError) && (err as { status?: number })?.status === 404 ? notFound('文件不存在') : err)) as ErrorRequestHandler);
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
  // JS, CSS and JSON answers go out gzip/brotli-compressed (Form.io's chunk is 1.4 MB raw,
  // ~390 KB gzipped; a diagram's JSON shrinks tenfold). Streams of attachments are left alone
  // (their types are not compressible).
  app.use(compression());
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
