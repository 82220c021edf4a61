// Liveness and readiness for load balancers and orchestrators.
// /healthz: the process answers. /readyz: it can serve (database reachable, not shutting down).
import { Router } from 'express';
import type { Database } from '../db/connection';

export function healthRoutes(deps: { db: Database; isShuttingDown: () => boolean }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (deps.isShuttingDown()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    try {
      if (!deps.db.ready()) throw new Error('not connected');
      // A real read, not a ping: a store that answers pings but cannot serve reads (the probe's
      // DB-20) must take the process out of the load balancer.
      await deps.db.connection.db!.collection('users').findOne({}, { projection: { _id: 1 } });
      res.json({ status: 'ready', database: deps.db.embedded ? 'embedded' : 'mongodb' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: '数据库不可用' });
    }
  });
  return router;
}
