// One index: a sorted list of (key tuple, record id) entries. Serves point and range scans in
// either direction, enforces uniqueness (E11000 with keyPattern/keyValue like mongod), and
// implements sparse, partial and multikey (one array field per document) semantics.
import { MongoError, Codes } from '../errors';
import { formatValue } from './format';
import { MISSING, pathValues } from './paths';
import { compileFilter, type Matcher } from './query';
import { SortedList, type Pos } from './sorted-list';
import { compareValues, TypeBound, typeRank } from './values';
import type { Document, IndexSpec } from './types';

/** k: the key value for a one-field index (saves an array per entry), else the key tuple. */
export interface Entry { k: unknown; r: string }

/** Bounds in value space: equality on a prefix, then optionally a range on the next field. */
export interface Bounds {
  eq: unknown[];
  lo?: { v: unknown; inc: boolean };
  hi?: { v: unknown; inc: boolean };
}

export class Index {
  readonly fields: string[];
  readonly dirs: number[];
  readonly list: SortedList<Entry>;
  /** Sticky, as in mongod: once an array was indexed, the index is multikey. */
  multikey = false;
  /**
   * The fields that held an array (mongod's multikeyPaths). A range on one of them uses one bound
   * and a sort by one of them is done in memory; the other fields keep their order within each
   * value of the array field, so a sort on them and counts by an equality on it still use the index.
   */
  readonly multikeyFields = new Set<string>();
  private readonly partial?: Matcher;
  private readonly simple: boolean;
  private readonly single: boolean;

  constructor(readonly spec: IndexSpec, readonly ns: string) {
    this.fields = Object.keys(spec.key);
    this.dirs = this.fields.map((f) => spec.key[f]);
    this.single = this.fields.length === 1;
    this.list = new SortedList((a, b) => this.compareStored(a.k, b.k) || (a.r < b.r ? -1 : a.r > b.r ? 1 : 0));
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
    this.simple = this.fields.length === 1 && !this.fields[0].includes('.');
  }

  get name(): string { return this.spec.name; }
  get unique(): boolean { return !!this.spec.unique || this.spec.name === '_id_'; }
  /** Not every document is in the index: cannot answer null queries or unfiltered sorts. */
  get partialOrSparse(): boolean { return !!this.spec.sparse || !!this.partial; }

  compareKeys(a: unknown[], b: unknown[], n = this.dirs.length): number {
    for (let i = 0; i < n; i++) {
      const c = compareValues(a[i], b[i]);
      if (c) return c * this.dirs[i];
    }
    return 0;
  }

  private compareStored(a: unknown, b: unknown): number {
    return this.single ? compareValues(a, b) * this.dirs[0] : this.compareKeys(a as unknown[], b as unknown[]);
  }

  /** A stored key against the first n values of a tuple. */
  private comparePrefix(k: unknown, t: unknown[], n: number): number {
    if (this.single) return n === 0 ? 0 : compareValues(k, t[0]) * this.dirs[0];
    return this.compareKeys(k as unknown[], t, n);
  }

  private stored(key: unknown[]): unknown { return this.single ? key[0] : key; }

  /** The key tuples of a document; none when sparse/partial leave it out. */
  keys(doc: Document): unknown[][] {
    if (this.partial && !this.partial(doc)) return [];
    if (this.simple) { // the common case: one top-level field holding no array
      const v = doc[this.fields[0]];
      if (!Array.isArray(v)) return v === undefined ? (this.spec.sparse ? [] : [[null]]) : [[v]];
    }
    const per = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && per.every((p) => p.values.length === 1 && p.values[0] === MISSING)) return [];
    const arrays = per.flatMap((p, i) => (p.array ? [this.fields[i]] : []));
    if (arrays.length > 1) {
      throw new MongoError(Codes.CannotIndexParallelArrays,
        `cannot index parallel arrays [${arrays[1]}] [${arrays[0]}]`);
    }
    if (arrays.length) {
      this.multikey = true;
      this.multikeyFields.add(arrays[0]);
    }
    let tuples: unknown[][] = [[]];
    for (const p of per) {
      const vals = p.values.map((v) => (v === MISSING ? null : v));
      tuples = tuples.flatMap((t) => vals.map((v) => [...t, v]));
    }
    if (tuples.length > 1) {
      tuples.sort((a, b) => this.compareKeys(a, b));
      tuples = tuples.filter((t, i) => i === 0 || this.compareKeys(t, tuples[i - 1]) !== 0);
    }
    return tuples;
  }

  /** A key already held by another record (unique indexes only). */
  conflict(keys: unknown[][], r: string): unknown[] | undefined {
    if (!this.unique) return undefined;
    for (const key of keys) {
      // Equal keys sort by record id: at most our own entry comes before another's.
      const len = this.fields.length;
      for (let p = this.list.seek((e) => this.comparePrefix(e.k, key, len) >= 0), n = 0; n < 2; n++, p = this.list.next(p)) {
        const e = this.list.at(p);
        if (!e || this.comparePrefix(e.k, key, len) !== 0) break;
        if (e.r !== r) return key;
      }
    }
    return undefined;
  }

  add(r: string, keys: unknown[][]): void {
    for (const k of keys) this.list.insert({ k: this.stored(k), r });
  }

  remove(r: string, keys: unknown[][]): void {
    for (const k of keys) this.list.remove({ k: this.stored(k), r });
  }

  /** Builds from scratch; duplicates throw E11000 unless `unique` enforcement is off (replay). */
  build(docs: Iterable<[string, Document]>, enforceUnique: boolean): void {
    const entries: Entry[] = [];
    for (const [r, doc] of docs) for (const k of this.keys(doc)) entries.push({ k: this.stored(k), r });
    entries.sort((a, b) => this.compareStored(a.k, b.k) || (a.r < b.r ? -1 : a.r > b.r ? 1 : 0));
    if (this.unique && enforceUnique) {
      for (let i = 1; i < entries.length; i++) {
        if (this.compareStored(entries[i].k, entries[i - 1].k) === 0) {
          throw this.dupError(this.single ? [entries[i].k] : (entries[i].k as unknown[]));
        }
      }
    }
    this.list.load(entries);
  }

  dupError(key: unknown[]): MongoError {
    const shown = this.fields.map((f, i) => `${f}: ${formatValue(key[i])}`).join(', ');
    return new MongoError(Codes.DuplicateKey,
      `E11000 duplicate key error collection: ${this.ns} index: ${this.name} dup key: { ${shown} }`,
      { keyPattern: { ...this.spec.key }, keyValue: Object.fromEntries(this.fields.map((f, i) => [f, key[i] ?? null])) });
  }

  /** Where the entries within bounds start and end in the list. Ranges are type-bracketed. */
  private span(b: Bounds) {
    const n = b.eq.length;
    let lo = b.lo, hi = b.hi;
    if (lo && !hi) hi = { v: new TypeBound(typeRank(lo.v), true), inc: true };
    if (hi && !lo) lo = { v: new TypeBound(typeRank(hi.v), false), inc: true };
    let start = b.eq, end = b.eq, startInc = true, endInc = true, len = n;
    if (lo && hi) {
      len = n + 1;
      const l = [...b.eq, lo.v], h = [...b.eq, hi.v];
      const flip = this.dirs[n] === -1; // a descending field stores high values first
      [start, startInc, end, endInc] = flip ? [h, hi.inc, l, lo.inc] : [l, lo.inc, h, hi.inc];
    }
    const cmp = (e: Entry, t: unknown[]) => this.comparePrefix(e.k, t, len);
    const inEnd = (e: Entry) => (endInc ? cmp(e, end) <= 0 : cmp(e, end) < 0);
    const inStart = (e: Entry) => (startInc ? cmp(e, start) >= 0 : cmp(e, start) > 0);
    return { inStart, inEnd };
  }

  /** Entries within bounds, in index order (or reversed). */
  *scan(b: Bounds, reverse = false): Generator<Entry> {
    const { inStart, inEnd } = this.span(b);
    if (!reverse) {
      for (const e of this.list.iterate(this.list.seek(inStart), 1)) {
        if (!inEnd(e)) return;
        yield e;
      }
    } else {
      const from: Pos = this.list.seek((e) => !inEnd(e));
      for (const e of this.list.iterate(from, -1)) {
        if (!inStart(e)) return;
        yield e;
      }
    }
  }

  /** How many entries lie within bounds, without visiting them (COUNT_SCAN). */
  countWithin(b: Bounds): number {
    const { inStart, inEnd } = this.span(b);
    return Math.max(0, this.list.rank(this.list.seek((e) => !inEnd(e))) - this.list.rank(this.list.seek(inStart)));
  }

  /** Orders two entries by the key fields from `from` on (then record id), as a scan meets them. */
  compareFrom(a: Entry, b: Entry, from: number): number {
    const ka = this.single ? [a.k] : (a.k as unknown[]), kb = this.single ? [b.k] : (b.k as unknown[]);
    for (let i = from; i < this.dirs.length; i++) {
      const c = compareValues(ka[i], kb[i]);
      if (c) return c * this.dirs[i];
    }
    return a.r < b.r ? -1 : a.r > b.r ? 1 : 0;
  }
}
