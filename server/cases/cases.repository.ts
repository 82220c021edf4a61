// The only code that touches the cases collection. Every change to a case is one guarded
// single-document update: it applies only if the case still has the version the command read,
// and it appends the command's history entries in the same write.
import type { Connection } from 'mongoose';
import { NEVER } from '../worklists/rows';
import { caseModel, type CaseDoc, type HistoryEntry, type OpenTask } from './case.model';

export type CaseChanges = Partial<
  Pick<CaseDoc, 'variables' | 'engineState' | 'openTasks' | 'timers' | 'nextDueAt' | 'messageWaits' | 'outbox' | 'status' | 'closedAt' | 'definition' | 'supervisedCourt' | 'supervisedCourts' | 'suspension' | 'suspensions' | 'failure'>
>;

/** A case without its engine state and history. */
export type CaseSummaryDoc = Omit<CaseDoc, 'engineState' | 'history'>;

/** What a list page asks of the cases collection (built by caseQuery.ts). */
export interface CaseListQuery {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
  skip: number;
  limit: number;
}

/**
 * Told of every history written (after the write succeeded): derived stores such as the
 * supervision ledger project from it. A failing observer never undoes the case write; what it
 * missed it rebuilds from the cases (DESIGN.md decision 2).
 */
export type HistoryObserver = (caseId: CaseDoc['_id'], history: HistoryEntry[]) => Promise<void>;

export class CasesRepository {
  readonly model;
  private readonly counters;
  /**
   * Runs after every successful case write (the worklists' sync); set by the platform. `written`
   * is the case as saved (all but its engine state) when the write has it, so that it is not
   * read again.
   */
  afterWrite?: (id: CaseDoc['_id'], written?: Omit<CaseDoc, 'engineState'>) => Promise<void>;
  private readonly observers: HistoryObserver[] = [];

  observe(fn: HistoryObserver): void {
    this.observers.push(fn);
  }

  private async written(id: CaseDoc['_id'], history: HistoryEntry[]): Promise<void> {
    for (const fn of this.observers) await fn(id, history).catch(() => undefined);
  }

  constructor(connection: Connection) {
    this.model = caseModel(connection);
    this.counters = connection.collection<{ _id: string; n: number }>('counters');
  }

  /**
   * Inserts a new case as built by the cases service (typed, already in stored form): lean,
   * without mongoose's document hydration and validation, which cost as much as the write.
   */
  async insert(doc: Omit<CaseDoc, '_id'>): Promise<CaseDoc> {
    const [inserted] = await this.model.insertMany([{ ...doc, firstDueAt: firstDueOf(doc), syncPending: true, notifyPending: true }], { lean: true });
    const created = inserted as unknown as CaseDoc;
    await this.afterWrite?.(created._id, created);
    await this.written(created._id, doc.history);
    return created;
  }

  /** The next number in a series (案号: province and year), atomically: parallel draws never share one. */
  async nextNumber(series: string): Promise<number> {
    const r = await this.counters.findOneAndUpdate(
      { _id: series },
      { $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    return r!.n;
  }

  /** Undoes a draw whose case was never written, if no later draw has happened since. */
  async giveBackNumber(series: string, n: number): Promise<void> {
    await this.counters.updateOne({ _id: series, n }, { $inc: { n: -1 } });
  }

  findById(id: string): Promise<CaseDoc | null> {
    return this.model.findById(id).lean<CaseDoc>().exec();
  }

  findByOpenTask(taskId: string): Promise<CaseDoc | null> {
    return this.model.findOne({ 'openTasks.id': taskId }).lean<CaseDoc>().exec();
  }

  /**
   * Finds a case by any task it has had (open or completed). The open-task index answers the
   * usual case; only a task no longer open needs the (unindexed) history search.
   */
  async findByTask(taskId: string): Promise<CaseDoc | null> {
    return (await this.findByOpenTask(taskId)) ?? this.model.findOne({ 'history.data.taskId': taskId }).lean<CaseDoc>().exec();
  }

  /** One page of cases (without engine state and history) and how many match in all. */
  async page(q: CaseListQuery): Promise<{ items: CaseSummaryDoc[]; total: number }> {
    const [items, total] = await Promise.all([
      this.model.find(q.filter, { engineState: 0, history: 0 }).sort(q.sort).skip(q.skip).limit(q.limit).lean<CaseSummaryDoc[]>().exec(),
      this.model.countDocuments(q.filter).exec(),
    ]);
    return { items, total };
  }

  /** How many cases match: from index positions when the filter allows (stats). */
  count(filter: Record<string, unknown>): Promise<number> {
    return this.model.countDocuments(filter).exec();
  }

  /**
   * Applies `changes` and appends `history` if the case is still at `expectedVersion`.
   * Returns false when another command got there first (the caller answers 409 or retries).
   */
  async commit(
    id: CaseDoc['_id'],
    expectedVersion: number,
    changes: CaseChanges,
    history: HistoryEntry[],
    opts: { releaseLeaseOf?: string } = {},
  ): Promise<boolean> {
    const { filter, update } = guardedUpdate(id, expectedVersion, changes, history, opts);
    const r = await this.model.updateOne(filter, update).exec();
    if (r.modifiedCount === 1) {
      await this.afterWrite?.(id);
      await this.written(id, history);
    }
    return r.modifiedCount === 1;
  }

  /**
   * The same guarded write, answering with the case as saved (one round trip, no re-read),
   * without its engine state and history: the two parts that grow, and that no answer shows.
   * The history is read back all the same, for the worklists' sync, which would read it anyway.
   */
  async commitAndRead(id: CaseDoc['_id'], expectedVersion: number, changes: CaseChanges, history: HistoryEntry[]): Promise<CaseSummaryDoc | null> {
    const { filter, update } = guardedUpdate(id, expectedVersion, changes, history);
    const saved = await this.model
      .findOneAndUpdate(filter, update, { returnDocument: 'after', projection: { engineState: 0 } })
      .lean<Omit<CaseDoc, 'engineState'>>()
      .exec();
    if (!saved) return null;
    await this.afterWrite?.(id, saved);
    await this.written(id, history);
    const { history: _history, ...summary } = saved;
    return summary;
  }

  /**
   * Claims the running case whose next timer is the earliest due at `now` (platform clock),
   * unless another process holds an unexpired lease (real time: leases guard processes, not law).
   */
  claimDue(now: Date, owner: string, leaseMs: number, onlyId?: CaseDoc['_id']): Promise<CaseDoc | null> {
    const real = new Date();
    return this.model
      .findOneAndUpdate(
        {
          ...(onlyId ? { _id: onlyId } : {}),
          status: 'running',
          nextDueAt: { $lte: now },
          $or: [{ 'lease.until': null }, { 'lease.until': { $lte: real } }],
        },
        { $set: { lease: { owner, until: new Date(real.getTime() + leaseMs) } } },
        { sort: { nextDueAt: 1 }, returnDocument: 'after' },
      )
      .lean<CaseDoc>()
      .exec();
  }

  async release(id: CaseDoc['_id'], owner: string): Promise<void> {
    await this.model.updateOne({ _id: id, 'lease.owner': owner }, { $set: { lease: null } }).exec();
  }

  /** Running cases waiting for a message of this name and key, the longest waiting first. */
  waitingFor(name: string, key: string, limit = 5): Promise<CaseDoc[]> {
    return this.model
      .find({ status: 'running', messageWaits: { $elemMatch: { name, key } } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<CaseDoc[]>()
      .exec();
  }

  /** Running cases whose call activity waits on a child case (server/calls sweep). */
  waitingOnCalls(limit: number): Promise<CaseDoc[]> {
    return this.model.find({ status: 'running', 'messageWaits.name': { $regex: '^call:' } }).limit(limit).lean<CaseDoc[]>().exec();
  }

  /** Cases a call activity of this case started (server/calls). */
  childrenOf(caseId: string): Promise<CaseDoc[]> {
    return this.model.find({ 'variables.parentCase.caseId': caseId }, { engineState: 0, history: 0 }).sort({ createdAt: 1 }).lean<CaseDoc[]>().exec();
  }

  /** Running cases that wait for any message (the delivery sweep). */
  async waitingIds(limit: number): Promise<CaseDoc['_id'][]> {
    const docs = await this.model.find({ status: 'running', 'messageWaits.id': { $exists: true } }, { _id: 1 }).limit(limit).lean<{ _id: CaseDoc['_id'] }[]>().exec();
    return docs.map((d) => d._id);
  }

  /** Cases whose sent messages are not all published yet (a crash between the two writes). */
  async withOutbox(limit: number): Promise<Pick<CaseDoc, '_id' | 'caseNo' | 'outbox'>[]> {
    return this.model.find({ 'outbox.id': { $exists: true } }, { caseNo: 1, outbox: 1 }).limit(limit).lean<Pick<CaseDoc, '_id' | 'caseNo' | 'outbox'>[]>().exec();
  }

  /** Drops published messages from a case's outbox (not a step of the case: no version, no history). */
  async pullOutbox(id: CaseDoc['_id'], ids: string[]): Promise<void> {
    await this.model.updateOne({ _id: id }, { $pull: { outbox: { id: { $in: ids } } } }).exec();
  }

  /** Whether a case's history records the delivery of this message (recovery of a lost claim). */
  async hasReceived(id: CaseDoc['_id'], messageId: string): Promise<boolean> {
    return (await this.model.countDocuments({ _id: id, history: { $elemMatch: { type: 'messageReceived', 'data.messageId': messageId } } }).exec()) > 0;
  }

  /** Running cases of one definition version (migration). */
  runningOf(key: string, version: number): Promise<CaseDoc[]> {
    return this.model.find({ 'definition.key': key, 'definition.version': version, status: 'running' }).lean<CaseDoc[]>().exec();
  }

  /** Running cases with a pending timer due at or after `from` (calendar recompute). */
  runningWithTimersFrom(from: Date): Promise<CaseDoc[]> {
    return this.model.find({ status: 'running', 'timers.dueAt': { $gte: from } }).lean<CaseDoc[]>().exec();
  }
}

function guardedUpdate(
  id: CaseDoc['_id'],
  expectedVersion: number,
  changes: CaseChanges,
  history: HistoryEntry[],
  opts: { releaseLeaseOf?: string } = {},
) {
  const filter: Record<string, unknown> = { _id: id, version: expectedVersion };
  if (opts.releaseLeaseOf) filter['lease.owner'] = opts.releaseLeaseOf;
  // notifyPending: cleared once the history written has become messages (server/notifications).
  const set: Record<string, unknown> = { ...changes, version: expectedVersion + 1, syncPending: true, ...(history.length ? { notifyPending: true } : {}) };
  if (changes.openTasks) set.firstDueAt = firstDueOf(changes);
  else if (changes.status && changes.status !== 'running') set.firstDueAt = NEVER;
  if (opts.releaseLeaseOf) set.lease = null;
  return { filter, update: { $set: set, $push: { history: { $each: history } } } };
}

/** The earliest due among the open tasks of a running case; NEVER otherwise (sorts last). */
export function firstDueOf(c: { openTasks?: OpenTask[]; status?: string }): Date {
  if (c.status && c.status !== 'running') return NEVER;
  return (c.openTasks ?? []).reduce<Date>((min, t) => (t.dueAt && t.dueAt < min ? t.dueAt : min), NEVER);
}
