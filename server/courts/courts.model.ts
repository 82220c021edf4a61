// The `courts` collection. Only courts.repository.ts uses this model.
import mongoose, { type Connection } from 'mongoose';
import { COURT_LEVELS, type Court } from './courts.types';

const schema = new mongoose.Schema<Court>(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    level: { type: String, required: true, enum: COURT_LEVELS },
    kind: { type: String },
    parent: { type: String, default: null, index: true },
    province: { type: String, default: null },
    // Multikey index: "every court under X" is {ancestors: X}.
    ancestors: { type: [String], default: [], index: true },
  },
  { collection: 'courts', timestamps: true },
);

export function courtModel(connection: Connection) {
  return (connection.models.Court as mongoose.Model<Court>) ?? connection.model<Court>('Court', schema);
}
