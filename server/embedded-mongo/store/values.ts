// BSON value order exactly as MongoDB compares values (sort, range queries, index keys):
// MinKey < null/missing < numbers < strings < objects < arrays < binData < ObjectId < bool
// < date < timestamp < regex < code < MaxKey. Strings compare by UTF-8 bytes, embedded
// documents field by field IN ORDER (so {a,b} != {b,a}), numbers by value across types.
import { compareNumbers } from './numbers';

export const Rank = {
  MinKey: 1, Null: 2, Number: 3, String: 4, Object: 5, Array: 6, BinData: 7, ObjectId: 8,
  Bool: 9, Date: 10, Timestamp: 11, Regex: 12, Code: 13, MaxKey: 14,
} as const;

/** A search bound before (end=false) or after (end=true) every value of one type rank. */
export class TypeBound {
  constructor(readonly rank: number, readonly end: boolean) {}
}

type Tagged = { _bsontype?: string };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

const TAG_RANK: Record<string, number> = {
  MinKey: Rank.MinKey, MaxKey: Rank.MaxKey, Long: Rank.Number, Int32: Rank.Number,
  Double: Rank.Number, Decimal128: Rank.Number, BSONSymbol: Rank.String, Binary: Rank.BinData,
  ObjectId: Rank.ObjectId, Timestamp: Rank.Timestamp, BSONRegExp: Rank.Regex, Code: Rank.Code,
  DBRef: Rank.Object,
};

export function typeRank(v: unknown): number {
  switch (typeof v) {
    case 'undefined': return Rank.Null;
    case 'number': case 'bigint': return Rank.Number;
    case 'string': return Rank.String;
    case 'boolean': return Rank.Bool;
  }
  if (v === null) return Rank.Null;
  if (Array.isArray(v)) return Rank.Array;
  if (v instanceof TypeBound) return v.rank;
  const t = (v as Tagged)._bsontype;
  if (t !== undefined) return TAG_RANK[t] ?? Rank.Object;
  if (v instanceof Date) return Rank.Date;
  if (v instanceof RegExp) return Rank.Regex;
  if (v instanceof Uint8Array) return Rank.BinData;
  return Rank.Object;
}

/** Code-point order, which is UTF-8 byte order (JS `<` is UTF-16 code-unit order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800..DFFF, i.e. code points >= U+10000) must sort after U+E000..FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

function bytesOf(v: unknown): Uint8Array {
  return v instanceof Uint8Array ? v : (v as { buffer: Uint8Array }).buffer;
}

function compareBinary(a: unknown, b: unknown): number {
  const x = bytesOf(a), y = bytesOf(b);
  if (x.length !== y.length) return cmp(x.length, y.length); // MongoDB: length, subtype, bytes
  const c = cmp((a as { sub_type?: number }).sub_type ?? 0, (b as { sub_type?: number }).sub_type ?? 0);
  if (c) return c;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return cmp(x[i], y[i]);
  return 0;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a), kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]], vb = b[kb[i]];
    const c = cmp(typeRank(va), typeRank(vb)) || compareStrings(ka[i], kb[i]) || compareValues(va, vb);
    if (c) return c;
  }
  return cmp(ka.length, kb.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return cmp(a.length, b.length);
}

type ObjectIdLike = { i0?: number; i1: number; i2: number; i3: number; toHexString(): string };

/** bson 7 keeps an ObjectId as four 24-bit integers: comparing them is comparing the bytes. */
function compareObjectIds(a: ObjectIdLike, b: ObjectIdLike): number {
  if (a.i0 === undefined || b.i0 === undefined) return compareStrings(a.toHexString(), b.toHexString());
  return cmp(a.i0, b.i0) || cmp(a.i1, b.i1) || cmp(a.i2, b.i2) || cmp(a.i3, b.i3);
}

const regexParts = (r: unknown): [string, string] =>
  r instanceof RegExp ? [r.source, r.flags] : [(r as { pattern: string }).pattern, (r as { options: string }).options];

/** Total order over BSON values, as MongoDB's woCompare. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return cmp(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const ra = typeRank(a), rb = typeRank(b);
  if (ra !== rb) return cmp(ra, rb);
  if (a instanceof TypeBound || b instanceof TypeBound) {
    if (a instanceof TypeBound && b instanceof TypeBound) return cmp(+a.end, +b.end);
    return a instanceof TypeBound ? (a.end ? 1 : -1) : (b as TypeBound).end ? -1 : 1;
  }
  switch (ra) {
    case Rank.MinKey: case Rank.MaxKey: case Rank.Null: return 0;
    case Rank.Number: return compareNumbers(a, b);
    case Rank.String: return compareStrings(String(a), String(b)); // BSONSymbol has toString
    case Rank.Object: return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case Rank.Array: return compareArrays(a as unknown[], b as unknown[]);
    case Rank.BinData: return compareBinary(a, b);
    case Rank.ObjectId: return compareObjectIds(a as ObjectIdLike, b as ObjectIdLike);
    case Rank.Bool: return cmp(+(a as boolean), +(b as boolean));
    case Rank.Date: return cmp((a as Date).getTime(), (b as Date).getTime());
    case Rank.Timestamp: {
      const x = a as { t: number; i: number }, y = b as { t: number; i: number };
      return cmp(x.t, y.t) || cmp(x.i, y.i);
    }
    case Rank.Regex: {
      const [pa, fa] = regexParts(a), [pb, fb] = regexParts(b);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    case Rank.Code: return compareStrings((a as { code: string }).code, (b as { code: string }).code);
  }
  return 0;
}

/** MongoDB equality: 1 == 1.0 == NumberLong(1); embedded documents equal only in the same field order. */
export const valuesEqual = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;

/** Identical including numeric type and field order: "did this update change the document?" */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (typeof a !== 'object' || a === null || b === null) return Object.is(a, b) || (a === b);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
  }
  if ((a as Tagged)._bsontype !== (b as Tagged)._bsontype || a.constructor !== (b as object).constructor) return false;
  return compareValues(a, b) === 0; // same BSON class: its value decides
}
