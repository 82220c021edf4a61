// The Store: memory (catalog of collections + indexes) made durable by the journal.
// A mutating call validates and applies its changes in memory synchronously (JavaScript runs
// one call at a time, so checks and changes cannot interleave), then resolves only after the
// journal records describing them are fsynced. A failed journal write leaves memory ahead of
// the disk, so from then on every write is refused (code 1) until a restart recovers from disk.
import { MongoError, Codes } from '../errors';
import { runAggregate } from './aggregate';
import { Catalog } from './catalog';
import { createIndexes, dropIndexes } from './ddl';
import { openDurability } from './durability';
import type { Durability, JournalRecord } from './durability.types';
import { compileFilter } from './query';
import { countDocs, distinctValues, findDocs } from './reads';
import { replay } from './replay';
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
  log?: { warn(obj: object, msg: string): void };
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const durability = opts.durability ?? openDurability(opts.dir);
  const { snapshot, records } = await durability.open();
  const catalog = new Catalog();
  replay(catalog, snapshot, records);
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
  private failed?: MongoError;
  private closed = false;
  private checkpointing?: Promise<void>;
  private sweeping = false;
  private readonly timer: NodeJS.Timeout;
  private readonly clock: () => number;
  private readonly log: NonNullable<StoreOptions['log']>;

  constructor(private readonly catalog: Catalog, private readonly durability: Durability, private readonly opts: StoreOptions) {
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log ?? { warn: (o, m) => console.error(`[embedded-mongo] ${m} ${JSON.stringify(o)}`) };
    this.timer = setInterval(() => void this.sweepExpired(), opts.ttlSweepMs ?? 60_000);
    this.timer.unref();
  }

  /** Applies `fn` (which records its changes), then waits for the journal. */
  private async write<T>(fn: (records: JournalRecord[]) => T): Promise<T> {
    if (this.closed) throw new MongoError(Codes.InternalError, 'the embedded store is closed');
    if (this.failed) throw this.failed;
    const records: JournalRecord[] = [];
    let result: T;
    try {
      result = fn(records);
    } finally {
      if (records.length) await this.commit(records); // partial batches are durable too
    }
    return result;
  }

  private async commit(records: JournalRecord[]): Promise<void> {
    try {
      await this.durability.append(records);
    } catch (err) {
      this.failed ??= new MongoError(Codes.InternalError,
        `journal write failed: ${(err as Error).message}; writes are refused until the server restarts`);
      throw this.failed;
    }
    const limit = this.opts.checkpointBytes ?? 64 << 20;
    if (!this.checkpointing && this.durability.journalBytes() > limit) {
      this.checkpoint().catch((err) => this.log.warn({ err: String(err) }, 'background checkpoint failed'));
    }
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
    if (this.sweeping || this.closed || this.failed) return 0;
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

  async checkpoint(): Promise<void> {
    if (this.failed) throw this.failed;
    await this.checkpointing;
    // Capture and hand over in the same tick: writeSnapshot queues the journal rotation
    // synchronously, so every record appended after this line lands in the new journal.
    const run = this.durability.writeSnapshot(this.catalog.snapshot());
    const tracked: Promise<void> = run.then(() => undefined, () => undefined).finally(() => {
      if (this.checkpointing === tracked) this.checkpointing = undefined;
    });
    this.checkpointing = tracked;
    await run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    try {
      if (!this.failed) await this.checkpoint(); // memory ahead of a failed journal must not be saved
    } finally {
      this.closed = true;
      await this.durability.close();
    }
  }
}
