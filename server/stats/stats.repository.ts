// The dashboard's figures, computed from the cases themselves (DESIGN.md decision 2: anything
// cross-case is derived from the cases, so it can never disagree with them). Read-only; one
// aggregation per question, each confined to the courts the caller may see.
import type { Connection } from 'mongoose';

/** Due instants absent from a task sort after every real one. */
const NEVER = new Date('9999-12-31T00:00:00Z');

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

export function createStatsRepository(connection: Connection) {
  const cases = () => connection.collection('cases');
  const visible = (codes: string[]) => ({
    $or: [{ supervisingCourt: { $in: codes } }, { supervisedCourt: { $in: codes } }],
  });
  const dueOf = (v: string) => ({ $ifNull: [v, NEVER] });
  const count = (cond: unknown) => ({ $sum: { $cond: [cond, 1, 0] } });

  return {
    /** Running cases per supervised court: open, with a task due before weekEnd, overdue. */
    async load(codes: string[], now: Date, weekEnd: Date): Promise<CourtLoad[]> {
      const tasksWhere = (cond: unknown) => ({ $size: { $filter: { input: '$openTasks', as: 't', cond } } });
      return (await cases()
        .aggregate([
          { $match: { $and: [visible(codes), { status: 'running' }] } },
          {
            $project: {
              supervisedCourt: 1,
              overdue: tasksWhere({ $lte: [dueOf('$$t.dueAt'), now] }),
              dueThisWeek: tasksWhere({ $and: [{ $gt: [dueOf('$$t.dueAt'), now] }, { $lt: [dueOf('$$t.dueAt'), weekEnd] }] }),
            },
          },
          {
            $group: {
              _id: '$supervisedCourt',
              open: { $sum: 1 },
              dueThisWeek: count({ $gt: ['$dueThisWeek', 0] }),
              overdue: count({ $gt: ['$overdue', 0] }),
            },
          },
          { $sort: { overdue: -1, open: -1, _id: 1 } },
          { $project: { _id: 0, court: '$_id', open: 1, dueThisWeek: 1, overdue: 1 } },
        ])
        .toArray()) as CourtLoad[];
    },

    /**
     * Tasks that had a deadline and are finished, per court the task was assigned to: on time
     * when completed before the due instant; late when completed after it, or taken away by
     * the deadline itself (cancelled at or after the due instant).
     */
    async timeliness(codes: string[]): Promise<ReportTimeliness[]> {
      return (await cases()
        .aggregate([
          { $match: visible(codes) },
          { $unwind: '$history' },
          { $match: { 'history.type': { $in: ['taskOpened', 'taskDueChanged', 'taskCompleted', 'taskCancelled'] } } },
          { $sort: { _id: 1, 'history.seq': 1 } },
          {
            $group: {
              _id: { case: '$_id', task: '$history.data.taskId' },
              court: { $max: '$history.data.assignment.court' },
              // Due instants in history order: the one opened with, then each recomputation.
              dues: { $push: { $cond: [{ $eq: ['$history.type', 'taskCompleted'] }, null, { $ifNull: ['$history.data.to', '$history.data.dueAt'] }] } },
              completedAt: { $max: { $cond: [{ $eq: ['$history.type', 'taskCompleted'] }, '$history.at', null] } },
              cancelledAt: { $max: { $cond: [{ $eq: ['$history.type', 'taskCancelled'] }, '$history.at', null] } },
            },
          },
          {
            $project: {
              court: 1,
              completedAt: 1,
              cancelledAt: 1,
              due: { $arrayElemAt: [{ $filter: { input: '$dues', cond: { $ne: ['$$this', null] } } }, -1] },
            },
          },
          { $match: { due: { $ne: null }, court: { $ne: null }, $or: [{ completedAt: { $ne: null } }, { cancelledAt: { $ne: null } }] } },
          {
            $project: {
              court: 1,
              late: {
                $cond: [
                  { $ne: ['$completedAt', null] },
                  { $gt: ['$completedAt', { $toDate: '$due' }] },
                  { $gte: ['$cancelledAt', { $toDate: '$due' }] },
                ],
              },
              cancelled: { $eq: ['$completedAt', null] },
            },
          },
          // A task cancelled before its deadline (another path ended it) is neither.
          { $match: { $or: [{ cancelled: false }, { late: true }] } },
          { $group: { _id: '$court', onTime: count({ $eq: ['$late', false] }), late: count('$late') } },
          { $match: { _id: { $in: codes } } },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, court: '$_id', onTime: 1, late: 1 } },
        ])
        .toArray()) as ReportTimeliness[];
    },
  };
}
export type StatsRepository = ReturnType<typeof createStatsRepository>;
