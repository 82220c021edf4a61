// A form revision: immutable once stored; a change is a new revision (DESIGN.md decision 7).
// The schema is kept as JSON text, like the engine state: Form.io schemas may carry keys that
// MongoDB treats specially (dots, `$`), and nothing queries inside a schema.
import mongoose, { Schema, type Connection } from 'mongoose';

const formSchema = new Schema(
  {
    key: { type: String, required: true }, // `<package>/<form>`
    revision: { type: Number, required: true },
    title: { type: String },
    schemaJson: { type: String, required: true },
    hash: { type: String, required: true }, // sha256 of schemaJson: an unchanged save is no new revision
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { collection: 'forms', versionKey: false },
);
formSchema.index({ key: 1, revision: 1 }, { unique: true });

export interface FormDoc {
  _id: mongoose.Types.ObjectId;
  key: string;
  revision: number;
  title?: string;
  schemaJson: string;
  hash: string;
  createdAt: Date;
  createdBy: string;
}

export const formModel = (c: Connection) => c.models.Form ?? c.model('Form', formSchema);
