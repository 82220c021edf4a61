// The only code that touches `startSchedules` (one per timer start event: its next occurrence)
// and `startTriggers` (one per case a timer or a message starts: claimed before the start, so two
// server processes never start it twice).
import type { Connection } from 'mongoose';

export interface ScheduleDoc {
  _id: string; // `${process}:${eventId}`
  process: string;
  eventId: string;
  cycle: string;
  /** The instant ISO cycles without a start repeat from. */
  origin: Date;
  /** The next occurrence; null once an R<n> cycle has run out. */
  nextAt: Date | null;
  dueBy?: string | null;
  /** Occurrences so far. */
  count: number;
  claim: { owner: string; until: Date } | null;
}

export interface TriggerDoc {
  _id: string;
  state: 'starting' | 'started';
  owner: string;
  claimedAt: Date;
  caseId?: string;
  caseNo?: string;
}

const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;

export function createStartsRepository(connection: Connection) {
  const schedules = () => connection.collection<ScheduleDoc>('startSchedules');
  const triggers = () => connection.collection<TriggerDoc>('startTriggers');
  const free = (real: Date) => ({ $or: [{ claim: null }, { 'claim.until': { $lte: real } }] });

  return {
    /** Creates the schedule on first sight; a changed cycle is re-armed from `first`. */
    async ensure(doc: Omit<ScheduleDoc, 'claim' | 'count'>): Promise<void> {
      try {
        await schedules().insertOne({ ...doc, count: 0, claim: null });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        await schedules().updateOne({ _id: doc._id, cycle: { $ne: doc.cycle }, ...free(new Date()) },
          { $set: { cycle: doc.cycle, origin: doc.origin, nextAt: doc.nextAt, dueBy: doc.dueBy ?? null } });
      }
    },
    /** Claims one schedule whose next occurrence is due (a real-time lease). */
    claimDue(now: Date, owner: string, leaseMs: number, ids: string[]): Promise<ScheduleDoc | null> {
      const real = new Date();
      return schedules().findOneAndUpdate(
        { _id: { $in: ids }, nextAt: { $ne: null, $lte: now }, ...free(real) },
        { $set: { claim: { owner, until: new Date(real.getTime() + leaseMs) } } },
        { returnDocument: 'after', sort: { nextAt: 1 } },
      );
    },
    /** Moves past one occurrence (only while this owner holds the claim). */
    async advance(id: string, owner: string, next: { nextAt: Date | null; dueBy?: string | null; count: number }): Promise<boolean> {
      const r = await schedules().updateOne({ _id: id, 'claim.owner': owner }, { $set: { nextAt: next.nextAt, dueBy: next.dueBy ?? null, count: next.count } });
      return r.modifiedCount === 1;
    },
    async release(id: string, owner: string): Promise<void> {
      await schedules().updateOne({ _id: id, 'claim.owner': owner }, { $set: { claim: null } });
    },
    find(id: string) {
      return schedules().findOne({ _id: id });
    },

    /** 'claimed' (start it), 'started' (done before), 'busy' (another process is starting it). */
    async claimTrigger(id: string, owner: string, staleMs: number): Promise<'claimed' | 'started' | 'busy' | 'takenOver'> {
      const claimedAt = new Date();
      try {
        await triggers().insertOne({ _id: id, state: 'starting', owner, claimedAt });
        return 'claimed';
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
      const existing = await triggers().findOne({ _id: id });
      if (!existing || existing.state === 'started') return 'started';
      if (existing.claimedAt.getTime() > Date.now() - staleMs) return 'busy';
      const r = await triggers().updateOne({ _id: id, state: 'starting', owner: existing.owner, claimedAt: existing.claimedAt }, { $set: { owner, claimedAt } });
      return r.modifiedCount === 1 ? 'takenOver' : 'busy';
    },
    async triggerStarted(id: string, caseId: string, caseNo: string): Promise<void> {
      await triggers().updateOne({ _id: id }, { $set: { state: 'started', caseId, caseNo } });
    },
    trigger(id: string) {
      return triggers().findOne({ _id: id });
    },
    /** A case a crashed process started before it could mark its trigger. */
    async caseOfTrigger(id: string): Promise<{ caseId: string; caseNo: string } | null> {
      const c = await connection.collection('cases').findOne({ 'variables.startTrigger': id }, { projection: { caseNo: 1 } });
      return c ? { caseId: String(c._id), caseNo: c.caseNo as string } : null;
    },
  };
}
export type StartsRepository = ReturnType<typeof createStartsRepository>;
