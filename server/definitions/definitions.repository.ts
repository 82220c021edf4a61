// The only code that touches the definitions collection.
import type { Connection } from 'mongoose';
import { definitionModel, type DefinitionDoc } from './definition.model';

export type NewDefinition = Omit<DefinitionDoc, '_id' | 'version'>;

export class DefinitionsRepository {
  private readonly model;
  constructor(connection: Connection) {
    this.model = definitionModel(connection);
  }

  latest(key: string): Promise<DefinitionDoc | null> {
    return this.model.findOne({ key }).sort({ version: -1 }).lean<DefinitionDoc>().exec();
  }

  get(key: string, version: number): Promise<DefinitionDoc | null> {
    return this.model.findOne({ key, version }).lean<DefinitionDoc>().exec();
  }

  list(filter: { packageId?: string } = {}): Promise<DefinitionDoc[]> {
    const q = filter.packageId ? { packageId: filter.packageId } : {};
    return this.model.find(q, { xml: 0 }).sort({ key: 1, version: 1 }).lean<DefinitionDoc[]>().exec();
  }

  /**
   * Inserts the next version. Two deploys racing for the same version number: the unique
   * (key, version) index refuses one of them, which then retries with the next number.
   */
  async insertNextVersion(def: NewDefinition): Promise<DefinitionDoc> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.latest(def.key);
      const version = (last?.version ?? 0) + 1;
      try {
        const created = await this.model.create({ ...def, version });
        return created.toObject() as DefinitionDoc;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000 || attempt >= 5) throw err;
      }
    }
  }
}
