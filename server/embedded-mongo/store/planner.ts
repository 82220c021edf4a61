// Choosing how to read a collection for a filter (+ sort): IDHACK for _id equality, IXSCAN over
// the best index (equality on leading fields > $in > range; unique full-key equality wins; a
// hint is obeyed), else COLLSCAN. Candidates are a superset: the caller re-checks the filter.
import { MongoError, Codes } from '../errors';
import { fieldPreds, impliesPartial, type FieldPred } from './bounds';
import type { Collection } from './collection';
import type { Bounds, Index } from './indexes';
import { sameKey } from './index-specs';
import { isOperatorObject } from './query';
import { isPlainObject } from './values';
import type { Document, QueryPlan } from './types';

export type SortSpec = Record<string, 1 | -1>;
export type Hint = string | Record<string, unknown> | undefined;

export interface Plan {
  plan: QueryPlan;
  /** Candidate documents; counts keysExamined into `plan` as it goes. */
  candidates(): Iterable<Document>;
}

interface Choice { ix: Index; score: number; eqTuples: unknown[][]; range?: FieldPred; reverse: boolean; sorted: boolean }

const MAX_POINTS = 1000; // $in cartesian products beyond this scan a wider prefix instead

function choose(ix: Index, preds: Map<string, FieldPred>, filter: Document, sort: SortSpec | undefined, hinted: boolean): Choice | undefined {
  const pfe = ix.spec.partialFilterExpression;
  if (pfe && !impliesPartial(filter, preds, pfe)) return undefined;
  let eqTuples: unknown[][] = [[]];
  let eq = 0; // leading fields fixed by equality / $in (an empty $in leaves no tuple: nothing matches)
  let range: FieldPred | undefined;
  for (const [i, f] of ix.fields.entries()) {
    const p = preds.get(f);
    if (!p || (i === 0 && ix.spec.sparse && p.nullable)) break; // sparse: null matches unindexed docs
    if (p.points && !(ix.spec.sparse && p.nullable) && eqTuples.length * p.points.length <= MAX_POINTS) {
      eqTuples = eqTuples.flatMap((t) => p.points!.map((v) => [...t, v]));
      eq++;
      continue;
    }
    if (p.lo || p.hi) range = ix.multikeyFields.has(f) && p.lo && p.hi ? { lo: p.lo } : p; // an array field: one side only
    break;
  }
  const used = eq + (range ? 1 : 0);
  const fit = sortFit(ix, sort, eq, eqTuples.length);
  // A hinted sparse index without predicates returns only indexed documents, as in mongod.
  if (used === 0 && !(fit && !ix.partialOrSparse) && !hinted) return undefined;
  const exact = ix.unique && eq === ix.fields.length && eqTuples.length === 1;
  const score = exact ? 1e6
    : eq * 100 - (eqTuples.length > 1 ? 40 : 0) + (range ? 50 : 0) + (fit ? 20 : 0) - ix.fields.length;
  return { ix, score, eqTuples, range, reverse: fit === -1, sorted: fit !== 0 };
}

/** 1 / -1 when scanning the index forward / backward yields the requested sort, else 0. */
function sortFit(ix: Index, sort: SortSpec | undefined, eq: number, tuples: number): 0 | 1 | -1 {
  if (!sort) return 0;
  const keys = Object.keys(sort);
  if (keys.length === 0) return 0;
  // An array field is fine in the equality prefix (each of its values is its own run of entries,
  // in order of the fields after it; the scans skip a document seen twice), never as a sort key
  // (a document sorts by its smallest or largest element, which the entries do not say).
  if (keys.some((k) => ix.multikeyFields.has(k))) return 0;
  // Several equality tuples ($in) are merged on the fields after them (mongod's SORT_MERGE).
  for (let o = tuples > 1 ? eq : 0; o <= eq; o++) {
    if (o + keys.length > ix.fields.length) break;
    const sign = ix.dirs[o] * sort[keys[0]];
    if (keys.every((k, j) => ix.fields[o + j] === k && ix.dirs[o + j] * sort[k] === sign)) return sign as 1 | -1;
  }
  return 0;
}

function hintedIndex(coll: Collection, hint: Hint): Index | 'natural' | undefined {
  if (hint === undefined || hint === null || hint === '') return undefined;
  if (typeof hint === 'object' && '$natural' in hint) return 'natural';
  const ix = coll.indexes.find((i) => (typeof hint === 'string' ? i.name === hint
    : sameKey(i.spec, { name: '', key: hint as Record<string, 1 | -1> })));
  if (!ix) throw new MongoError(Codes.BadValue, 'hint provided does not correspond to an existing index');
  return ix;
}

export function planQuery(coll: Collection, filter: Document, sort?: SortSpec, hint?: Hint): Plan & { sortedByIndex: boolean } {
  const hinted = hintedIndex(coll, hint);
  const preds = fieldPreds(filter);
  const id = preds.get('_id');
  if (!hinted && id?.points?.length === 1) {
    const plan: QueryPlan = { stage: 'IDHACK', indexName: '_id_', keysExamined: 0, docsExamined: 0, sortedByIndex: false };
    return {
      plan, sortedByIndex: false,
      candidates: () => {
        const doc = coll.get(id.points![0]);
        plan.keysExamined = doc ? 1 : 0;
        return doc ? [doc] : [];
      },
    };
  }
  let best: Choice | undefined;
  if (hinted !== 'natural') {
    for (const ix of hinted ? [hinted] : coll.indexes) {
      const c = choose(ix, preds, filter, sort, !!hinted);
      if (c && (!best || c.score > best.score)) best = c;
    }
    if (hinted && !best) throw new MongoError(Codes.BadValue, 'hint provided does not correspond to a usable index');
  }
  if (!best) {
    const plan: QueryPlan = { stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0, sortedByIndex: false };
    const reverse = typeof hint === 'object' && (hint as { $natural?: number }).$natural === -1;
    return { plan, sortedByIndex: false, candidates: () => (reverse ? [...coll.docs.values()].reverse() : coll.docs.values()) };
  }
  const c = best;
  const plan: QueryPlan = { stage: 'IXSCAN', indexName: c.ix.name, keysExamined: 0, docsExamined: 0, sortedByIndex: c.sorted };
  return { plan, sortedByIndex: c.sorted, candidates: () => scanDocs(coll, c, plan) };
}

function* scanDocs(coll: Collection, c: Choice, plan: QueryPlan): Generator<Document> {
  if (c.sorted && c.eqTuples.length > 1) {
    yield* mergeDocs(coll, c, plan);
    return;
  }
  const seen = c.ix.multikey || c.eqTuples.length > 1 ? new Set<string>() : undefined;
  for (const eq of c.eqTuples) {
    const bounds: Bounds = { eq, lo: c.range?.lo, hi: c.range?.hi };
    for (const e of c.ix.scan(bounds, c.reverse)) {
      plan.keysExamined++;
      if (seen) {
        if (seen.has(e.r)) continue;
        seen.add(e.r);
      }
      const doc = coll.docs.get(e.r);
      if (doc) yield doc;
    }
  }
}

/** The scans of several equality tuples merged into one stream in sort order (k-way merge). */
function* mergeDocs(coll: Collection, c: Choice, plan: QueryPlan): Generator<Document> {
  const from = c.eqTuples[0].length;
  const sign = c.reverse ? -1 : 1;
  const heads = c.eqTuples
    .map((eq) => c.ix.scan({ eq, lo: c.range?.lo, hi: c.range?.hi }, c.reverse))
    .map((it) => ({ it, e: it.next() }))
    .filter((h) => !h.e.done);
  // A document whose array field holds several of the $in values is in several scans.
  const seen = c.ix.multikey ? new Set<string>() : undefined;
  while (heads.length) {
    let best = 0;
    for (let i = 1; i < heads.length; i++) {
      if (c.ix.compareFrom(heads[i].e.value!, heads[best].e.value!, from) * sign < 0) best = i;
    }
    const h = heads[best];
    plan.keysExamined++;
    const r = h.e.value!.r;
    h.e = h.it.next();
    if (h.e.done) heads.splice(best, 1);
    if (seen) {
      if (seen.has(r)) continue;
      seen.add(r);
    }
    const doc = coll.docs.get(r);
    if (doc) yield doc;
  }
}

const COUNTABLE = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte']);

/**
 * The number of documents matching `filter`, counted from index positions without visiting a
 * document (mongod's COUNT_SCAN), when one index's bounds say exactly what the filter says:
 * every condition is an equality, $in or range on a field the bounds use, and the index is
 * neither sparse nor partial, nor has a range on an array field. On a multikey index the record
 * ids within bounds are counted once each (a document is in the index once per array element).
 * Otherwise undefined: the caller counts by scanning.
 */
export function countByIndex(coll: Collection, filter: Document): number | undefined {
  const conds: [string, unknown][] = [];
  const flatten = (f: Document): boolean => Object.entries(f).every(([k, v]) => {
    if (k === '$and' && Array.isArray(v)) return v.every((x) => isPlainObject(x) && flatten(x));
    if (k.startsWith('$')) return false;
    conds.push([k, v]);
    return true;
  });
  if (!flatten(filter) || conds.length === 0) return undefined;
  const fields = new Set(conds.map(([k]) => k));
  if (fields.size !== conds.length) return undefined;
  const preds = fieldPreds(filter);
  for (const [k, v] of conds) {
    const p = preds.get(k);
    if (!p) return undefined;
    if (!isOperatorObject(v)) continue; // a literal: a point
    const ops = Object.keys(v);
    if (!ops.every((op) => COUNTABLE.has(op))) return undefined;
    const points = ops.some((op) => op === '$eq' || op === '$in');
    if (points ? ops.length !== 1 || !p.points : !!p.points) return undefined;
    if (ops.some((op) => op === '$gt' || op === '$gte') && !p.lo) return undefined;
    if (ops.some((op) => op === '$lt' || op === '$lte') && !p.hi) return undefined;
  }
  let best: Choice | undefined;
  for (const ix of coll.indexes) {
    if (ix.partialOrSparse) continue;
    const c = choose(ix, preds, filter, undefined, false);
    if (!c) continue;
    if (c.eqTuples.length === 0) return 0; // an empty $in: nothing matches
    const used = c.eqTuples[0].length + (c.range ? 1 : 0);
    if (c.range && ix.multikeyFields.has(ix.fields[used - 1])) continue; // one bound only: a superset
    if (used !== fields.size || !c.ix.fields.slice(0, used).every((f) => fields.has(f))) continue;
    if (!best || c.score > best.score) best = c;
  }
  if (!best) return undefined;
  const c = best;
  // Entries of one document can repeat within bounds only through an array field after the
  // equality prefix, or across several tuples of $in values; else the positions count documents.
  const eqLen = c.eqTuples[0].length;
  if (c.ix.multikey && (c.eqTuples.length > 1 || [...c.ix.multikeyFields].some((f) => c.ix.fields.indexOf(f) >= eqLen))) {
    const ids = new Set<string>();
    for (const eq of c.eqTuples) for (const e of c.ix.scan({ eq, lo: c.range?.lo, hi: c.range?.hi })) ids.add(e.r);
    return ids.size;
  }
  return c.eqTuples.reduce((n, eq) => n + c.ix.countWithin({ eq, lo: c.range?.lo, hi: c.range?.hi }), 0);
}
