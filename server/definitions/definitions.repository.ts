// The only code that touches the definitions collection.
import type { Connection } from 'mongoose';
import { immutableCache } from '../db/immutableCache';
import { definitionModel, type DefinitionDoc } from './definition.model';

export type NewDefinition = Omit<DefinitionDoc, '_id' | 'version'>;

export class DefinitionsRepository {
  private readonly model;
  /** Versions are immutable: read each one once per process (every command needs its XML). */
  readonly get: (key: string, version: number) => Promise<DefinitionDoc | null>;
  constructor(connection: Connection) {
    this.model = definitionModel(connection);
    this.get = immutableCache((key, version) => this.model.findOne({ key, version }).lean<DefinitionDoc>().exec());
  }

  /** The newest version: its number from the index, the document from the cache. */
  async latest(key: string): Promise<DefinitionDoc | null> {
    const last = await this.model.findOne({ key }, { version: 1 }).sort({ version: -1 }).lean<{ version: number }>().exec();
    return last ? this.get(key, last.version) : null;
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
