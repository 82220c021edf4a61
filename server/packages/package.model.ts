// One stored version of a province package: the files exactly as imported (so an export gives
// the same bytes back), what the manifest says, and what publishing deployed.
import mongoose, { Schema, type Connection } from 'mongoose';

export const PACKAGE_STATUSES = ['draft', 'publishing', 'published', 'replaced', 'superseded'] as const;
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

const ref = (n: string) => new Schema({ key: { type: String, required: true }, [n]: { type: Number, required: true } }, { _id: false });

const packageSchema = new Schema(
  {
    packageId: { type: String, required: true },
    version: { type: Number, required: true }, // the platform's: +1 per import or parameter change
    status: { type: String, enum: PACKAGE_STATUSES, required: true },
    edition: { type: String, required: true }, // manifest.version, the province's own label
    province: { type: String, required: true },
    title: { type: String, required: true },
    hash: { type: String, required: true }, // sha256 over the files: the same content is the same package
    manifest: { type: Schema.Types.Mixed, required: true },
    files: { type: [new Schema({ path: String, text: String }, { _id: false })], required: true },
    source: { type: String, enum: ['import', 'shipped', 'parameter', 'workspace', 'rollback'], required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    publishingAt: Date,
    publishedAt: Date,
    publishedBy: String,
    publishError: String,
    deployed: { type: [ref('version')], default: undefined },
    formRevisions: { type: [ref('revision')], default: undefined },
    change: { type: Schema.Types.Mixed }, // a parameter change: {parameter, from, to, fromVersion}
  },
  { collection: 'packages', versionKey: false, minimize: false },
);
packageSchema.index({ packageId: 1, version: 1 }, { unique: true });
packageSchema.index({ packageId: 1, status: 1 });

export interface PackageDoc {
  _id: mongoose.Types.ObjectId;
  packageId: string;
  version: number;
  status: PackageStatus;
  edition: string;
  province: string;
  title: string;
  hash: string;
  manifest: unknown;
  files: { path: string; text: string }[];
  source: 'import' | 'shipped' | 'parameter' | 'workspace' | 'rollback';
  createdAt: Date;
  createdBy: string;
  publishingAt?: Date;
  publishedAt?: Date;
  publishedBy?: string;
  publishError?: string;
  deployed?: { key: string; version: number }[];
  formRevisions?: { key: string; revision: number }[];
  /** A parameter change, or a rollback (`rollbackOf`: the version published again). */
  change?: { parameter?: string; from?: string; to?: string; fromVersion: number; rollbackOf?: number };
}

export const packageModel = (c: Connection) => c.models.Package ?? c.model('Package', packageSchema);
