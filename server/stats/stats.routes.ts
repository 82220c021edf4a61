// GET /api/stats/overview: the 审批人 / 院领导 dashboard (server/stats/README.md), confined to
// the courts the caller sees (own court and every court below it: 分级督办).
import { Router } from 'express';
import type { Connection } from 'mongoose';
import { createCourtsRepository } from '../courts';
import type { LedgerService } from '../ledger';
import type { Guards } from '../http/actor';
import type { WorklistsRepository } from '../worklists';
import { extendApi } from '../http/openapi';
import { createStatsRepository } from './stats.repository';
import { endOfBeijingWeek } from './week';
import { beijing, sendWorkbook, workbook } from '../exports';

export const STATS_ROLES = ['审批人', '院领导', '督察'];

extendApi({
  '/api/stats/overview': {
    get: { summary: '督办统计：各法院在办、本周到期、逾期案件，报告按期与逾期，通报', roles: STATS_ROLES.join('、') },
  },
});

export function statsRoutes(connection: Connection, worklists: WorklistsRepository, guards: Guards, now: () => Date, ledger: Pick<LedgerService, 'noticeCounts'>): Router {
  const stats = createStatsRepository(connection, worklists);
  const courts = createCourtsRepository(connection);
  const r = Router();
  const overview = async (actor: ReturnType<Guards['actor']>) => {
    const codes = await courts.codesUnder(actor.court);
    const at = now();
    const weekEnd = endOfBeijingWeek(at);
    const [load, caseTotals, timeliness, notices] = await Promise.all([
      stats.load(codes, at, weekEnd),
      stats.totals(codes, at, weekEnd),
      stats.timeliness(codes),
      ledger.noticeCounts(codes),
    ]);
    return {
      now: at.toISOString(),
      weekEnd: weekEnd.toISOString(),
      totals: {
        ...caseTotals, // a case supervised in two courts is in both rows of `load`, once here
        onTime: timeliness.reduce((n, c) => n + c.onTime, 0),
        late: timeliness.reduce((n, c) => n + c.late, 0),
        // 通报批评 only: the figure 办法 第十三条 counts; 情况通报 is listed apart in `notices`.
        notices: notices.filter((c) => c.kind === '通报批评').reduce((n, c) => n + c.count, 0),
      },
      load,
      timeliness,
      notices,
    };
  };
  r.get('/stats/overview', guards.requireUser, guards.requireRole(...STATS_ROLES), async (req, res) => {
    res.json(await overview(guards.actor(req)));
  });
  // The same figures as Excel (each court's row, the totals last).
  r.get('/stats/export', guards.requireUser, guards.requireRole(...STATS_ROLES), async (req, res) => {
    const o = await overview(guards.actor(req));
    const names = new Map((await courts.findByCodes([...new Set([...o.load.map((c) => c.court), ...o.timeliness.map((c) => c.court)])])).entries());
    const timely = new Map(o.timeliness.map((t) => [t.court, t]));
    const rows = [...o.load.map((c) => ({ name: names.get(c.court)?.name ?? c.court, ...c, onTime: timely.get(c.court)?.onTime ?? 0, late: timely.get(c.court)?.late ?? 0 })),
      { name: '合计', ...o.totals }];
    const body = await workbook([{ name: '督办统计', rows, columns: [
      { header: '法院', width: 28, value: (x) => x.name },
      { header: '在办案件', width: 10, value: (x) => x.open },
      { header: '本周到期', width: 10, value: (x) => x.dueThisWeek },
      { header: '已逾期', width: 10, value: (x) => x.overdue },
      { header: '按期办结', width: 10, value: (x) => x.onTime },
      { header: '逾期办结', width: 10, value: (x) => x.late },
    ] }, { name: '说明', rows: [o], columns: [{ header: '统计时刻（北京时间）', width: 24, value: (x) => beijing(x.now) }] }]);
    sendWorkbook(res, body, 'stats.xlsx', '督办统计.xlsx');
  });
  return r;
}
