// Reading dotted paths the way MongoDB does for index keys, sort keys and distinct: arrays on
// the way are traversed element by element (a numeric segment indexes into them instead).
import type { Long } from 'bson';
import { Codes, MongoError } from '../errors';
import { isPlainObject } from './values';

/** Marks a path that does not exist (MongoDB indexes it as null, sparse indexes skip it). */
export const MISSING: unique symbol = Symbol('missing');

export interface PathValues {
  values: unknown[]; // never empty; MISSING where the path is absent
  array: boolean; // an array was expanded on the way (multikey)
}

/** All values at `path`; a terminal array contributes its elements (an empty one: itself). */
export function pathValues(doc: unknown, path: string | string[]): PathValues {
  const segs = typeof path === 'string' ? path.split('.') : path;
  const out: PathValues = { values: [], array: false };
  collect(doc, segs, 0, out);
  if (out.values.length === 0) out.values.push(MISSING);
  return out;
}

function collect(v: unknown, segs: string[], i: number, out: PathValues): void {
  if (i === segs.length) {
    if (Array.isArray(v)) {
      out.array = true;
      if (v.length === 0) out.values.push(v);
      else for (const e of v) out.values.push(e);
    } else {
      out.values.push(v === undefined ? MISSING : v);
    }
    return;
  }
  const seg = segs[i];
  if (Array.isArray(v)) {
    out.array = true;
    if (/^\d+$/.test(seg)) return collect(v[Number(seg)], segs, i + 1, out);
    // Elements without the field count as missing (a superset for {'a.b': null}); nested
    // arrays are not descended into, as in MongoDB.
    for (const e of v) {
      if (isPlainObject(e)) collect(e[seg], segs, i + 1, out);
      else out.values.push(MISSING);
    }
    return;
  }
  if (isPlainObject(v)) return collect(v[seg], segs, i + 1, out);
  out.values.push(MISSING);
}

/**
 * Field names that would reach Object.prototype through ordinary property access. The store runs
 * inside the platform's process, so an update path like '__proto__.x' would pollute every object
 * of the web application (security probe DB-18b). MongoDB itself accepts these names; this store
 * refuses them in update paths and filter fields (server/embedded-mongo/README.md "Differences").
 */
export const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

export function assertSafePath(path: string, where: string): void {
  for (const seg of path.split('.')) {
    if (FORBIDDEN_SEGMENTS.has(seg)) {
      throw new MongoError(Codes.BadValue, `field name '${seg}' is not allowed in ${where} path '${path}'`);
    }
  }
}

/** The value at a path through objects only (undefined when absent or blocked by an array). */
export function getPath(doc: unknown, path: string): unknown {
  let v = doc;
  for (const seg of path.split('.')) {
    if (isPlainObject(v)) v = Object.hasOwn(v, seg) ? v[seg] : undefined;
    else if (Array.isArray(v) && /^\d+$/.test(seg)) v = v[Number(seg)];
    else return undefined;
  }
  return v;
}

/** Sets a dotted path, creating objects on the way (upsert seeding from a query). */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  assertSafePath(path, 'update');
  const segs = path.split('.');
  let o = doc;
  for (const seg of segs.slice(0, -1)) {
    if (!isPlainObject(o[seg])) o[seg] = {};
    o = o[seg] as Record<string, unknown>;
  }
  o[segs[segs.length - 1]] = value;
}

/** Deep copy of plain objects/arrays/dates; BSON value objects are immutable and shared. */
export function cloneValue<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    // A stored field literally named __proto__ stays a field: plain assignment would set the
    // copy's prototype instead.
    if (k === '__proto__') Object.defineProperty(out, k, { value: cloneValue(v[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = cloneValue(v[k]);
  }
  return out as T;
}

/**
 * A copy for mingo, whose arithmetic and accumulators know only JS numbers: int64 values that
 * fit in a double (recovery reads every int64 as Long) become numbers. Decimal128 stays.
 */
export function cloneForMingo<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneForMingo) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  const tag = (v as { _bsontype?: string })._bsontype;
  if (tag === 'Long') {
    const n = (v as unknown as Long).toNumber();
    return (Number.isSafeInteger(n) ? n : v) as T;
  }
  if (tag === 'Int32' || tag === 'Double') return (v as unknown as { value: number }).value as T;
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = cloneForMingo(v[k]);
  return out as T;
}
