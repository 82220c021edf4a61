// The Store: the catalog of collections and indexes in memory, made durable by the journal
// (journaled.ts), with the TTL sweeper. Statement logic lives in writes.ts and reads.ts.
import { MongoError } from '../errors';
import { runAggregate } from './aggregate';
import { Catalog } from './catalog';
import { createIndexes, dropIndexes } from './ddl';
import { openDurability } from './durability';
import type { Durability, JournalRecord } from './durability.types';
import { compileFilter } from './query';
import { countDocs, distinctValues, findDocs } from './reads';
import { replay } from './replay';
import { Journaled, type Log } from './journaled';
import { expiredDocs } from './ttl';
import { checkUpdate, deleteMany, findAndModify, insertOne, updateOne, type WriteCtx } from './writes';
import type {
  DeleteResult, DeleteStatement, Document, FindAndModifyArgs, FindQuery, IndexSpec, InsertResult, Store,
  UpdateResult, UpdateStatement,
} from './types';

export interface StoreOptions {
  dir: string;
  durability?: Durability;
  /** How often expired TTL documents are deleted (mongod: 60 s). */
  ttlSweepMs?: number;
  /** Milliseconds since the epoch; injectable for tests ($currentDate, TTL). */
  clock?: () => number;
  /** Journal size that triggers a background snapshot (default 64 MiB). */
  checkpointBytes?: number;
  log?: Log;
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const durability = opts.durability ?? openDurability(opts.dir);
  const { snapshot, records } = await durability.open();
  const catalog = new Catalog();
  try {
    replay(catalog, snapshot, records);
  } catch (err) {
    await durability.close(); // release the lock: nothing was changed on disk
    throw err;
  }
  return new EmbeddedStore(catalog, durability, opts);
}

/** Runs statements of a batch; MongoErrors become writeErrors (ordered batches stop at the first). */
function eachStatement<T>(items: T[], ordered: boolean, run: (item: T, i: number) => void) {
  const writeErrors = [];
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i], i);
    } catch (err) {
      if (!(err instanceof MongoError)) throw err;
      writeErrors.push(err.toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

export class EmbeddedStore implements Store {
  private readonly journal: Journaled;
  private sweeping = false;
  private readonly timer: NodeJS.Timeout;
  private readonly clock: () => number;
  private readonly log: Log;

  constructor(private readonly catalog: Catalog, durability: Durability, opts: StoreOptions) {
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log ?? { warn: (o, m) => console.error(`[embedded-mongo] ${m} ${JSON.stringify(o)}`) };
    this.journal = new Journaled(durability, () => catalog.snapshot(), opts.checkpointBytes ?? 64 << 20, this.log);
    this.timer = setInterval(() => void this.sweepExpired(), opts.ttlSweepMs ?? 60_000);
    this.timer.unref();
  }

  private write<T>(fn: (records: JournalRecord[]) => T): Promise<T> {
    return this.journal.write(fn);
  }

  private ctx(db: string, coll: string, records: JournalRecord[], create: boolean): WriteCtx | undefined {
    const c = create ? this.catalog.ensure(db, coll, records).coll : this.catalog.get(db, coll);
    return c && { coll: c, records, now: new Date(this.clock()) };
  }

  listDatabases() {
    return this.catalog.databases().map((name) => {
      const colls = this.catalog.collections(name);
      const size = colls.reduce((n, c) => n + c.bytes, 0);
      return { name, sizeOnDisk: size, empty: colls.every((c) => c.docs.size === 0) };
    });
  }

  listCollections(db: string, filter?: Document) {
    const match = compileFilter(filter);
    return this.catalog.collections(db)
      .filter((c) => match({ name: c.name, type: 'collection', options: c.options, info: { readOnly: false } }))
      .map((c) => ({ name: c.name, options: { ...c.options } }));
  }

  createCollection(db: string, name: string, options: Document) {
    return this.write((r) => void this.catalog.create(db, name, options ?? {}, r));
  }

  dropCollection(db: string, name: string) {
    return this.write((r) => this.catalog.drop(db, name, r));
  }

  dropDatabase(db: string) {
    return this.write((r) => this.catalog.dropDatabase(db, r));
  }

  createIndexes(db: string, coll: string, specs: IndexSpec[]) {
    return this.write((r) => createIndexes(this.catalog, db, coll, specs as Document[], r));
  }

  listIndexes(db: string, coll: string): IndexSpec[] | null {
    return this.catalog.get(db, coll)?.specs().map((s) => ({ ...s })) ?? null;
  }

  dropIndexes(db: string, coll: string, names: string[] | '*') {
    return this.write((r) => dropIndexes(this.catalog, db, coll, names, r));
  }

  insert(db: string, coll: string, docs: Document[], ordered: boolean): Promise<InsertResult> {
    return this.write((records) => {
      const w = this.ctx(db, coll, records, true)!;
      let n = 0;
      const writeErrors = eachStatement(docs, ordered, (doc) => { insertOne(w, doc); n++; });
      return { n, writeErrors };
    });
  }

  update(db: string, coll: string, updates: UpdateStatement[], ordered: boolean): Promise<UpdateResult> {
    return this.write((records) => {
      const res: UpdateResult = { n: 0, nModified: 0, upserted: [], writeErrors: [] };
      res.writeErrors = eachStatement(updates, ordered, (st, index) => {
        const w = this.ctx(db, coll, records, !!st.upsert);
        if (!w) return checkUpdate(st); // no collection: nothing matches, but errors still count
        const r = updateOne(w, st);
        res.n += r.n;
        res.nModified += r.nModified;
        if (r.upserted !== undefined) res.upserted.push({ index, _id: r.upserted });
      });
      return res;
    });
  }

  delete(db: string, coll: string, deletes: DeleteStatement[], ordered: boolean): Promise<DeleteResult> {
    return this.write((records) => {
      let n = 0;
      const writeErrors = eachStatement(deletes, ordered, (st) => {
        const w = this.ctx(db, coll, records, false);
        if (w) n += deleteMany(w, st);
        else compileFilter(st.q);
      });
      return { n, writeErrors };
    });
  }

  findAndModify(db: string, coll: string, args: FindAndModifyArgs) {
    return this.write((records) => {
      const w = this.ctx(db, coll, records, !!args.upsert);
      if (w) return findAndModify(w, args);
      compileFilter(args.query);
      return { value: null, lastErrorObject: { n: 0, ...(args.remove ? {} : { updatedExisting: false }) } };
    });
  }

  find(db: string, coll: string, query: FindQuery) {
    return findDocs(this.catalog.get(db, coll), query);
  }

  count(db: string, coll: string, filter: Document, skip?: number, limit?: number) {
    return countDocs(this.catalog.get(db, coll), filter ?? {}, skip, limit);
  }

  distinct(db: string, coll: string, key: string, filter: Document) {
    return distinctValues(this.catalog.get(db, coll), key, filter ?? {});
  }

  async aggregate(db: string, coll: string | 1, pipeline: Document[]) {
    const c = coll === 1 ? undefined : this.catalog.get(db, coll);
    return runAggregate(c, pipeline, (name) => this.catalog.get(db, name));
  }

  stats(db: string, coll?: string) {
    const colls = coll === undefined ? this.catalog.collections(db) : [this.catalog.get(db, coll)].filter((c) => !!c);
    return colls.reduce((s, c) => ({ count: s.count + c!.docs.size, size: s.size + c!.bytes, indexes: s.indexes + c!.indexes.length }),
      { count: 0, size: 0, indexes: 0 });
  }

  /** Deletes expired TTL documents through the journal; returns how many. */
  async sweepExpired(): Promise<number> {
    if (this.sweeping || !this.journal.writable) return 0;
    this.sweeping = true;
    try {
      return await this.write((records) => {
        let n = 0;
        for (const { coll, docs } of expiredDocs(this.catalog, this.clock())) {
          for (const doc of docs) {
            coll.remove(doc);
            records.push({ t: 'del', ns: coll.ns, id: doc._id });
            n++;
          }
        }
        return n;
      });
    } catch (err) {
      this.log.warn({ err: String(err) }, 'TTL sweep failed');
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  checkpoint(): Promise<void> {
    return this.journal.checkpoint();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.journal.close();
  }
}
