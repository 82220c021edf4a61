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
  },
  { collection: 'definitions', versionKey: false },
);
definitionSchema.index({ key: 1, version: 1 }, { unique: true });
definitionSchema.index({ packageId: 1 });

export type DefinitionDoc = InferSchemaType<typeof definitionSchema> & { _id: mongoose.Types.ObjectId };

export const definitionModel = (c: Connection) =>
  c.models.Definition ?? c.model('Definition', definitionSchema);
