// The only code that touches the ledger collection; it also reads, never writes, the two
// sources the ledger derives from: the cases' `ledgerEntry` history and the published packages'
// `ledger` sections.
import { Types, type Connection } from 'mongoose';
import type { LedgerEntry } from './entry';
import { ledgerModel } from './ledger.model';
import { ledgerSectionSchema, type LedgerSection } from './rules.schema';

export interface PackageRules extends LedgerSection {
  packageId: string;
  province: string;
  /** The issuing court a 中院's package declares (manifest `issuer`): its rules count its entries only. */
  issuer?: string;
}

export interface CaseRef {
  _id: Types.ObjectId;
  caseNo: string;
  supervisingCourt: string;
  supervisedCourt: string;
  definition: { key: string };
}

const isDuplicate = (err: unknown) => (err as { code?: number })?.code === 11000;

export function createLedgerRepository(connection: Connection) {
  const Ledger = ledgerModel(connection);
  const cases = () => connection.collection('cases');
  const packages = () => connection.collection('packages');

  return {
    /** Inserts the entries not already there (by id); answers the ids it inserted. */
    async insertMissing(entries: LedgerEntry[]): Promise<string[]> {
      if (!entries.length) return [];
      const r = await Ledger.bulkWrite(
        entries.map((e) => ({ updateOne: { filter: { _id: e._id }, update: { $setOnInsert: e }, upsert: true } })),
        { ordered: false },
      );
      return Object.values(r.upsertedIds ?? {}).map(String);
    },

    /** One insert; false when an entry with this id exists (a concurrent rule got there first). */
    async insertOnce(entry: LedgerEntry): Promise<boolean> {
      try {
        await Ledger.collection.insertOne(entry as never);
        return true;
      } catch (err) {
        if (isDuplicate(err)) return false;
        throw err;
      }
    },

    findById(id: string): Promise<LedgerEntry | null> {
      return Ledger.findById(id).lean<LedgerEntry>().exec();
    },

    async page(filter: Record<string, unknown>, skip: number, limit: number): Promise<{ items: LedgerEntry[]; total: number }> {
      const [items, total] = await Promise.all([
        Ledger.find(filter).sort({ at: -1, _id: 1 }).skip(skip).limit(limit).lean<LedgerEntry[]>().exec(),
        Ledger.countDocuments(filter).exec(),
      ]);
      return { items, total };
    },

    all(filter: Record<string, unknown>, limit = 20_000): Promise<LedgerEntry[]> {
      return Ledger.find(filter).sort({ at: 1, _id: 1 }).limit(limit).lean<LedgerEntry[]>().exec();
    },

    /** Ids of entries that a `撤销` entry has reversed. */
    async reversedIds(): Promise<Set<string>> {
      const ids = (await Ledger.distinct('reverses', { reverses: { $ne: null } }).exec()) as string[];
      return new Set(ids);
    },

    /** Published packages' ledger sections (an invalid one counts as none). */
    async publishedRules(): Promise<PackageRules[]> {
      const docs = await packages()
        .find({ status: 'published' }, { projection: { packageId: 1, province: 1, version: 1, 'manifest.ledger': 1, 'manifest.issuer': 1 } })
        .sort({ version: -1 })
        .toArray();
      const seen = new Set<string>();
      const out: PackageRules[] = [];
      for (const d of docs) {
        if (seen.has(d.packageId)) continue;
        seen.add(d.packageId);
        const parsed = ledgerSectionSchema.safeParse((d.manifest as { ledger?: unknown } | undefined)?.ledger ?? {});
        const issuer = (d.manifest as { issuer?: unknown } | undefined)?.issuer;
        if (parsed.success) out.push({ packageId: d.packageId, province: d.province, ...(typeof issuer === 'string' ? { issuer } : {}), ...parsed.data });
      }
      return out;
    },

    async caseRef(id: Types.ObjectId | string): Promise<CaseRef | null> {
      return (await cases().findOne(
        { _id: new Types.ObjectId(String(id)) },
        { projection: { caseNo: 1, supervisingCourt: 1, supervisedCourt: 1, 'definition.key': 1 } },
      )) as CaseRef | null;
    },

    /** Every case's `ledgerEntry` history entries (the rebuild). */
    async ledgerHistory(): Promise<{ _id: Types.ObjectId; history: { seq: number; at: Date; actor: string; type: string; element?: string; data?: unknown }[] }[]> {
      return (await cases()
        .aggregate([
          { $match: { 'history.type': 'ledgerEntry' } },
          { $project: { history: { $filter: { input: '$history', as: 'h', cond: { $eq: ['$$h.type', 'ledgerEntry'] } } } } },
        ])
        .toArray()) as never;
    },

    /**
     * Cases supervised in [from, to) per supervised court: opened before `to` and not closed
     * before `from`; overdue = running with an open task past its due instant at `asOf` (the
     * quarter's end, or now for the current quarter).
     */
    async supervisedIn(codes: string[], from: Date, to: Date, asOf: Date, processKeys?: string[]): Promise<{ court: string; cases: number; opened: number; closed: number; overdue: number }[]> {
      const match: Record<string, unknown> = {
        supervisedCourt: { $in: codes },
        createdAt: { $lt: to },
        $or: [{ closedAt: null }, { closedAt: { $gte: from } }],
      };
      if (processKeys) match['definition.key'] = { $in: processKeys };
      const docs = await cases()
        .find(match, { projection: { supervisedCourt: 1, createdAt: 1, closedAt: 1, status: 1, 'openTasks.dueAt': 1 } })
        .toArray();
      const by = new Map<string, { court: string; cases: number; opened: number; closed: number; overdue: number }>();
      for (const d of docs) {
        const row = by.get(d.supervisedCourt) ?? { court: d.supervisedCourt, cases: 0, opened: 0, closed: 0, overdue: 0 };
        row.cases++;
        if (d.createdAt >= from) row.opened++;
        if (d.closedAt && d.closedAt < to) row.closed++;
        if (d.status === 'running' && (d.openTasks ?? []).some((t: { dueAt?: Date }) => t.dueAt && t.dueAt < asOf)) row.overdue++;
        by.set(d.supervisedCourt, row);
      }
      return [...by.values()].sort((a, b) => a.court.localeCompare(b.court));
    },
  };
}
export type LedgerRepository = ReturnType<typeof createLedgerRepository>;

/** Names of accounts, for showing who recorded an entry (姓名, not account). */
export async function namesOf(connection: Connection, usernames: string[]): Promise<Map<string, string>> {
  const docs = await connection.collection('users')
    .find({ username: { $in: [...new Set(usernames)] } }, { projection: { username: 1, name: 1 } })
    .toArray();
  return new Map(docs.map((d) => [d.username as string, (d.name as string) || (d.username as string)]));
}
