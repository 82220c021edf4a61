// A deployed BPMN definition: immutable once stored; a new deploy is a new version.
import mongoose, { Schema, type Connection, type InferSchemaType } from 'mongoose';

const definitionSchema = new Schema(
  {
    key: { type: String, required: true }, // the BPMN process id
    version: { type: Number, required: true },
    packageId: { type: String, required: true },
    name: { type: String },
    xml: { type: String, required: true },
    hash: { type: String, required: true },
    deployedAt: { type: Date, required: true },
    deployedBy: { type: String, required: true },
    // {formKey: revision}: the form revision each user task uses, fixed at deploy. A case runs
    // on one definition version, so it keeps these forms until it is migrated to another.
    forms: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'definitions', versionKey: false },
);
definitionSchema.index({ key: 1, version: 1 }, { unique: true });
definitionSchema.index({ packageId: 1 });

export type DefinitionDoc = Omit<InferSchemaType<typeof definitionSchema>, 'forms'> & {
  _id: mongoose.Types.ObjectId;
  forms?: Record<string, number>;
};

export const definitionModel = (c: Connection) =>
  c.models.Definition ?? c.model('Definition', definitionSchema);
