// The only code that touches the messages collection.
import type { Connection } from 'mongoose';
import { messageModel, type MessageDoc } from './message.model';

const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;

export function createMessagesRepository(connection: Connection) {
  const Message = messageModel(connection);
  const unexpired = (now: Date) => ({ $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });
  const unclaimed = (real: Date) => ({ $or: [{ claim: null }, { 'claim.until': { $lte: real } }] });

  return {
    /** Inserts a message once: a second publication of the same id is a no-op. */
    async insertOnce(doc: Omit<MessageDoc, 'status' | 'claim'>): Promise<boolean> {
      try {
        await Message.insertMany([{ ...doc, status: 'pending', claim: null }], { lean: true });
        return true;
      } catch (err) {
        if (isDuplicate(err) || isDuplicate((err as { writeErrors?: unknown[] }).writeErrors?.[0])) return false;
        throw err;
      }
    },

    /** The oldest pending, unexpired, unclaimed message of this name and key. */
    oldestFor(name: string, key: string, now: Date): Promise<MessageDoc | null> {
      return Message.findOne({ status: 'pending', name, key, $and: [unexpired(now), unclaimed(new Date())] })
        .sort({ sentAt: 1 }).lean<MessageDoc>().exec();
    },

    /** Pending, unexpired messages (the sweep), oldest first. */
    pending(now: Date, limit: number): Promise<MessageDoc[]> {
      return Message.find({ status: 'pending', $and: [unexpired(now), unclaimed(new Date())] })
        .sort({ sentAt: 1 }).limit(limit).lean<MessageDoc[]>().exec();
    },

    /**
     * Claims a pending message for delivery to one wait (a lease in real time); answers the
     * message as it was before, so a claim that ran out can be checked, or null when another
     * deliverer holds it or it is gone.
     */
    claim(id: string, claim: { owner: string; caseId: string; waitId: string }, leaseMs: number, now: Date): Promise<MessageDoc | null> {
      const real = new Date();
      return Message.findOneAndUpdate(
        { _id: id, status: 'pending', $and: [unexpired(now), unclaimed(real)] },
        { $set: { claim: { ...claim, until: new Date(real.getTime() + leaseMs) } } },
        { returnDocument: 'before' },
      ).lean<MessageDoc>().exec();
    },

    async release(id: string, owner: string): Promise<void> {
      await Message.updateOne({ _id: id, 'claim.owner': owner }, { $set: { claim: null } }).exec();
    },

    async markConsumed(id: string, consumed: NonNullable<MessageDoc['consumed']>): Promise<void> {
      await Message.updateOne({ _id: id, status: 'pending' }, { $set: { status: 'consumed', consumed, claim: null } }).exec();
    },

    /** Drops undelivered messages whose expiry (platform time) has passed; answers how many. */
    async expire(now: Date): Promise<number> {
      const r = await Message.updateMany(
        { status: 'pending', expiresAt: { $ne: null, $lte: now }, ...unclaimed(new Date()) },
        { $set: { status: 'expired', expiredAt: now } },
      ).exec();
      return r.modifiedCount;
    },

    /** Messages a case sent or received (the case page). */
    ofCase(caseId: string): Promise<MessageDoc[]> {
      return Message.find({ $or: [{ 'from.caseId': caseId }, { 'consumed.caseId': caseId }] }).sort({ sentAt: 1 }).lean<MessageDoc[]>().exec();
    },

    /** Undelivered messages (the administrators' view), newest first. */
    list(filter: { status?: string; name?: string }, limit: number): Promise<MessageDoc[]> {
      return Message.find({ ...(filter.status ? { status: filter.status } : {}), ...(filter.name ? { name: filter.name } : {}) })
        .sort({ sentAt: -1 }).limit(limit).lean<MessageDoc[]>().exec();
    },

    findById(id: string): Promise<MessageDoc | null> {
      return Message.findById(id).lean<MessageDoc>().exec();
    },
  };
}
export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
