// A message between cases (issue 17): a durable record, delivered to exactly one waiting catch.
// Its _id is fixed by the sending case's write (server/cases/runChanges.ts), so publishing it
// twice (after a crash) inserts it once.
import { Schema, type Connection } from 'mongoose';

export type MessageStatus = 'pending' | 'consumed' | 'expired';

export interface MessageDoc {
  _id: string;
  name: string;
  key: string;
  payload?: unknown;
  from: { caseId: string; caseNo?: string; element: string };
  sentAt: Date;
  /** Platform time after which an undelivered message is dropped; absent: kept until consumed. */
  expiresAt?: Date | null;
  status: MessageStatus;
  /** Who is delivering it now (real-time lease: a crashed deliverer's claim runs out). */
  claim?: { owner: string; until: Date; caseId: string; waitId: string } | null;
  consumed?: { caseId: string; caseNo?: string; waitId: string; element: string; at: Date };
  expiredAt?: Date;
}

const messageSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    key: { type: String, default: '' },
    payload: Schema.Types.Mixed,
    from: { caseId: String, caseNo: String, element: String },
    sentAt: { type: Date, required: true },
    expiresAt: { type: Date, default: null },
    status: { type: String, enum: ['pending', 'consumed', 'expired'], default: 'pending' },
    claim: { type: { owner: String, until: Date, caseId: String, waitId: String }, default: null, _id: false },
    consumed: { type: { caseId: String, caseNo: String, waitId: String, element: String, at: Date }, _id: false },
    expiredAt: Date,
  },
  { collection: 'messages', versionKey: false, minimize: false },
);
messageSchema.index({ status: 1, name: 1, key: 1, sentAt: 1 });
messageSchema.index({ status: 1, expiresAt: 1 });
messageSchema.index({ 'from.caseId': 1 });
messageSchema.index({ 'consumed.caseId': 1 });

export const messageModel = (c: Connection) => c.models.Message ?? c.model('Message', messageSchema);
