// Validating createIndexes specs and deciding whether a requested index already exists, with
// MongoDB's answers: identical -> no-op, same name other key -> 86, same key other name or
// options -> 85. Index kinds we do not implement (text, 2dsphere, hashed, wildcard) -> 238.
import { MongoError, Codes, notImplemented } from '../errors';
import { validateFilter } from './query';
import { isPlainObject, valuesEqual } from './values';
import type { Document, IndexSpec } from './types';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

const IGNORED = new Set(['v', 'background', 'ns', 'dropDups', 'safe']);
const OPTIONS = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds']);

export const defaultIndexName = (key: Record<string, unknown>) =>
  Object.entries(key).map(([f, d]) => `${f}_${d}`).join('_');

const cannotCreate = (msg: string) => new MongoError(Codes.CannotCreateIndex, msg);

export function normalizeSpec(raw: Document): IndexSpec {
  if (!isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new MongoError(Codes.BadValue, "Index spec 'key' must be a non-empty object");
  }
  const key: Record<string, 1 | -1> = {};
  for (const [f, d] of Object.entries(raw.key)) {
    if (typeof d === 'string') throw notImplemented(`"${d}" indexes`);
    if (f.includes('$**')) throw notImplemented('wildcard indexes');
    const n = Number(d);
    if (!Number.isFinite(n) || n === 0) throw cannotCreate(`Values in the index key pattern can't be 0 or NaN: ${f}: ${d}`);
    key[f] = n > 0 ? 1 : -1;
  }
  for (const opt of Object.keys(raw)) {
    if (!OPTIONS.has(opt) && !IGNORED.has(opt)) throw notImplemented(`index option "${opt}"`);
  }
  const name = raw.name === undefined ? defaultIndexName(key) : raw.name;
  if (typeof name !== 'string' || !name) throw new MongoError(Codes.BadValue, 'index name must be a non-empty string');
  const spec: IndexSpec = { v: 2, key, name };
  if (raw.unique) spec.unique = true;
  if (raw.sparse) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) throw cannotCreate('partialFilterExpression must be an object');
    validateFilter(raw.partialFilterExpression);
    if (spec.sparse) throw cannotCreate('cannot mix "partialFilterExpression" and "sparse" options');
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  if (raw.expireAfterSeconds !== undefined) {
    const s = Number(raw.expireAfterSeconds);
    if (!Number.isFinite(s) || s < 0) throw cannotCreate(`TTL index 'expireAfterSeconds' option must be a non-negative number`);
    if (Object.keys(key).length > 1) throw cannotCreate('TTL indexes are single-field indexes, compound indexes do not support TTL');
    if (key._id) throw cannotCreate('The field \'expireAfterSeconds\' is not valid for an _id index specification');
    spec.expireAfterSeconds = s;
  }
  if (name === '_id_' || isIdKey(key)) {
    // {_id: 1} under any name is the _id index that always exists: a no-op, as in mongod.
    if (!isIdKey(key) || spec.sparse || spec.partialFilterExpression) {
      throw cannotCreate(`The _id index must have key { _id: 1 } and no sparse/partial options`);
    }
    return { ...ID_INDEX };
  }
  return spec;
}

const isIdKey = (key: Record<string, number>) => Object.keys(key).length === 1 && key._id === 1;

export const sameKey = (a: IndexSpec, b: IndexSpec) => {
  const ka = Object.entries(a.key), kb = Object.entries(b.key);
  return ka.length === kb.length && ka.every(([f, d], i) => kb[i][0] === f && kb[i][1] === d);
};

const sameOptions = (a: IndexSpec, b: IndexSpec) =>
  !!a.unique === !!b.unique && !!a.sparse === !!b.sparse && a.expireAfterSeconds === b.expireAfterSeconds &&
  (a.partialFilterExpression === undefined) === (b.partialFilterExpression === undefined) &&
  (a.partialFilterExpression === undefined || valuesEqual(a.partialFilterExpression, b.partialFilterExpression));

/** 'exists' when an identical index is present (no-op), 'new' when it can be built; throws 85/86. */
export function checkAgainst(existing: IndexSpec[], spec: IndexSpec): 'exists' | 'new' {
  for (const e of existing) {
    if (e.name === spec.name) {
      if (!sameKey(e, spec)) {
        throw new MongoError(Codes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(e)}`);
      }
      if (!sameOptions(e, spec)) {
        throw new MongoError(Codes.IndexOptionsConflict,
          `An existing index has the same name as the requested index but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(e)}`);
      }
      return 'exists';
    }
  }
  for (const e of existing) {
    if (sameKey(e, spec) && e.partialFilterExpression === undefined && spec.partialFilterExpression === undefined) {
      const what = sameOptions(e, spec) ? `Index already exists with a different name: ${e.name}`
        : `An equivalent index already exists with the same key but different options: ${e.name}`;
      throw new MongoError(Codes.IndexOptionsConflict, what);
    }
  }
  return 'new';
}
