// Databases and their collections. A database exists while it has a collection; collections
// are created explicitly or implicitly by the first insert/createIndexes (as in MongoDB).
// Methods change memory only and return the journal records that describe the change.
import { MongoError, Codes, notImplemented } from '../errors';
import { Collection } from './collection';
import type { JournalRecord, SnapshotCollection } from './durability.types';
import type { Document } from './types';

const REFUSED_OPTIONS = ['capped', 'viewOn', 'pipeline', 'timeseries', 'clusteredIndex', 'validator', 'collation',
  'expireAfterSeconds', 'changeStreamPreAndPostImages', 'encryptedFields'];

export function splitNs(ns: string): [string, string] {
  const i = ns.indexOf('.');
  return [ns.slice(0, i), ns.slice(i + 1)];
}

function checkNames(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db) || db.length >= 64) {
    throw new MongoError(Codes.InvalidNamespace, `Invalid database name: '${db}'`);
  }
  if (!name || name.includes('$') || name.includes('\0') || name.startsWith('.') || name.startsWith('system.')) {
    throw new MongoError(Codes.InvalidNamespace, `Invalid collection name: ${name}`);
  }
}

export class Catalog {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  databases(): string[] {
    return [...this.dbs.keys()].sort();
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  all(): Collection[] {
    return [...this.dbs.values()].flatMap((m) => [...m.values()]);
  }

  /** Creates a collection; error 48 if it exists. */
  create(db: string, name: string, options: Document, records?: JournalRecord[]): Collection {
    checkNames(db, name);
    for (const o of REFUSED_OPTIONS) if (options[o] !== undefined && options[o] !== false) throw notImplemented(`collection option "${o}"`);
    if (this.get(db, name)) throw new MongoError(Codes.NamespaceExists, `Collection ${db}.${name} already exists.`);
    const coll = new Collection(db, name, { ...options });
    if (!this.dbs.has(db)) this.dbs.set(db, new Map());
    this.dbs.get(db)!.set(name, coll);
    records?.push({ t: 'createCollection', ns: coll.ns, options: coll.options });
    return coll;
  }

  /** The collection, created implicitly when missing. */
  ensure(db: string, name: string, records: JournalRecord[]): { coll: Collection; created: boolean } {
    const coll = this.get(db, name);
    return coll ? { coll, created: false } : { coll: this.create(db, name, {}, records), created: true };
  }

  drop(db: string, name: string, records?: JournalRecord[]): boolean {
    const m = this.dbs.get(db);
    if (!m?.delete(name)) return false;
    if (m.size === 0) this.dbs.delete(db);
    records?.push({ t: 'dropCollection', ns: `${db}.${name}` });
    return true;
  }

  dropDatabase(db: string, records?: JournalRecord[]): void {
    if (this.dbs.delete(db)) records?.push({ t: 'dropDatabase', db });
  }

  /** A point-in-time copy (documents are immutable, so sharing them is safe). */
  snapshot(): SnapshotCollection[] {
    return this.all().map((c) => ({
      ns: c.ns,
      options: c.options,
      indexes: c.specs().slice(1),
      docs: [...c.docs.values()],
    }));
  }
}
