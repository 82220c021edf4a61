// One collection in memory: documents by _id key (insertion order = natural order) and its
// indexes. Every change computes all index keys and checks every unique index BEFORE touching
// anything, so a duplicate key or an unindexable document leaves no half-written state.
// Stored documents are never mutated (updates build a new object), so readers and snapshots
// may hold references to them.
import { calculateObjectSize } from 'bson';
import { MongoError, Codes } from '../errors';
import { Index } from './indexes';
import { ID_INDEX } from './index-specs';
import { keyString } from './keystring';
import type { Document, IndexSpec } from './types';

export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** BSON size. Not cached per document: a WeakMap entry costs ~50 bytes, a recount ~1 µs. */
export function docSize(doc: Document): number {
  return calculateObjectSize(doc);
}

export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes: Index[];
  /** Sum of BSON sizes, kept current once known (null: recount on demand, e.g. after a load). */
  private size: number | null = 0;
  /** Off while replaying a journal, whose intermediate states may briefly hold duplicates. */
  enforceUnique = true;

  constructor(readonly db: string, readonly name: string, readonly options: Document) {
    this.indexes = [new Index(ID_INDEX, this.ns)];
  }

  get ns(): string { return `${this.db}.${this.name}`; }

  /** BSON bytes of all documents (collStats/dbStats). */
  get bytes(): number {
    if (this.size === null) {
      let n = 0;
      for (const d of this.docs.values()) n += docSize(d);
      this.size = n;
    }
    return this.size;
  }

  /** Documents were put into `docs` directly (snapshot load): sizes are counted when asked. */
  forgetSize(): void { this.size = null; }

  private addBytes(n: () => number): void {
    if (this.size !== null) this.size += n();
  }

  get(id: unknown): Document | undefined {
    return this.docs.get(keyString(id));
  }

  private checkedKeys(doc: Document, r: string): unknown[][][] {
    const keys = this.indexes.map((ix) => ix.keys(doc));
    if (this.enforceUnique) {
      this.indexes.forEach((ix, i) => {
        const dup = ix.conflict(keys[i], r);
        if (dup) throw ix.dupError(dup);
      });
    }
    return keys;
  }

  /** Inserts a prepared document (_id first); throws E11000 and changes nothing on conflict. */
  insert(doc: Document, size?: number): void {
    const r = keyString(doc._id);
    if (this.docs.has(r)) {
      if (this.enforceUnique) throw this.indexes[0].dupError([doc._id]);
      this.remove(this.docs.get(r)!);
    }
    const keys = this.checkedKeys(doc, r);
    this.indexes.forEach((ix, i) => ix.add(r, keys[i]));
    this.docs.set(r, doc);
    this.addBytes(() => size ?? docSize(doc));
  }

  /** Swaps a stored document for its new version (same _id). */
  replace(old: Document, doc: Document, size?: number): void {
    const r = keyString(old._id);
    const keys = this.checkedKeys(doc, r);
    this.indexes.forEach((ix, i) => {
      const before = ix.keys(old);
      if (sameKeys(ix, before, keys[i])) return;
      ix.remove(r, before);
      ix.add(r, keys[i]);
    });
    this.addBytes(() => (size ?? docSize(doc)) - docSize(old));
    this.docs.set(r, doc);
  }

  remove(doc: Document): void {
    const r = keyString(doc._id);
    if (!this.docs.has(r)) return;
    for (const ix of this.indexes) ix.remove(r, ix.keys(doc));
    this.docs.delete(r);
    this.addBytes(() => -docSize(doc));
  }

  /** Insert or replace by _id (journal replay: records are idempotent). */
  put(doc: Document): void {
    const old = this.docs.get(keyString(doc._id));
    if (old) this.replace(old, doc);
    else this.insert(doc);
  }

  findIndex(name: string): Index | undefined {
    return this.indexes.find((ix) => ix.name === name);
  }

  addIndex(spec: IndexSpec): Index {
    const ix = new Index(spec, this.ns);
    ix.build(this.docs.entries(), this.enforceUnique);
    this.indexes.push(ix);
    return ix;
  }

  dropIndex(name: string): void {
    const i = this.indexes.findIndex((ix) => ix.name === name);
    if (i <= 0) throw new MongoError(Codes.IndexNotFound, `index not found with name [${name}]`);
    this.indexes.splice(i, 1);
  }

  specs(): IndexSpec[] {
    return this.indexes.map((ix) => ix.spec);
  }
}

function sameKeys(ix: Index, a: unknown[][], b: unknown[][]): boolean {
  return a.length === b.length && a.every((k, i) => ix.compareKeys(k, b[i]) === 0);
}
