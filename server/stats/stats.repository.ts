// The dashboard's figures, derived from the cases (DESIGN.md decision 2) without scanning them:
// case load from index counts on the cases, timeliness from the worklists' finished-task rows
// (a read model rebuilt from the cases' history), each confined to the courts the caller sees.
// 通报 (notices) is still one aggregation over the history: its source moves to the ledger.
import type { Connection } from 'mongoose';
import type { WorklistsRepository } from '../worklists';

const BEIJING_MS = 8 * 3600_000;

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
export interface NoticeCount {
  court: string;
  year: number;
  count: number;
}

export function createStatsRepository(connection: Connection, worklists: WorklistsRepository) {
  const cases = () => connection.collection('cases');
  const visible = (codes: string[]) => ({
    $or: [{ supervisingCourt: { $in: codes } }, { supervisedCourt: { $in: codes } }],
  });

  return {
    /**
     * Running cases per supervised court: open, overdue (an open task past its due instant),
     * due this week (the earliest due falls after now and before weekEnd). Three index counts
     * per court (cases.firstDueAt is kept by the case's own write): no case is read.
     */
    async load(codes: string[], now: Date, weekEnd: Date): Promise<CourtLoad[]> {
      const running = (court: string, firstDueAt?: unknown) =>
        cases().countDocuments({ supervisedCourt: court, status: 'running', ...(firstDueAt ? { firstDueAt } : {}) });
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

    /** Finished tasks with a deadline, per court the task was assigned to (server/worklists). */
    timeliness: (codes: string[]): Promise<ReportTimeliness[]> => worklists.timeliness(codes),

    /**
     * 通报 per supervised court and Beijing year: history entries of type `notice`, and end or
     * intermediate events reached whose name contains 通报 (server/stats/README.md).
     */
    async notices(codes: string[]): Promise<NoticeCount[]> {
      return (await cases()
        .aggregate([
          { $match: visible(codes) },
          { $unwind: '$history' },
          {
            $match: {
              $or: [
                { 'history.type': 'notice' },
                { 'history.type': 'eventReached', 'history.data.name': { $regex: '通报' } },
              ],
            },
          },
          { $project: { court: '$supervisedCourt', year: { $year: { $add: ['$history.at', BEIJING_MS] } } } },
          { $group: { _id: { court: '$court', year: '$year' }, count: { $sum: 1 } } },
          { $sort: { '_id.year': -1, '_id.court': 1 } },
          { $project: { _id: 0, court: '$_id.court', year: '$_id.year', count: 1 } },
        ])
        .toArray()) as NoticeCount[];
    },
  };
}
export type StatsRepository = ReturnType<typeof createStatsRepository>;
