// An administrator's working copy of a package, kept on the server (one per package) so that
// every administrator of the issuing court, in any browser, sees and continues the same draft.
// It records the published version it starts from: publishing a draft whose base is no longer
// the live version is refused (it would silently undo what was published since).
import mongoose, { Schema, type Connection } from 'mongoose';

const draftSchema = new Schema(
  {
    packageId: { type: String, required: true },
    province: { type: String, required: true },
    /** The live version the draft was opened from; null for a package never published. */
    baseVersion: { type: Number, default: null },
    files: { type: [new Schema({ path: String, text: String }, { _id: false })], required: true },
    /** +1 per save: a save from a stale copy (another tab, another administrator) is refused. */
    revision: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    updatedByName: { type: String },
  },
  { collection: 'packageDrafts', versionKey: false, minimize: false },
);
draftSchema.index({ packageId: 1 }, { unique: true });

export interface DraftDoc {
  _id: mongoose.Types.ObjectId;
  packageId: string;
  province: string;
  baseVersion: number | null;
  files: { path: string; text: string }[];
  revision: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  updatedByName?: string;
}

export const draftModel = (c: Connection) => c.models.PackageDraft ?? c.model('PackageDraft', draftSchema);
