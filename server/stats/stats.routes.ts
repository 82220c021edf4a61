// GET /api/stats/overview: the 审批人 / 院领导 dashboard (server/stats/README.md), confined to
// the courts the caller sees (own court and every court below it: 分级督办).
import { Router } from 'express';
import type { Connection } from 'mongoose';
import { createCourtsRepository } from '../courts';
import type { LedgerService } from '../ledger';
import type { Guards } from '../http/actor';
import { extendApi } from '../http/openapi';
import { createStatsRepository } from './stats.repository';
import { endOfBeijingWeek } from './week';

export const STATS_ROLES = ['审批人', '院领导', '督察'];

extendApi({
  '/api/stats/overview': {
    get: { summary: '督办统计：各法院在办、本周到期、逾期案件，报告按期与逾期，通报', roles: STATS_ROLES.join('、') },
  },
});

export function statsRoutes(connection: Connection, guards: Guards, now: () => Date, ledger: Pick<LedgerService, 'noticeCounts'>): Router {
  const stats = createStatsRepository(connection);
  const courts = createCourtsRepository(connection);
  const r = Router();
  r.get('/stats/overview', guards.requireUser, guards.requireRole(...STATS_ROLES), async (req, res) => {
    const actor = guards.actor(req);
    const codes = await courts.codesUnder(actor.court);
    const at = now();
    const weekEnd = endOfBeijingWeek(at);
    const [load, timeliness, notices] = await Promise.all([
      stats.load(codes, at, weekEnd),
      stats.timeliness(codes),
      ledger.noticeCounts(codes),
    ]);
    const sum = (k: 'open' | 'dueThisWeek' | 'overdue') => load.reduce((n, c) => n + c[k], 0);
    res.json({
      now: at.toISOString(),
      weekEnd: weekEnd.toISOString(),
      totals: {
        open: sum('open'),
        dueThisWeek: sum('dueThisWeek'),
        overdue: sum('overdue'),
        onTime: timeliness.reduce((n, c) => n + c.onTime, 0),
        late: timeliness.reduce((n, c) => n + c.late, 0),
        // 通报批评 only: the figure 办法 第十三条 counts; 情况通报 is listed apart in `notices`.
        notices: notices.filter((c) => c.kind === '通报批评').reduce((n, c) => n + c.count, 0),
      },
      load,
      timeliness,
      notices,
    });
  });
  return r;
}
