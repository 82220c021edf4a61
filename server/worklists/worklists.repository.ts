// The worklists: read models of the cases, kept so that an inbox page, a 已办 page and the
// timeliness figures are index reads whatever the number of cases. Cases stay the truth
// (DESIGN.md decision 2): every row is derived from one case (rows.ts) and carries the case
// version it was derived from, so a sync is idempotent and never lets an older case version
// overwrite a newer one. A case write sets `syncPending` in the same guarded write; the sync
// after it clears the flag; a crash in between leaves the flag, and startup syncs every case
// that still has it (repairPending). rebuild() derives everything again from all cases.
import type { Connection } from 'mongoose';
import type { CaseDoc } from '../cases/case.model';
import { firstDueOf } from '../cases/cases.repository';
import { finishedRows, inboxRows, type CaseForRows, type FinishedRow, type InboxRow } from './rows';

type Filter = Record<string, unknown>;
/** What the rows hold: 2 added `supervisedCourts`, 3 `changedAt` (a database with older rows rebuilds them once). */
const ROWS_EDITION = 3;
const CASE_PROJECTION = { engineState: 0 };
const isDuplicate = (err: unknown) => (err as { code?: number; writeErrors?: { code: number }[] }).code === 11000
  || ((err as { writeErrors?: { code: number }[] }).writeErrors ?? []).every((e) => e.code === 11000);

export function createWorklistsRepository(connection: Connection) {
  const cases = () => connection.collection<CaseDoc>('cases');
  const inbox = () => connection.collection<InboxRow>('inbox');
  const finished = () => connection.collection<FinishedRow>('finishedTasks');

  /**
   * Writes the rows of one case: the one just written when the caller holds it, else as read
   * now; returns the version it wrote from (null: case gone).
   */
  async function writeRows(id: CaseDoc['_id'], written?: CaseForRows): Promise<number | null> {
    const d = written ?? ((await cases().findOne({ _id: id }, { projection: CASE_PROJECTION })) as CaseForRows | null);
    if (!d) {
      await Promise.all([inbox().deleteMany({ caseId: id }), finished().deleteMany({ caseId: id })]);
      return null;
    }
    if (d.firstDueAt === undefined) { // a case written before firstDueAt existed
      await cases().updateOne({ _id: id, version: d.version }, { $set: { firstDueAt: firstDueOf(d) } });
    }
    const open = inboxRows(d);
    if (open.length) {
      // A row already holding a newer case version is left alone (its upsert hits the unique _id).
      await inbox()
        .bulkWrite(open.map((r) => ({ replaceOne: { filter: { _id: r._id, caseVersion: { $lte: d.version } }, replacement: r, upsert: true } })), { ordered: false })
        .catch((err) => { if (!isDuplicate(err)) throw err; });
    }
    await inbox().deleteMany({ caseId: id, caseVersion: { $lt: d.version } }); // tasks no longer open
    const done = finishedRows(d);
    if (done.length) {
      await finished()
        .bulkWrite(done.map((r) => ({ replaceOne: { filter: { _id: r._id, caseVersion: { $lte: d.version } }, replacement: r, upsert: true } })), { ordered: false })
        .catch((err) => { if (!isDuplicate(err)) throw err; });
    }
    return d.version;
  }

  /** Cases started before `supervisedCourts` existed get it (the lists are keyed on it). */
  async function keyOnEverySupervisedCourt() {
    for await (const c of cases().find({ supervisedCourts: { $exists: false } }, { projection: { _id: 1, supervisedCourt: 1 } })) {
      await cases().updateOne({ _id: c._id, supervisedCourts: { $exists: false } }, { $set: { supervisedCourts: [c.supervisedCourt] } });
    }
  }

  const repo = {
    async ensureIndexes(): Promise<void> {
      await Promise.all([
        inbox().createIndex({ queue: 1, dueSort: 1 }),
        inbox().createIndex({ queue: 1, openedAt: -1 }),
        inbox().createIndex({ caseId: 1 }),
        finished().createIndex({ by: 1, completedAt: -1 }),
        finished().createIndex({ court: 1, late: 1 }),
        finished().createIndex({ caseId: 1 }),
      ]);
    },

    /**
     * Brings one case's rows up to date and clears its pending flag, guarded by the version
     * read: a write that lands meanwhile is synced again here (or by its own sync). `written`,
     * the case as the write just saved it, spares the first read.
     */
    async sync(id: CaseDoc['_id'], written?: CaseForRows): Promise<void> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const version = await writeRows(id, attempt === 0 ? written : undefined);
        if (version === null) return;
        const cleared = await cases().updateOne({ _id: id, version, syncPending: true }, { $unset: { syncPending: 1 } });
        if (cleared.matchedCount === 1) return;
        const now = await cases().findOne({ _id: id }, { projection: { version: 1 } });
        if (!now || now.version === version) return; // already cleared by another sync of this version
      }
    },

    /**
     * Ready to serve: indexes, a full build the first time (a database from before the
     * worklists, or one restored without them), then the cases a crash left unsynced.
     */
    async prepare(): Promise<{ built: number; caughtUp: number }> {
      await repo.ensureIndexes();
      const meta = connection.collection<{ _id: string; builtAt?: Date; rows?: number }>('meta');
      let built = 0;
      const state = await meta.findOne({ _id: 'worklists' });
      if (!state || (state.rows ?? 1) < ROWS_EDITION) {
        await keyOnEverySupervisedCourt();
        built = await repo.rebuild();
        await meta.updateOne({ _id: 'worklists' }, { $set: { builtAt: new Date(), rows: ROWS_EDITION } }, { upsert: true });
      }
      return { built, caughtUp: await repo.repairPending() };
    },

    /** Syncs every case whose last write was not followed by its sync (a crash in between). */
    async repairPending(): Promise<number> {
      const pending = await cases().find({ syncPending: true }, { projection: { _id: 1 } }).toArray();
      for (const c of pending) await repo.sync(c._id);
      return pending.length;
    },

    /** Derives every row again from the cases (idempotent; for a lost or doubted read model). */
    async rebuild(): Promise<number> {
      await Promise.all([inbox().deleteMany({}), finished().deleteMany({})]);
      let n = 0;
      for await (const c of cases().find({}, { projection: { _id: 1 } })) {
        await repo.sync(c._id);
        n++;
      }
      return n;
    },

    async inboxPage(filter: Filter, sort: Record<string, 1 | -1>, skip: number, limit: number) {
      const [items, total] = await Promise.all([
        inbox().find(filter, { projection: { task: 1, caseId: 1, caseNo: 1, subject: 1, caseStatus: 1, supervisedCourt: 1, supervisingCourt: 1, definition: 1 } })
          .sort(sort).skip(skip).limit(limit).toArray(),
        inbox().countDocuments(filter),
      ]);
      return { items, total };
    },

    async finishedPage(filter: Filter, sort: Record<string, 1 | -1>, skip: number, limit: number) {
      const [items, total] = await Promise.all([
        finished().find(filter).sort(sort).skip(skip).limit(limit).toArray(),
        finished().countDocuments(filter),
      ]);
      return { items, total };
    },

    /** Finished tasks with a timeliness verdict, per court: one index count each. */
    async timeliness(courts: string[]) {
      const rows = await Promise.all(courts.map(async (court) => {
        const [onTime, late] = await Promise.all([
          finished().countDocuments({ court, late: false }),
          finished().countDocuments({ court, late: true }),
        ]);
        return { court, onTime, late };
      }));
      return rows.filter((r) => r.onTime + r.late > 0).sort((a, b) => (a.court < b.court ? -1 : a.court > b.court ? 1 : 0));
    },
  };
  return repo;
}
export type WorklistsRepository = ReturnType<typeof createWorklistsRepository>;
