// The only code that touches the courts model. Writes keep `ancestors` consistent through
// `rebuildAncestors`, which recomputes them from parent links (derived data, rebuildable).
import type { Connection } from 'mongoose';
import { ancestorChain } from './jurisdiction';
import { courtModel } from './courts.model';
import type { Court, CourtInput } from './courts.types';

const FIELDS = { _id: 0, code: 1, name: 1, level: 1, kind: 1, parent: 1, province: 1, ancestors: 1 } as const;

export type CourtsRepository = ReturnType<typeof createCourtsRepository>;

export function createCourtsRepository(connection: Connection) {
  const Courts = courtModel(connection);
  const toCourt = (d: Court): Court => ({ ...d, kind: d.kind || undefined, ancestors: d.ancestors ?? [] });

  const repo = {
    async listAll(): Promise<Court[]> {
      const docs = await Courts.find({}, FIELDS).sort({ code: 1 }).lean<Court[]>();
      return docs.map(toCourt);
    },
    async findByCode(code: string): Promise<Court | null> {
      const doc = await Courts.findOne({ code }, FIELDS).lean<Court>();
      return doc ? toCourt(doc) : null;
    },
    async findByCodes(codes: string[]): Promise<Map<string, Court>> {
      const docs = await Courts.find({ code: { $in: [...new Set(codes)] } }, FIELDS).lean<Court[]>();
      return new Map(docs.map((d) => [d.code, toCourt(d)]));
    },
    /** The court and every court below it in the tree. */
    async codesUnder(code: string): Promise<string[]> {
      const docs = await Courts.find({ $or: [{ code }, { ancestors: code }] }, { _id: 0, code: 1 }).lean<{ code: string }[]>();
      return docs.map((d) => d.code);
    },
    async insertCourt(court: Court): Promise<void> {
      await Courts.create(court);
    },
    async updateCourt(code: string, changes: Partial<CourtInput>): Promise<void> {
      const { kind, ...rest } = changes;
      const update = kind === undefined && 'kind' in changes ? { $set: rest, $unset: { kind: 1 } } : { $set: changes };
      await Courts.updateOne({ code }, update);
    },
    /**
     * Writes validated courts (new ones inserted, existing ones replaced). Without transactions
     * all-or-nothing is kept by compensation: on failure the previous documents are restored.
     */
    async upsertCourts(courts: CourtInput[]): Promise<{ created: number; updated: number }> {
      const previous = await repo.findByCodes(courts.map((c) => c.code));
      const write = (list: CourtInput[]) =>
        Courts.bulkWrite(
          list.map((c) => ({
            replaceOne: { filter: { code: c.code }, replacement: { ancestors: [], ...c }, upsert: true },
          })),
          { ordered: true },
        );
      try {
        await write(courts);
      } catch (err) {
        await Courts.deleteMany({ code: { $in: courts.map((c) => c.code).filter((c) => !previous.has(c)) } });
        if (previous.size) await write([...previous.values()]);
        throw err;
      }
      return { created: courts.length - previous.size, updated: previous.size };
    },
    /** Recomputes every court's ancestors from parent links; writes only those that changed. */
    async rebuildAncestors(): Promise<number> {
      const all = await repo.listAll();
      const byCode = new Map(all.map((c) => [c.code, c]));
      // A cycle cannot come through validated writes; if a hand edit made one, its courts get no ancestors.
      const computed = new Map(all.map((c) => [c.code, ancestorChain(c.code, byCode) ?? []]));
      const changed = all.filter((c) => computed.get(c.code)!.join('/') !== c.ancestors.join('/'));
      if (changed.length === 0) return 0;
      await Courts.bulkWrite(
        changed.map((c) => ({
          updateOne: { filter: { code: c.code }, update: { $set: { ancestors: computed.get(c.code)! } } },
        })),
      );
      return changed.length;
    },
  };
  return repo;
}
