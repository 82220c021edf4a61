// The only code that touches the forms collection.
import type { Connection } from 'mongoose';
import { immutableCache } from '../db/immutableCache';
import { formModel, type FormDoc } from './form.model';

export type FormMeta = Omit<FormDoc, '_id' | 'schemaJson'>;
const META = { schemaJson: 0, _id: 0 };

export class FormsRepository {
  private readonly model;
  /** Revisions are immutable: each is read once per process (every completion checks one). */
  readonly get: (key: string, revision: number) => Promise<FormDoc | null>;
  constructor(connection: Connection) {
    this.model = formModel(connection);
    this.get = immutableCache((key, revision) => this.model.findOne({ key, revision }).lean<FormDoc>().exec());
  }

  async latest(key: string): Promise<FormDoc | null> {
    const last = await this.model.findOne({ key }, { revision: 1 }).sort({ revision: -1 }).lean<{ revision: number }>().exec();
    return last ? this.get(key, last.revision) : null;
  }

  /** The newest revision of `key` whose schema hashes to `hash`, if any. */
  withHash(key: string, hash: string): Promise<FormDoc | null> {
    return this.model.findOne({ key, hash }).sort({ revision: -1 }).lean<FormDoc>().exec();
  }

  /** Every revision of one form, oldest first, without schemas. */
  revisions(key: string): Promise<FormMeta[]> {
    return this.model.find({ key }, META).sort({ revision: 1 }).lean<FormMeta[]>().exec();
  }

  /** The latest revision of every form (or of those under a package), without schemas. */
  async list(packageId?: string): Promise<FormMeta[]> {
    const filter = packageId ? { key: { $gte: `${packageId}/`, $lt: `${packageId}0` } } : {};
    const all = await this.model.find(filter, META).sort({ key: 1, revision: 1 }).lean<FormMeta[]>().exec();
    const latest = new Map<string, FormMeta>();
    for (const f of all) latest.set(f.key, f);
    return [...latest.values()];
  }

  /** {key: latest revision} for the keys that have one. */
  async latestRevisions(keys: string[]): Promise<Map<string, number>> {
    const docs = await this.model.find({ key: { $in: keys } }, { key: 1, revision: 1 }).lean<FormMeta[]>().exec();
    const out = new Map<string, number>();
    for (const d of docs) out.set(d.key, Math.max(out.get(d.key) ?? 0, d.revision));
    return out;
  }

  /**
   * Inserts the next revision. Two saves racing for the same number: the unique (key, revision)
   * index refuses one of them, which retries with the next number.
   */
  async insertNextRevision(doc: Omit<FormDoc, '_id' | 'revision'>): Promise<FormDoc> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.latest(doc.key);
      if (attempt > 0 && last?.hash === doc.hash) return last; // a concurrent save of the same schema won
      try {
        const created = await this.model.create({ ...doc, revision: (last?.revision ?? 0) + 1 });
        return created.toObject() as FormDoc;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000 || attempt >= 5) throw err;
      }
    }
  }
}
