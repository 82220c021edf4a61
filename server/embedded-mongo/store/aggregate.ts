// Aggregation: a whitelisted subset of stages run by mingo, with our $match/$sort (MongoDB
// value order) and an index-aware $lookup. A leading $match/$sort/$skip/$limit is answered by
// the query planner (so countDocuments and paged lists use indexes). Every other stage is
// refused: 238 for MongoDB stages we do not implement, 40324 for names MongoDB does not know.
import { Aggregator } from 'mingo/aggregator';
import { Lazy, type Iterator } from 'mingo/lazy';
import { $lookup as mingoLookup } from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { MongoError, Codes, notImplemented } from '../errors';
import type { Collection } from './collection';
import { lookupStage } from './lookup';
import { mingoContext } from './mingo-context';
import { cloneForMingo } from './paths';
import { comparisonOps } from './query-ops';
import { compileFilter, validateExpression, validateFilter, viaMingo } from './query';
import { countDocs, findDocs } from './reads';
import { normalizeSort, sortDocs } from './sort';
import { isPlainObject } from './values';
import type { Document } from './types';

const ALLOWED = new Set(['$match', '$group', '$sort', '$limit', '$skip', '$project', '$addFields', '$set',
  '$unset', '$count', '$unwind', '$lookup', '$facet', '$sortByCount', '$replaceRoot', '$replaceWith']);
const KNOWN = new Set(['$out', '$merge', '$changeStream', '$geoNear', '$bucket', '$bucketAuto', '$collStats',
  '$currentOp', '$densify', '$documents', '$fill', '$graphLookup', '$indexStats', '$listSessions',
  '$listLocalSessions', '$planCacheStats', '$redact', '$sample', '$search', '$searchMeta',
  '$setWindowFields', '$unionWith', '$vectorSearch', '$listSearchIndexes', '$changeStreamSplitLargeEvent',
  '$shardedDataDistribution', '$querySettings', '$listSampledQueries', '$queryStats']);

export function validatePipeline(pipeline: unknown, inFacet = false): void {
  if (!Array.isArray(pipeline)) throw new MongoError(Codes.TypeMismatch, "'pipeline' option must be specified as an array");
  for (const stage of pipeline) {
    const keys = isPlainObject(stage) ? Object.keys(stage) : [];
    if (keys.length !== 1) throw new MongoError(Codes.BadValue, 'A pipeline stage specification object must contain exactly one field.');
    const [name] = keys;
    const arg = (stage as Document)[name];
    if (!ALLOWED.has(name)) {
      if (KNOWN.has(name)) throw notImplemented(`aggregation stage ${name}`);
      throw new MongoError(Codes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
    }
    if (name === '$match') validateFilter(arg);
    else if (name === '$limit' && !(Number.isInteger(Number(arg)) && Number(arg) > 0)) {
      throw new MongoError(Codes.BadValue, 'the limit must be positive');
    } else if (name === '$skip' && !(Number.isInteger(Number(arg)) && Number(arg) >= 0)) {
      throw new MongoError(Codes.BadValue, 'invalid argument to $skip stage: Expected a non-negative number');
    }
    else if (name === '$facet') {
      if (inFacet) throw new MongoError(Codes.BadValue, '$facet is not allowed to be used within a $facet stage');
      if (!isPlainObject(arg)) throw new MongoError(Codes.BadValue, 'the $facet specification must be a non-empty object');
      for (const sub of Object.values(arg)) validatePipeline(sub, true);
    } else if (name === '$lookup') {
      if (!isPlainObject(arg) || typeof arg.from !== 'string') throw notImplemented('$lookup without a "from" collection name of the same database');
      if (arg.pipeline !== undefined) validatePipeline(arg.pipeline, inFacet);
      validateExpression(arg.let, '$lookup');
    } else {
      validateExpression(arg, name);
    }
  }
}

export type Resolve = (name: string) => Collection | undefined;

function options(resolve: Resolve): Partial<Options> {
  const $match = (coll: Iterator, expr: Document, opts: Options) => coll.filter(compileFilter(expr, opts));
  // MongoDB's $count emits nothing for no input (mingo emits a count of 0).
  const $count = (coll: Iterator, name: unknown) => {
    if (typeof name !== 'string' || !name || name.startsWith('$') || name.includes('.')) {
      throw new MongoError(Codes.BadValue, 'the count field must be a non-empty string, not starting with $ and without dots');
    }
    return coll.transform((arr: Document[]) => Lazy(arr.length ? [{ [name]: arr.length }] : []));
  };
  const $sort = (coll: Iterator, spec: Document) =>
    coll.transform((arr: Document[]) => Lazy(sortDocs(arr, normalizeSort(spec) ?? {})));
  const $lookup = (coll: Iterator, expr: Document, opts: Options) =>
    expr.pipeline !== undefined || expr.let !== undefined
      ? mingoLookup(coll, expr as never, opts)
      : lookupStage(coll, expr, resolve);
  return {
    context: mingoContext({ query: comparisonOps, pipeline: { $match, $sort, $lookup, $count } }),
    scriptEnabled: false,
    // The pipeline form of $lookup runs in mingo over copies of the foreign collection.
    collectionResolver: (name) => [...(resolve(name)?.docs.values() ?? [])].map(cloneForMingo),
  };
}

export function runAggregate(coll: Collection | undefined, pipeline: Document[], resolve: Resolve): Document[] {
  validatePipeline(pipeline);
  // The leading $match/$sort/$skip/$limit go through the planner (indexes, early stop).
  const lead: Document = {};
  let i = 0;
  for (const [name, key] of [['$match', 'filter'], ['$sort', 'sort'], ['$skip', 'skip'], ['$limit', 'limit']]) {
    if (i < pipeline.length && name in pipeline[i]) lead[key] = name === '$match' || name === '$sort' ? pipeline[i++][name] : Number(pipeline[i++][name]);
  }
  const rest = pipeline.slice(i);
  if (coll && !lead.sort && isCountGroup(rest)) { // countDocuments(): counted by the index when it can be
    const n = countDocs(coll, lead.filter ?? {}, lead.skip, lead.limit);
    return n ? [{ _id: (rest[0].$group as Document)._id, n }] : [];
  }
  const docs = coll ? findDocs(coll, lead).docs : [];
  if (rest.length === 0) return docs;
  const input = docs.map(cloneForMingo); // copies: mingo stages may modify their input in place
  return viaMingo(() => new Aggregator(rest, options(resolve)).run(input) as Document[]);
}

/** The driver's countDocuments() tail: [{$group: {_id: 1, n: {$sum: 1}}}]. */
function isCountGroup(rest: Document[]): boolean {
  if (rest.length !== 1 || !isPlainObject(rest[0].$group)) return false;
  const g = rest[0].$group as Document;
  const keys = Object.keys(g);
  return keys.length === 2 && (g._id === 1 || g._id === null) && isPlainObject(g.n)
    && Object.keys(g.n as Document).length === 1 && (g.n as Document).$sum === 1;
}
