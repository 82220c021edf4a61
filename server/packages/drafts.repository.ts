// The only code that touches the packageDrafts collection. A save is one guarded update on the
// revision the writer last read, so two administrators cannot overwrite each other unseen.
import type { Connection } from 'mongoose';
import { draftModel, type DraftDoc } from './draft.model';

export type DraftSummary = Omit<DraftDoc, 'files'>;
const NO_FILES = { files: 0 } as const;

export class DraftsRepository {
  private readonly model;
  constructor(connection: Connection) {
    this.model = draftModel(connection);
  }

  find(packageId: string): Promise<DraftDoc | null> {
    return this.model.findOne({ packageId }).lean<DraftDoc>().exec();
  }

  list(): Promise<DraftSummary[]> {
    return this.model.find({}, NO_FILES).sort({ updatedAt: -1 }).lean<DraftSummary[]>().exec();
  }

  /** A new draft; null when one exists already (unique index). */
  async create(doc: Omit<DraftDoc, '_id'>): Promise<DraftDoc | null> {
    try {
      return (await this.model.create(doc)).toObject() as DraftDoc;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return null;
      throw err;
    }
  }

  /** Replaces the draft if it is still at `revision`; null when someone saved in between. */
  update(packageId: string, revision: number, set: Partial<Omit<DraftDoc, '_id' | 'packageId' | 'revision'>>): Promise<DraftDoc | null> {
    return this.model.findOneAndUpdate({ packageId, revision }, { $set: set, $inc: { revision: 1 } }, { returnDocument: 'after' })
      .lean<DraftDoc>().exec();
  }

  /** Removed only at the revision given (publishing must not drop a save made meanwhile). */
  async remove(packageId: string, revision?: number): Promise<boolean> {
    const r = await this.model.deleteOne(revision === undefined ? { packageId } : { packageId, revision }).exec();
    return r.deletedCount === 1;
  }
}
