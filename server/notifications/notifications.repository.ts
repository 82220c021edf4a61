// The only code that touches the message collections (`notifications`, `notificationMarks`).
// It also reads what messages derive from — the cases (their history and pending flag), the
// inbox rows and the users — and clears the cases' `notifyPending` flag it owns.
import { Types, type Connection } from 'mongoose';
import type { HistoryEntry, OpenTask } from '../cases/case.model';
import { NEVER, queuesOf } from '../worklists/rows';
import type { LedgerEntry } from '../ledger';
import type { Message } from './kinds';

export interface Person {
  username: string;
  name: string;
  court: string;
  roles: string[];
}

export interface CaseForMessages {
  _id: Types.ObjectId;
  caseNo: string;
  supervisingCourt: string;
  supervisedCourt: string;
  status: string;
  openTasks: OpenTask[];
  notifiedSeq?: number;
  version: number;
}

export interface DueRow {
  _id: string;
  caseId: Types.ObjectId;
  caseNo: string;
  task: OpenTask;
}

const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000
  || ((err as { writeErrors?: { code: number }[] }).writeErrors?.length ?? 0) > 0
    && (err as { writeErrors: { code: number }[] }).writeErrors.every((e) => e.code === 11000);

export function createNotificationsRepository(connection: Connection) {
  const messages = () => connection.collection<Message>('notifications');
  const marks = () => connection.collection<{ _id: string; at: Date }>('notificationMarks');
  const jobs = () => connection.collection<{ _id: string; owner?: string; leaseUntil?: Date | null; doneAt?: Date | null }>('schedulerJobs');
  const cases = () => connection.collection('cases');
  const users = () => connection.collection('users');
  const inbox = () => connection.collection('inbox');

  return {
    async ensureIndexes(): Promise<void> {
      await Promise.all([
        messages().createIndex({ user: 1, at: -1 }),
        messages().createIndex({ user: 1, readAt: 1 }),
        messages().createIndex({ pendingChannels: 1 }),
        cases().createIndex({ notifyPending: 1 }),
        inbox().createIndex({ dueSort: 1 }),
        inbox().createIndex({ changedAt: 1 }),
      ]);
    },

    /** Inserts the messages not already there (by id); answers those it inserted. */
    async insertMissing(list: Message[]): Promise<Message[]> {
      if (!list.length) return [];
      const r = await messages().bulkWrite(
        list.map((m) => ({ updateOne: { filter: { _id: m._id }, update: { $setOnInsert: m }, upsert: true } })),
        { ordered: false },
      ).catch((err) => { if (isDuplicate(err)) return null; throw err; });
      const ids = new Set(Object.values(r?.upsertedIds ?? {}).map(String));
      return list.filter((m) => ids.has(m._id));
    },

    async page(user: string, unread: boolean, skip: number, limit: number): Promise<{ items: Message[]; total: number }> {
      const filter = { user, ...(unread ? { readAt: null } : {}) };
      const [items, total] = await Promise.all([
        messages().find(filter).sort({ at: -1, _id: 1 }).skip(skip).limit(limit).toArray(),
        messages().countDocuments(filter),
      ]);
      return { items: items as Message[], total };
    },

    unreadCount: (user: string) => messages().countDocuments({ user, readAt: null }),

    /** Marks the user's own messages read (all when `ids` is null); answers how many changed. */
    async markRead(user: string, ids: string[] | null, at: Date): Promise<number> {
      const r = await messages().updateMany({ user, readAt: null, ...(ids ? { _id: { $in: ids } } : {}) }, { $set: { readAt: at } });
      return r.modifiedCount;
    },

    findOwn: (user: string, id: string) => messages().findOne({ _id: id, user }),

    /** Enabled accounts holding any of `roles` at `court`. */
    async holders(court: string, roles: string[]): Promise<Person[]> {
      return (await users().find({ court, roles: { $in: roles }, disabled: { $ne: true } }, { projection: { username: 1, name: 1, court: 1, roles: 1 } }).toArray()) as unknown as Person[];
    },

    async people(usernames: string[]): Promise<Person[]> {
      if (!usernames.length) return [];
      return (await users().find({ username: { $in: [...new Set(usernames)] }, disabled: { $ne: true } }, { projection: { username: 1, name: 1, court: 1, roles: 1 } }).toArray()) as unknown as Person[];
    },

    /** Accounts named by 姓名 at a court (a ledger entry records people so). */
    async byName(name: string, court: string): Promise<Person[]> {
      return (await users().find({ name, court, disabled: { $ne: true } }, { projection: { username: 1, name: 1, court: 1, roles: 1 } }).toArray()) as unknown as Person[];
    },

    /** Every enabled account that works tasks (the digest's readers). */
    async workers(roles: string[]): Promise<Person[]> {
      return (await users().find({ roles: { $in: roles }, disabled: { $ne: true } }, { projection: { username: 1, name: 1, court: 1, roles: 1 } }).toArray()) as unknown as Person[];
    },

    async courtNames(codes: string[]): Promise<Map<string, string>> {
      const docs = await connection.collection('courts').find({ code: { $in: [...new Set(codes)] } }, { projection: { code: 1, name: 1 } }).toArray();
      return new Map(docs.map((d) => [d.code as string, d.name as string]));
    },

    caseForMessages(id: Types.ObjectId | string): Promise<CaseForMessages | null> {
      return cases().findOne(
        { _id: new Types.ObjectId(String(id)) },
        { projection: { caseNo: 1, supervisingCourt: 1, supervisedCourt: 1, status: 1, openTasks: 1, notifiedSeq: 1, version: 1 } },
      ) as Promise<CaseForMessages | null>;
    },

    /** The history entries after `seq` of a case (catching up after a crash). */
    async historyAfter(id: Types.ObjectId, seq: number): Promise<HistoryEntry[]> {
      const d = await cases().findOne({ _id: id }, { projection: { history: 1 } });
      return ((d?.history ?? []) as HistoryEntry[]).filter((h) => h.seq > seq);
    },

    /** Cases a crash left with history not yet turned into messages. */
    async pendingCaseIds(): Promise<Types.ObjectId[]> {
      return (await cases().find({ notifyPending: true }, { projection: { _id: 1 } }).toArray()).map((d) => d._id as Types.ObjectId);
    },

    /**
     * Clears the flag once every history entry up to `seq` has its messages, guarded by the
     * version read: a later write keeps the flag for its own projection (or the catch-up).
     */
    async clearPending(id: Types.ObjectId | string, seq: number): Promise<void> {
      const _id = new Types.ObjectId(String(id));
      const d = await cases().findOne({ _id }, { projection: { version: 1, 'history.seq': 1 } });
      if (!d) return;
      const last = ((d.history ?? []) as { seq: number }[]).reduce((m, h) => Math.max(m, h.seq), 0);
      if (last > seq) return;
      await cases().updateOne({ _id, version: d.version, notifyPending: true }, { $unset: { notifyPending: 1 }, $max: { notifiedSeq: seq } });
    },

    /** Inbox rows of tasks due before `horizon` (deadline warning and overdue). */
    async dueBefore(horizon: Date): Promise<DueRow[]> {
      return (await inbox().find({ dueSort: { $lte: horizon, $lt: NEVER } }, { projection: { caseId: 1, caseNo: 1, task: 1 } }).toArray()) as unknown as DueRow[];
    },

    /**
     * The rows a sweep at `now` must look at when the previous one looked at everything up to
     * `since`: deadlines that entered the warning window or passed since then (index ranges on
     * dueSort), and rows changed since then whose deadline is already within the window (an index
     * range on changedAt). Rows that stay overdue are not read again, whatever their number.
     */
    async dueSince(since: Date, now: Date, warnMs: number): Promise<DueRow[]> {
      const horizon = new Date(now.getTime() + warnMs);
      const projection = { caseId: 1, caseNo: 1, task: 1 };
      const lists = await Promise.all([
        inbox().find({ dueSort: { $gt: new Date(since.getTime() + warnMs), $lte: horizon } }, { projection }).toArray(),
        inbox().find({ dueSort: { $gt: since, $lte: now } }, { projection }).toArray(),
        inbox().find({ changedAt: { $gte: since }, dueSort: { $lte: horizon, $lt: NEVER } }, { projection }).toArray(),
      ]);
      const rows = new Map<string, DueRow>();
      for (const r of lists.flat()) rows.set(String(r._id), r as unknown as DueRow);
      return [...rows.values()];
    },

    /** Of these source keys, the ones already turned into messages. */
    async marked(keys: string[]): Promise<Set<string>> {
      if (!keys.length) return new Set();
      return new Set((await marks().find({ _id: { $in: keys } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    },

    async mark(keys: string[], at: Date): Promise<void> {
      if (!keys.length) return;
      await marks().bulkWrite(keys.map((k) => ({ updateOne: { filter: { _id: k }, update: { $setOnInsert: { at } }, upsert: true } })), { ordered: false })
        .catch((err) => { if (!isDuplicate(err)) throw err; });
    },

    /** Rule consequences of the ledger (few): the catch-up of their notices. */
    async consequences(): Promise<LedgerEntry[]> {
      return (await connection.collection('ledger').find({ source: 'rule' }).toArray()) as never;
    },

    /** A user's open tasks, and how many are overdue or due before `soon` (the digest). */
    async workload(person: Person, now: Date, soon: Date): Promise<{ open: number; overdue: number; dueSoon: number }> {
      const queue = { queue: { $in: queuesOf(person) }, 'task.assignment.excludedUsers': { $ne: person.username } };
      const [open, overdue, dueSoon] = await Promise.all([
        inbox().countDocuments(queue),
        inbox().countDocuments({ ...queue, dueSort: { $lte: now } }),
        inbox().countDocuments({ ...queue, dueSort: { $gt: now, $lte: soon } }),
      ]);
      return { open, overdue, dueSoon };
    },

    async pendingDeliveries(limit = 500): Promise<Message[]> {
      return (await messages().find({ 'pendingChannels.0': { $exists: true } }).limit(limit).toArray()) as Message[];
    },

    async delivered(id: string, channel: string): Promise<void> {
      await messages().updateOne({ _id: id }, { $pull: { pendingChannels: channel } });
    },

    /**
     * Claims a once-a-day job (`digest:2026-12-08`) for `leaseMs`: null when it is done or
     * another process holds it. The claim is one guarded upsert, so two processes never both win.
     */
    async claimJob(key: string, owner: string, leaseMs: number): Promise<boolean> {
      const real = new Date();
      try {
        const r = await jobs().findOneAndUpdate(
          { _id: key, doneAt: null, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: real } }] },
          { $set: { owner, leaseUntil: new Date(real.getTime() + leaseMs) } },
          { upsert: true, returnDocument: 'after' },
        );
        return r?.owner === owner;
      } catch (err) {
        if (isDuplicate(err)) return false; // done, or leased by another process
        throw err;
      }
    },

    async finishJob(key: string, owner: string, at: Date): Promise<void> {
      await jobs().updateOne({ _id: key, owner }, { $set: { doneAt: at, leaseUntil: null } });
    },
  };
}
export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
