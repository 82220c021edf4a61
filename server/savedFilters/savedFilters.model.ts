// The `savedFilters` collection: a list's filter parameters under a name (常用筛选). Only
// savedFilters.repository.ts uses this model.
import mongoose, { type Connection } from 'mongoose';

export interface SavedFilterRecord {
  owner: string;
  /** The owner's court when saved: a shared filter is offered to that court's users. */
  court: string;
  list: string;
  name: string;
  params: Record<string, string>;
  shared: boolean;
  updatedAt?: Date;
}

const schema = new mongoose.Schema<SavedFilterRecord>(
  {
    owner: { type: String, required: true },
    court: { type: String, required: true },
    list: { type: String, required: true },
    name: { type: String, required: true },
    params: { type: mongoose.Schema.Types.Mixed, default: {} },
    shared: { type: Boolean, default: false },
  },
  { collection: 'savedFilters', timestamps: true, minimize: false },
);
schema.index({ owner: 1, list: 1, name: 1 }, { unique: true });
schema.index({ court: 1, list: 1, shared: 1 });

export function savedFilterModel(connection: Connection) {
  return (connection.models.SavedFilter as mongoose.Model<SavedFilterRecord>) ?? connection.model<SavedFilterRecord>('SavedFilter', schema);
}
