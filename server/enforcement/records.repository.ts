// The only code that touches the enforcement collections:
//   enforcementRecords  one 执行案件 per (court, caseNo), with its change history and the cases it led to
//   enforcementImports  import jobs: progress and the validation report
//   enforcementMappings a province's column mapping
//   enforcementTriggers one per (rule or inspection round, record): the unique key that makes a
//                       rule start its process at most once, whatever the number of server processes
//   enforcementRounds   sampled inspection rounds: seed, rate, population and sample
import { Types, type Connection } from 'mongoose';
import type { ColumnMapping, RecordInput, RecordNode } from './fields';

export interface RecordChange {
  at: Date;
  by: string;
  source: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface CaseLink {
  caseId: string;
  caseNo: string;
  process: string;
  /** `rule:<package>:<rule>` or `inspection:<round>`. */
  cause: string;
  title: string;
  at: Date;
}

export interface RecordDoc extends RecordInput {
  _id: Types.ObjectId;
  /** The court and every court above it: "records of itself and the courts below" is one index range. */
  courtPath: string[];
  province: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  history: RecordChange[];
  cases: CaseLink[];
  /** Rule keys (`<package>:<rule>`) that have started their process for this record. */
  fired: string[];
  /** When the monitoring rules must look at this record next (arrival, change, an `at` instant). */
  nextCheckAt: Date | null;
  lease?: { owner: string; until: Date } | null;
}

export interface ImportJob {
  _id: string;
  court: string;
  by: string;
  fileName: string;
  kind: 'xlsx' | 'csv' | 'json';
  mode: 'valid' | 'all';
  status: 'running' | 'done' | 'rejected' | 'failed';
  phase: string;
  totalBytes: number;
  bytesRead: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: { row: number; column: string; reason: string }[];
  problemCount: number;
  message?: string;
  startedAt: Date;
  finishedAt?: Date;
}

export interface Trigger {
  _id: string;
  recordId: string;
  cause: string;
  state: 'starting' | 'started';
  owner: string;
  claimedAt: Date;
  caseId?: string;
  caseNo?: string;
}

export interface RoundDoc {
  _id: string;
  packageId: string;
  inspection: string;
  title: string;
  court: string;
  by: string;
  at: Date;
  seed: string;
  rate: number;
  algorithm: string;
  closedFrom: string;
  closedTo: string;
  population: Record<string, number>;
  sample: { recordId: string; court: string; caseNo: string; key: string }[];
  aggregated?: Date;
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000
  || (err as { writeErrors?: { code: number }[] }).writeErrors?.every((e) => e.code === 11000) === true;

export type RecordsRepository = ReturnType<typeof createRecordsRepository>;

export function createRecordsRepository(connection: Connection) {
  const records = () => connection.collection<RecordDoc>('enforcementRecords');
  const imports = () => connection.collection<ImportJob>('enforcementImports');
  const mappings = () => connection.collection<{ _id: string; mapping: ColumnMapping; by: string; at: Date }>('enforcementMappings');
  const triggers = () => connection.collection<Trigger>('enforcementTriggers');
  const rounds = () => connection.collection<RoundDoc>('enforcementRounds');
  const meta = () => connection.collection<{ _id: string; hash: string }>('enforcementMeta');

  return {
    async ensureIndexes() {
      await records().createIndex({ court: 1, caseNo: 1 }, { unique: true });
      await records().createIndex({ courtPath: 1, caseNo: 1 });
      await records().createIndex({ nextCheckAt: 1 });
      await records().createIndex({ court: 1, closing: 1, closedAt: 1 });
      await imports().createIndex({ court: 1, startedAt: -1 });
    },

    /** The stored records among these keys (one chunk of an import). */
    async findByKeys(keys: { court: string; caseNo: string }[]): Promise<RecordDoc[]> {
      if (!keys.length) return [];
      const byCourt = new Map<string, string[]>();
      for (const k of keys) byCourt.set(k.court, [...(byCourt.get(k.court) ?? []), k.caseNo]);
      // One query per court: top-level equality + $in is an index range on (court, caseNo); the
      // embedded store does not plan an $or of them through the index.
      const out: RecordDoc[] = [];
      for (const [court, caseNos] of byCourt) {
        out.push(...(await records().find({ court, caseNo: { $in: caseNos } }, { projection: { history: 0 } }).toArray() as RecordDoc[]));
      }
      return out;
    },

    async insertMany(docs: Omit<RecordDoc, '_id'>[]): Promise<{ inserted: number; duplicates: Omit<RecordDoc, '_id'>[] }> {
      if (!docs.length) return { inserted: 0, duplicates: [] };
      try {
        await records().insertMany(docs as RecordDoc[], { ordered: false });
        return { inserted: docs.length, duplicates: [] };
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        // Another import wrote some of these keys meanwhile: the caller updates those instead.
        const failed = new Set(((err as { writeErrors?: { index: number }[] }).writeErrors ?? []).map((e) => e.index));
        return { inserted: docs.length - failed.size, duplicates: docs.filter((_, i) => failed.has(i)) };
      }
    },

    /** A guarded update: only if nobody changed the record since it was read. */
    async updateIfVersion(id: Types.ObjectId, version: number, set: Partial<RecordDoc>, change: RecordChange): Promise<boolean> {
      const r = await records().updateOne(
        { _id: id, version },
        { $set: { ...set, updatedAt: change.at }, $inc: { version: 1 }, $push: { history: change } },
      );
      return r.modifiedCount === 1;
    },

    async findById(id: string): Promise<RecordDoc | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      return records().findOne({ _id: new Types.ObjectId(id) }) as Promise<RecordDoc | null>;
    },
    async findByCaseNo(court: string, caseNo: string): Promise<RecordDoc | null> {
      return records().findOne({ court, caseNo }) as Promise<RecordDoc | null>;
    },

    async page(filter: Record<string, unknown>, skip: number, limit: number) {
      const [items, total] = await Promise.all([
        records().find(filter, { projection: { history: 0, lease: 0 } }).sort({ court: 1, caseNo: 1 }).skip(skip).limit(limit).toArray(),
        records().countDocuments(filter),
      ]);
      return { items: items as RecordDoc[], total };
    },

    /** The population of a draw: only what the draw needs. */
    async population(filter: Record<string, unknown>): Promise<{ _id: Types.ObjectId; court: string; caseNo: string }[]> {
      return records().find(filter, { projection: { court: 1, caseNo: 1 } }).toArray() as never;
    },
    async findMany(ids: string[]): Promise<RecordDoc[]> {
      return records().find({ _id: { $in: ids.map((i) => new Types.ObjectId(i)) } }).toArray() as Promise<RecordDoc[]>;
    },

    // ---- monitoring ----
    /** Claims up to `limit` records due for a check (a lease in real time, as the cases' timers). */
    async claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<RecordDoc[]> {
      const real = new Date();
      const free = { $or: [{ lease: null }, { lease: { $exists: false } }, { 'lease.until': { $lte: real } }] };
      const due = await records().find({ nextCheckAt: { $lte: now }, ...free }, { projection: { _id: 1 } })
        .sort({ nextCheckAt: 1 }).limit(limit).toArray();
      if (!due.length) return [];
      const until = new Date(real.getTime() + leaseMs);
      await records().updateMany({ _id: { $in: due.map((d) => d._id) }, nextCheckAt: { $lte: now }, ...free }, { $set: { lease: { owner, until } } });
      return records().find({ _id: { $in: due.map((d) => d._id) }, 'lease.owner': owner, 'lease.until': until }).toArray() as Promise<RecordDoc[]>;
    },
    /** Ends a check: the next instant to look again, and the lease released (only by its owner). */
    async checked(id: Types.ObjectId, owner: string, nextCheckAt: Date | null, version: number): Promise<void> {
      // A record changed during the check keeps nextCheckAt = its change instant (looked at again).
      await records().updateOne({ _id: id, 'lease.owner': owner, version }, { $set: { nextCheckAt, lease: null } });
      await records().updateOne({ _id: id, 'lease.owner': owner }, { $set: { lease: null } });
    },
    async markAllDue(now: Date): Promise<number> {
      return (await records().updateMany({}, { $set: { nextCheckAt: now } })).modifiedCount;
    },
    async linkCase(recordId: string, firedKey: string | null, link: CaseLink): Promise<void> {
      const _id = new Types.ObjectId(recordId);
      if (firedKey) await records().updateOne({ _id }, { $addToSet: { fired: firedKey } });
      await records().updateOne({ _id, 'cases.caseId': { $ne: link.caseId } }, { $push: { cases: link } });
    },

    async rulesHash(): Promise<string | undefined> {
      return (await meta().findOne({ _id: 'rules' }))?.hash;
    },
    async setRulesHash(hash: string): Promise<void> {
      await meta().updateOne({ _id: 'rules' }, { $set: { hash } }, { upsert: true });
    },

    /** Claims a trigger key: true when this process now owns it (new, or taken over after `staleMs`). */
    async claimTrigger(t: Omit<Trigger, 'state'>, staleMs: number): Promise<'claimed' | 'started' | 'busy'> {
      try {
        await triggers().insertOne({ ...t, state: 'starting' });
        return 'claimed';
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
      const existing = await triggers().findOne({ _id: t._id });
      if (!existing || existing.state === 'started') return 'started';
      if (existing.claimedAt.getTime() > Date.now() - staleMs) return 'busy';
      const r = await triggers().updateOne({ _id: t._id, state: 'starting', owner: existing.owner, claimedAt: existing.claimedAt }, { $set: { owner: t.owner, claimedAt: t.claimedAt } });
      return r.modifiedCount === 1 ? 'claimed' : 'busy';
    },
    async triggerStarted(id: string, caseId: string, caseNo: string): Promise<void> {
      await triggers().updateOne({ _id: id }, { $set: { state: 'started', caseId, caseNo } });
    },
    /** A case a crashed process started before it could mark its trigger. */
    async caseOfTrigger(key: string): Promise<{ _id: Types.ObjectId; caseNo: string } | null> {
      return connection.collection('cases').findOne({ 'variables.enforcementTrigger': key }, { projection: { caseNo: 1 } }) as never;
    },
    async caseRef(id: string): Promise<{ _id: Types.ObjectId; caseNo: string; status: string; supervisingCourt: string; supervisedCourt: string; supervisedCourts?: string[]; variables: Record<string, unknown>; subject?: Record<string, unknown> } | null> {
      if (!Types.ObjectId.isValid(id)) return null;
      return connection.collection('cases').findOne({ _id: new Types.ObjectId(id) }, { projection: { engineState: 0, history: 0 } }) as never;
    },
    async casesOfRound(roundId: string) {
      return connection.collection('cases').find({ 'variables.inspectionRound': roundId }, { projection: { status: 1, variables: 1, supervisedCourt: 1, caseNo: 1 } }).toArray() as Promise<{ _id: Types.ObjectId; status: string; variables: Record<string, unknown>; supervisedCourt: string; caseNo: string }[]>;
    },

    // ---- imports, mappings, rounds ----
    async createJob(job: ImportJob) { await imports().insertOne(job); },
    async updateJob(id: string, set: Partial<ImportJob>) { await imports().updateOne({ _id: id }, { $set: set }); },
    async findJob(id: string) { return imports().findOne({ _id: id }); },
    async recentJobs(courts: string[], limit: number) {
      return imports().find({ court: { $in: courts } }, { projection: { problems: 0 } }).sort({ startedAt: -1 }).limit(limit).toArray();
    },
    /** Jobs a stopped process left running are marked interrupted at start. */
    async interruptRunning(now: Date) {
      await imports().updateMany({ status: 'running' }, { $set: { status: 'failed', message: '导入因平台重启中断，请重新导入（已写入的记录保留，重新导入不会重复）', finishedAt: now } });
    },
    async mapping(province: string) { return (await mappings().findOne({ _id: province }))?.mapping ?? null; },
    async saveMapping(province: string, mapping: ColumnMapping, by: string, at: Date) {
      await mappings().updateOne({ _id: province }, { $set: { mapping, by, at } }, { upsert: true });
    },
    async insertRound(r: RoundDoc) { await rounds().insertOne(r); },
    async findRound(id: string) { return rounds().findOne({ _id: id }); },
    async listRounds(courts: string[]) { return rounds().find({ court: { $in: courts } }, { projection: { sample: 0 } }).sort({ at: -1 }).limit(100).toArray(); },
    async markAggregated(id: string, at: Date) {
      return (await rounds().updateOne({ _id: id, aggregated: { $exists: false } }, { $set: { aggregated: at } })).modifiedCount === 1;
    },
  };
}

export const nodesEqual = (a: RecordNode[], b: RecordNode[]) =>
  a.length === b.length && a.every((n, i) => n.type === b[i].type && n.date === b[i].date);

export interface PackageSection {
  packageId: string;
  province: string;
  version: number;
  section: import('./rules.schema').EnforcementSection;
}

/** The enforcement sections of the published packages (latest published version of each). */
export async function publishedSections(connection: Connection): Promise<PackageSection[]> {
  const { enforcementSectionSchema } = await import('./rules.schema');
  const docs = await connection.collection('packages')
    .find({ status: 'published' }, { projection: { packageId: 1, province: 1, version: 1, 'manifest.enforcement': 1 } })
    .sort({ version: -1 }).toArray();
  const seen = new Set<string>();
  const out: PackageSection[] = [];
  for (const d of docs) {
    if (seen.has(d.packageId)) continue;
    seen.add(d.packageId);
    const raw = (d.manifest as { enforcement?: unknown } | undefined)?.enforcement;
    if (raw === undefined) continue;
    const parsed = enforcementSectionSchema.safeParse(raw);
    if (parsed.success) out.push({ packageId: d.packageId, province: d.province, version: d.version, section: parsed.data });
  }
  return out;
}
