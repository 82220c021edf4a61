// What a filter says about single fields, for choosing index bounds: equality points ($eq,
// literal values, $in) and ranges ($gt/$gte/$lt/$lte). Only conjunctive parts (top level and
// $and) count. Bounds may be looser than the filter: every candidate is re-checked by it.
import { keyString } from './keystring';
import { setPath } from './paths';
import { compileFilter, isOperatorObject } from './query';
import { compareValues, isPlainObject, Rank, typeRank } from './values';
import type { Document } from './types';

export interface FieldPred {
  points?: unknown[];
  nullable?: boolean; // a point is null: matches missing fields too (not in sparse indexes)
  lo?: { v: unknown; inc: boolean };
  hi?: { v: unknown; inc: boolean };
}

const pointable = (v: unknown) =>
  !Array.isArray(v) && !(v instanceof RegExp) && (v as { _bsontype?: string })?._bsontype !== 'BSONRegExp';
const rangeable = (v: unknown) => {
  const r = typeRank(v);
  return pointable(v) && r !== Rank.Null && r !== Rank.MinKey && r !== Rank.MaxKey;
};

function dedupe(values: unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const v of values) seen.set(keyString(v), v);
  return [...seen.values()].sort(compareValues);
}

function predOf(cond: unknown): FieldPred | undefined {
  if (!isOperatorObject(cond)) {
    return pointable(cond) ? { points: [cond], nullable: cond === null || cond === undefined } : undefined;
  }
  const p: FieldPred = {};
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$eq' && pointable(v)) p.points ??= [v];
    else if (op === '$in' && Array.isArray(v) && v.every(pointable)) p.points ??= dedupe(v);
    else if ((op === '$gt' || op === '$gte') && rangeable(v)) p.lo ??= { v, inc: op === '$gte' };
    else if ((op === '$lt' || op === '$lte') && rangeable(v)) p.hi ??= { v, inc: op === '$lte' };
  }
  if (p.points) p.nullable = p.points.some((v) => v === null || v === undefined);
  if (p.lo && p.hi && typeRank(p.lo.v) !== typeRank(p.hi.v)) delete p.hi; // brackets differ
  return p.points || p.lo || p.hi ? p : undefined;
}

/** Field -> predicate for the conjunctive part of a filter. */
export function fieldPreds(filter: Document, out = new Map<string, FieldPred>()): Map<string, FieldPred> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const f of v) if (isPlainObject(f)) fieldPreds(f, out);
      continue;
    }
    if (k.startsWith('$')) continue;
    const p = predOf(v);
    if (!p) continue;
    const prev = out.get(k);
    if (!prev || (!prev.points && p.points)) out.set(k, p); // points are the tighter bound
  }
  return out;
}

/** Whether every document matching `filter` also matches a partial index's expression. */
export function impliesPartial(filter: Document, preds: Map<string, FieldPred>, pfe: Document): boolean {
  const clauses = Object.entries(pfe).flatMap(([k, v]) =>
    k === '$and' && Array.isArray(v) ? v.flatMap((f) => Object.entries(f as Document)) : [[k, v] as [string, unknown]]);
  return clauses.every(([field, cond]) => {
    if (field.startsWith('$')) return false;
    if (field in filter && compareValues(filter[field], cond) === 0) return true;
    const p = preds.get(field);
    if (!p) return false;
    const test = compileFilter({ [field]: cond });
    const probe = (v: unknown) => { const d = {}; setPath(d, field, v); return test(d); };
    if (p.points) return p.points.every(probe);
    if (!isPlainObject(cond)) return false;
    // A range implies {$exists: true} and any looser same-typed bound.
    return Object.entries(cond).every(([op, b]) => {
      if (op === '$exists') return b === true || b === 1;
      const side = op === '$gt' || op === '$gte' ? p.lo : op === '$lt' || op === '$lte' ? p.hi : undefined;
      if (!side || typeRank(side.v) !== typeRank(b)) return false;
      const c = compareValues(side.v, b) * (side === p.lo ? 1 : -1);
      return c > 0 || (c === 0 && (!side.inc || op.endsWith('e')));
    });
  });
}
