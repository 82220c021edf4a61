// The dashboard's figures, derived from the cases (DESIGN.md decision 2) without scanning them:
// case load from index counts on the cases, timeliness from the worklists' finished-task rows
// (a read model rebuilt from the cases' history), each confined to the courts the caller sees.
// 通报 (notices) come from the ledger (server/ledger), not from here.
import type { Connection } from 'mongoose';
import type { WorklistsRepository } from '../worklists';

export interface CourtLoad {
  court: string;
  open: number;
  dueThisWeek: number;
  overdue: number;
}
export interface ReportTimeliness {
  court: string;
  onTime: number;
  late: number;
}

export function createStatsRepository(connection: Connection, worklists: WorklistsRepository) {
  const cases = () => connection.collection('cases');

  return {
    /**
     * Running cases per supervised court: open, overdue (an open task past its due instant),
     * due this week (the earliest due falls after now and before weekEnd). Three index counts
     * per court (cases.firstDueAt is kept by the case's own write): no case is read.
     */
    async load(codes: string[], now: Date, weekEnd: Date): Promise<CourtLoad[]> {
      // Under every court supervised in the case: after a 交办 the case counts for the 中院 and
      // for the 基层 court (totals() counts it once).
      const running = (court: string, firstDueAt?: unknown) =>
        cases().countDocuments({ supervisedCourts: court, status: 'running', ...(firstDueAt ? { firstDueAt } : {}) });
      const rows = await Promise.all(codes.map(async (court) => {
        const [open, overdue, dueThisWeek] = await Promise.all([
          running(court), running(court, { $lte: now }), running(court, { $gt: now, $lt: weekEnd }),
        ]);
        return { court, open, dueThisWeek, overdue };
      }));
      return rows
        .filter((r) => r.open > 0)
        .sort((a, b) => b.overdue - a.overdue || b.open - a.open || (a.court < b.court ? -1 : a.court > b.court ? 1 : 0));
    },

    /** The same three figures over all the courts at once, each case counted once. */
    async totals(codes: string[], now: Date, weekEnd: Date): Promise<Omit<CourtLoad, 'court'>> {
      const running = (firstDueAt?: unknown) =>
        cases().countDocuments({ supervisedCourts: { $in: codes }, status: 'running', ...(firstDueAt ? { firstDueAt } : {}) });
      const [open, overdue, dueThisWeek] = await Promise.all([running(), running({ $lte: now }), running({ $gt: now, $lt: weekEnd })]);
      return { open, dueThisWeek, overdue };
    },

    /** Finished tasks with a deadline, per court the task was assigned to (server/worklists). */
    timeliness: (codes: string[]): Promise<ReportTimeliness[]> => worklists.timeliness(codes),
  };
}
export type StatsRepository = ReturnType<typeof createStatsRepository>;
