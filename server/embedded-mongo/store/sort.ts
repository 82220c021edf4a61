// In-memory sort with MongoDB's rules: missing sorts as null, an array sorts by its smallest
// element ascending and its largest descending, values by compareValues(). Stable.
import { MongoError, Codes, notImplemented } from '../errors';
import { MISSING, pathValues } from './paths';
import { compareValues, isPlainObject } from './values';
import type { Document } from './types';
import type { SortSpec } from './planner';

export function normalizeSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw new MongoError(Codes.BadValue, 'sort must be an object');
  const out: SortSpec = {};
  for (const [k, v] of Object.entries(sort)) {
    if (isPlainObject(v) && '$meta' in v) throw notImplemented(`sort by {$meta: ${JSON.stringify(v.$meta)}}`);
    const n = Number(v);
    if (n !== 1 && n !== -1) throw new MongoError(Codes.BadValue, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

function sortKey(doc: Document, path: string, dir: number): unknown {
  const { values } = pathValues(doc, path);
  let best: unknown = MISSING;
  for (const raw of values) {
    const v = raw === MISSING || (Array.isArray(raw) && raw.length === 0) ? null : raw;
    if (best === MISSING || compareValues(v, best) * dir < 0) best = v;
  }
  return best === MISSING ? null : best;
}

export function sortDocs<T extends Document>(docs: T[], sort: SortSpec): T[] {
  const fields = Object.entries(sort);
  const keyed = docs.map((d) => ({ d, k: fields.map(([f, dir]) => sortKey(d, f, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.k[i], b.k[i]);
      if (c) return c * fields[i][1];
    }
    return 0;
  });
  return keyed.map((x) => x.d);
}
