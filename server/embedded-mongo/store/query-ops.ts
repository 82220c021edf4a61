// Comparison query operators replacing mingo's, which compare Long by its string form, strings
// in UTF-16 order, embedded documents ignoring field order, and know no ObjectId/long/decimal
// for $type. These follow MongoDB: type bracketing for ranges, array elements match, and
// compareValues() for order and equality.
import type { Options } from 'mingo/types';
import { flatten, resolve } from 'mingo/util';
import { MongoError, Codes } from '../errors';
import { bsonTypeName } from './format';
import { isNumeric } from './numbers';
import { compareValues, typeRank, valuesEqual } from './values';

type Pred = (doc: Record<string, unknown>) => boolean;
type Op = (selector: string, value: unknown, options: Options) => Pred;

/** The values a field path offers to a predicate: the value, and if it is an array, its elements. */
function candidates(lhs: unknown, depth: number): unknown[] {
  if (!Array.isArray(lhs)) return [lhs];
  return depth > 0 ? [lhs, ...lhs, ...flatten(lhs, depth)] : [lhs, ...lhs];
}

function op(test: (cands: unknown[], lhs: unknown, value: unknown) => boolean): Op {
  return (selector, value) => {
    const depth = selector.split('.').length - 1;
    return (doc) => {
      const lhs = resolve(doc, selector, { unwrapArray: true });
      return test(candidates(lhs, depth), lhs, value);
    };
  };
}

const isNil = (v: unknown) => v === null || v === undefined;

function eq(cands: unknown[], lhs: unknown, value: unknown): boolean {
  if (isNil(value) && isNil(lhs)) return true;
  return cands.some((v) => valuesEqual(v, value));
}

const range = (ok: (c: number) => boolean) => (cands: unknown[], _l: unknown, value: unknown) => {
  const r = typeRank(value);
  return cands.some((v) => typeRank(v) === r && ok(compareValues(v, value)));
};

function inList(cands: unknown[], lhs: unknown, list: unknown): boolean {
  if (!Array.isArray(list)) throw new MongoError(Codes.BadValue, '$in needs an array');
  return list.some((x) =>
    x instanceof RegExp ? cands.some((v) => typeof v === 'string' && x.test(v)) : eq(cands, lhs, x));
}

const TYPE_CODES: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 16: 'int', 17: 'timestamp', 18: 'long',
  19: 'decimal', [-1]: 'minKey', 127: 'maxKey',
};

function typeMatch(cands: unknown[], lhs: unknown, spec: unknown): boolean {
  const wanted = (Array.isArray(spec) ? spec : [spec]).map((t) => (typeof t === 'number' ? TYPE_CODES[t] : t));
  if (lhs === undefined) return false;
  return cands.some((v) => wanted.some((t) => (t === 'number' ? isNumeric(v) : bsonTypeName(v) === t)));
}

export const comparisonOps: Record<string, Op> = {
  $eq: op(eq),
  $ne: op((c, l, v) => !eq(c, l, v)),
  $gt: op(range((c) => c > 0)),
  $gte: op(range((c) => c >= 0)),
  $lt: op(range((c) => c < 0)),
  $lte: op(range((c) => c <= 0)),
  $in: op(inList),
  $nin: op((c, l, v) => !inList(c, l, v)),
  $type: op(typeMatch),
};
