// The only code that touches the savedFilters model.
import type { Connection } from 'mongoose';
import { savedFilterModel, type SavedFilterRecord } from './savedFilters.model';

export type SavedFilterDoc = SavedFilterRecord & { _id: unknown };

export function createSavedFiltersRepository(connection: Connection) {
  const Filters = savedFilterModel(connection);
  return {
    /** The user's own filters of a list, and those shared within the court, by name. */
    visible: (username: string, court: string, list: string) =>
      Filters.find({ list, $or: [{ owner: username }, { court, shared: true }] }).sort({ name: 1 }).lean<SavedFilterDoc[]>().exec(),
    countOwn: (username: string, list: string) => Filters.countDocuments({ owner: username, list }).exec(),
    /** Saving under a name the user already has replaces that filter. */
    upsert: (f: SavedFilterRecord) =>
      Filters.findOneAndUpdate({ owner: f.owner, list: f.list, name: f.name }, { $set: f }, { upsert: true, returnDocument: 'after' }).lean<SavedFilterDoc>().exec(),
    exists: (owner: string, list: string, name: string) => Filters.exists({ owner, list, name }).exec(),
    findById: (id: string) => Filters.findById(id).lean<SavedFilterDoc>().exec(),
    deleteOwn: async (id: string, owner: string) => (await Filters.deleteOne({ _id: id, owner }).exec()).deletedCount === 1,
  };
}
export type SavedFiltersRepository = ReturnType<typeof createSavedFiltersRepository>;
