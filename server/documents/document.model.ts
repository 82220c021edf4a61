// `documents` {kind, number (文号), issuer, caseId, template {kind, revision}, file, issuedAt}
// (DESIGN.md), `documentCounters` {_id: court|kind|year, seq} and `documentTemplates`
// {packageId, kind, revision, data} — the revisions an administrator uploads beside those a
// package ships.
import mongoose, { Schema, type Connection } from 'mongoose';

const courtRef = new Schema({ code: String, name: String }, { _id: false });

const documentSchema = new Schema(
  {
    /** What issued it: the completed task's id, or `<caseId>#<history seq>` for an event. */
    source: { type: String, required: true },
    packageId: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true }, // 督办函
    caseId: { type: Schema.Types.ObjectId, required: true },
    caseNo: String,
    element: String,
    /**
     * issuing → issued → (voided); `failed` keeps its number (if drawn) with the reason. A voided
     * document keeps its number, file and text: only `voided` is added, never an edit.
     */
    status: { type: String, enum: ['issuing', 'issued', 'failed', 'voided'], required: true },
    number: String,
    seq: Number,
    year: Number,
    issuer: { court: courtRef, username: String, name: String },
    recipient: courtRef,
    template: { revision: Number, sha256: String },
    file: { id: Schema.Types.ObjectId, name: String, size: Number, sha256: String },
    /** The PDF of `file`, rendered once on first request (pdf/libreoffice.ts) and kept. */
    pdf: { id: Schema.Types.ObjectId, name: String, size: Number, sha256: String },
    /** What the template was filled with (文号 aside): a correction starts from it. */
    values: Schema.Types.Mixed,
    /** The document this one corrects (更正): the old one stays as it was. */
    corrects: { id: Schema.Types.ObjectId, number: String },
    voided: { reason: String, at: Date, by: { username: String, name: String, court: courtRef } },
    issuedAt: Date,
    error: String,
  },
  { collection: 'documents', versionKey: false },
);
documentSchema.index({ source: 1, kind: 1 }, { unique: true });
documentSchema.index({ caseId: 1, issuedAt: 1 });

const counterSchema = new Schema({ _id: String, seq: { type: Number, required: true } }, { collection: 'documentCounters', versionKey: false });

const templateSchema = new Schema(
  {
    packageId: { type: String, required: true },
    kind: { type: String, required: true },
    revision: { type: Number, required: true },
    data: { type: Buffer, required: true },
    sha256: { type: String, required: true },
    /** `package`: the file a package version shipped; `upload`: an administrator's revision. */
    source: { type: String, enum: ['package', 'upload'], required: true },
    packageVersion: Number,
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'documentTemplates', versionKey: false },
);
templateSchema.index({ packageId: 1, kind: 1, revision: 1 }, { unique: true });

export interface CourtRef { code: string; name: string }
export interface StoredFile { id: mongoose.Types.ObjectId; name: string; size: number; sha256: string }

export interface DocumentDoc {
  _id: mongoose.Types.ObjectId;
  source: string;
  packageId: string;
  kind: string;
  name: string;
  caseId: mongoose.Types.ObjectId;
  caseNo?: string;
  element?: string;
  status: 'issuing' | 'issued' | 'failed' | 'voided';
  number?: string;
  seq?: number;
  year?: number;
  issuer?: { court: CourtRef; username: string; name?: string };
  recipient?: CourtRef;
  template?: { revision: number; sha256: string };
  file?: StoredFile;
  pdf?: StoredFile;
  values?: Record<string, string | boolean | number>;
  corrects?: { id: mongoose.Types.ObjectId; number?: string };
  voided?: { reason: string; at: Date; by: { username: string; name?: string; court: CourtRef } };
  issuedAt?: Date;
  error?: string;
}

export interface TemplateRevision {
  _id: mongoose.Types.ObjectId;
  packageId: string;
  kind: string;
  revision: number;
  data: Buffer;
  sha256: string;
  source: 'package' | 'upload';
  packageVersion?: number;
  createdBy: string;
  createdAt: Date;
}

export const documentModels = (c: Connection) => ({
  documents: c.models.OfficialDocument ?? c.model('OfficialDocument', documentSchema),
  counters: c.models.DocumentCounter ?? c.model('DocumentCounter', counterSchema),
  templates: c.models.DocumentTemplate ?? c.model('DocumentTemplate', templateSchema),
});
