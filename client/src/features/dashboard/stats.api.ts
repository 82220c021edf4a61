// GET /api/stats/overview (server/stats/README.md says what each figure counts).
import { http } from '../../api/http';

export interface StatsOverview {
  now: string;
  weekEnd: string;
  totals: { open: number; dueThisWeek: number; overdue: number; onTime: number; late: number; notices: number };
  load: { court: string; open: number; dueThisWeek: number; overdue: number }[];
  timeliness: { court: string; onTime: number; late: number }[];
  /** From the supervision ledger: each 通报 once, by issuing court, court named, year and kind. */
  notices: { issuer: string; court: string; year: number; kind: '通报批评' | '情况通报'; count: number }[];
}

export const statsOverview = () => http.get<StatsOverview>('/api/stats/overview');
