// The `ledger` collection (DESIGN.md Domain). Process entries are a projection of the cases'
// `ledgerEntry` history (written in the case's own guarded update) under deterministic ids, so
// re-projecting is harmless and the collection can be rebuilt from the cases; manual entries and
// rule consequences are single inserts. Nothing is ever updated in place.
import { Schema, type Connection } from 'mongoose';

const personSchema = new Schema({ name: String, court: String, role: String }, { _id: false });

const ledgerSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    issuer: { type: String, required: true },
    issuerLevel: String,
    province: String,
    court: String,
    unit: { type: String, required: true },
    persons: { type: [personSchema], default: [] },
    year: { type: Number, required: true },
    period: String,
    at: { type: Date, required: true },
    caseId: String,
    caseNo: String,
    element: String,
    elementName: String,
    basis: String,
    reason: String,
    grade: String,
    score: Number,
    source: { type: String, required: true },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    reverses: String,
    rule: Schema.Types.Mixed,
  },
  { collection: 'ledger', versionKey: false },
);
ledgerSchema.index({ court: 1, year: 1, kind: 1 });
ledgerSchema.index({ issuer: 1, year: 1 });
ledgerSchema.index({ 'persons.court': 1, year: 1 });
ledgerSchema.index({ reverses: 1 }, { sparse: true });
ledgerSchema.index({ 'rule.id': 1, 'rule.subject': 1, 'rule.window': 1 }, { sparse: true });

export const ledgerModel = (c: Connection) => c.models.LedgerEntry ?? c.model('LedgerEntry', ledgerSchema);
