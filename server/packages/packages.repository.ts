// The only code that touches the packages collection. Each version is one document, written
// in one insert; status moves by guarded single-document updates (no transactions).
import type { Connection } from 'mongoose';
import { packageModel, type PackageDoc, type PackageStatus } from './package.model';

export type NewPackageVersion = Omit<PackageDoc, '_id'>;
export type PackageSummary = Omit<PackageDoc, 'files'>;
const NO_FILES = { files: 0 } as const;

export class PackagesRepository {
  private readonly model;
  constructor(connection: Connection) {
    this.model = packageModel(connection);
  }

  /** Refused by the unique (packageId, version) index when another writer took the number. */
  async insertVersion(doc: NewPackageVersion): Promise<PackageDoc> {
    return (await this.model.create(doc)).toObject() as PackageDoc;
  }

  async nextVersionNumber(packageId: string): Promise<number> {
    const last = await this.model.findOne({ packageId }, { version: 1 }).sort({ version: -1 }).lean<{ version: number }>().exec();
    return (last?.version ?? 0) + 1;
  }

  findVersion(packageId: string, version: number): Promise<PackageDoc | null> {
    return this.model.findOne({ packageId, version }).lean<PackageDoc>().exec();
  }

  /** The live version: the newest published one. */
  findLive(packageId: string): Promise<PackageDoc | null> {
    return this.model.findOne({ packageId, status: 'published' }).sort({ version: -1 }).lean<PackageDoc>().exec();
  }

  /** The live version's number only: cheap enough to ask on every task completion. */
  async liveVersionNumber(packageId: string): Promise<number | null> {
    const r = await this.model.findOne({ packageId, status: 'published' }, { version: 1 }).sort({ version: -1 }).lean<{ version: number }>().exec();
    return r?.version ?? null;
  }

  /** The live version of every package, without its files. */
  async listLive(): Promise<PackageSummary[]> {
    const docs = await this.model.find({ status: 'published' }, NO_FILES).sort({ packageId: 1, version: -1 }).lean<PackageSummary[]>().exec();
    return docs.filter((d, i) => i === 0 || docs[i - 1].packageId !== d.packageId);
  }

  findLatest(packageId: string, status?: PackageStatus): Promise<PackageDoc | null> {
    return this.model.findOne(status ? { packageId, status } : { packageId }).sort({ version: -1 }).lean<PackageDoc>().exec();
  }

  findSameContent(packageId: string, hash: string): Promise<PackageSummary | null> {
    return this.model.findOne({ packageId, hash }, NO_FILES).sort({ version: -1 }).lean<PackageSummary>().exec();
  }

  findEdition(packageId: string, edition: string): Promise<PackageSummary | null> {
    return this.model.findOne({ packageId, edition }, NO_FILES).sort({ version: -1 }).lean<PackageSummary>().exec();
  }

  async provinceOf(packageId: string): Promise<string | undefined> {
    return (await this.model.findOne({ packageId }, { province: 1 }).lean<{ province: string }>().exec())?.province;
  }

  versionsOf(packageId: string): Promise<PackageSummary[]> {
    return this.model.find({ packageId }, NO_FILES).sort({ version: 1 }).lean<PackageSummary[]>().exec();
  }

  listAll(): Promise<PackageSummary[]> {
    return this.model.find({}, NO_FILES).sort({ packageId: 1, version: 1 }).lean<PackageSummary[]>().exec();
  }

  /** Takes a draft (or a publish abandoned before `staleBefore`) for publishing; null if taken. */
  claimForPublishing(packageId: string, version: number, now: Date, staleBefore: Date): Promise<PackageDoc | null> {
    return this.model.findOneAndUpdate(
      { packageId, version, $or: [{ status: 'draft' }, { status: 'publishing', publishingAt: { $lt: staleBefore } }] },
      { $set: { status: 'publishing', publishingAt: now }, $unset: { publishError: 1 } },
      { returnDocument: 'after' },
    ).lean<PackageDoc>().exec();
  }

  async markPublished(packageId: string, version: number, done: Pick<PackageDoc, 'publishedAt' | 'publishedBy' | 'deployed' | 'formRevisions'>): Promise<void> {
    await this.model.updateOne({ packageId, version, status: 'publishing' }, { $set: { ...done, status: 'published' }, $unset: { publishingAt: 1 } }).exec();
    // The earlier live version stays readable; cases started on it keep its definitions. Two
    // racing publishes still leave one live: the higher version (publishing never goes back).
    await this.model.updateMany({ packageId, status: 'published', version: { $lt: version } }, { $set: { status: 'replaced' } }).exec();
  }

  async releaseClaim(packageId: string, version: number, error: string): Promise<void> {
    await this.model.updateOne({ packageId, version, status: 'publishing' }, { $set: { status: 'draft', publishError: error }, $unset: { publishingAt: 1 } }).exec();
  }

  /** Compensation for a parameter change whose deploy failed: the version never went live. */
  async removeUnpublished(packageId: string, version: number): Promise<void> {
    await this.model.deleteOne({ packageId, version, status: 'publishing' }).exec();
  }

  /** An import that lost a race to the same content (never a version someone publishes). */
  async removeDraft(packageId: string, version: number): Promise<void> {
    await this.model.deleteOne({ packageId, version, status: 'draft' }).exec();
  }

  async markSuperseded(packageId: string): Promise<void> {
    await this.model.updateMany({ packageId, status: 'published' }, { $set: { status: 'superseded' } }).exec();
  }
}
