// The query language: mingo evaluates filters and projections, with our comparison operators
// (query-ops.ts) in its context. Filters are validated first so that operators we do not
// implement are refused (238) and unknown ones rejected (2) — never silently ignored.
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { MongoError, Codes, notImplemented } from '../errors';
import { mingoContext, reusableOptions } from './mingo-context';
import { comparisonOps } from './query-ops';
import { isPlainObject } from './values';
import { assertSafePath } from './paths';
import type { Document } from './types';

export const MINGO_OPTIONS: Options = reusableOptions({
  context: mingoContext({ query: comparisonOps }),
  scriptEnabled: false, // $where, $function, $accumulator: refused
  idKey: '_id',
});

const REFUSED_TOP = new Set(['$where', '$text', '$jsonSchema', '$sampleRate']);
const REFUSED_FIELD = new Set([
  '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within', '$maxDistance', '$minDistance',
  '$box', '$center', '$centerSphere', '$polygon', '$geometry',
]);
const FIELD_OPS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$type', '$mod', '$regex',
  '$options', '$all', '$elemMatch', '$size', '$not', '$bitsAllSet', '$bitsAnySet',
  '$bitsAllClear', '$bitsAnyClear',
]);
const REFUSED_EXPR = new Set(['$function', '$accumulator', '$where']);

const bad = (msg: string) => new MongoError(Codes.BadValue, msg);

export const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && Object.keys(v)[0]?.startsWith('$') === true;

export function validateFilter(filter: unknown): void {
  if (!isPlainObject(filter)) throw bad('query filter must be an object');
  for (const [k, v] of Object.entries(filter)) {
    if (!k.startsWith('$')) { assertSafePath(k, 'query'); validateField(v); continue; }
    if (k === '$and' || k === '$or' || k === '$nor') {
      if (!Array.isArray(v) || v.length === 0) throw bad(`${k} argument must be a non-empty array`);
      for (const f of v) validateFilter(f);
    } else if (k === '$expr') {
      validateExpression(v, 'query operator $expr');
    } else if (REFUSED_TOP.has(k)) {
      throw notImplemented(`query operator ${k}`);
    } else if (k !== '$comment') {
      throw bad(`unknown top level operator: ${k}`);
    }
  }
}

function validateField(v: unknown): void {
  if (!isOperatorObject(v)) return; // literal equality (a plain document compares as a value)
  for (const [op, arg] of Object.entries(v)) {
    if (REFUSED_FIELD.has(op)) throw notImplemented(`query operator ${op}`);
    if (!FIELD_OPS.has(op)) throw bad(`unknown operator: ${op}`);
    if ((op === '$in' || op === '$nin' || op === '$all') && !Array.isArray(arg)) throw bad(`${op} needs an array`);
    if (op === '$not') {
      if (!(arg instanceof RegExp) && !isOperatorObject(arg)) throw bad('$not needs a regex or a document');
      if (isOperatorObject(arg)) validateField(arg);
    }
    if (op === '$elemMatch') {
      if (!isPlainObject(arg)) throw bad('$elemMatch needs an Object');
      if (isOperatorObject(arg) && !['$and', '$or', '$nor', '$expr'].includes(Object.keys(arg)[0])) validateField(arg);
      else validateFilter(arg);
    }
  }
}

/** Aggregation expressions: refuse server-side JavaScript wherever it hides. */
export function validateExpression(expr: unknown, where: string): void {
  if (Array.isArray(expr)) return expr.forEach((e) => validateExpression(e, where));
  if (!isPlainObject(expr)) return;
  for (const [k, v] of Object.entries(expr)) {
    if (REFUSED_EXPR.has(k)) throw notImplemented(`${k} (in ${where})`);
    validateExpression(v, where);
  }
}

/** Runs mingo, turning its errors into MongoDB's BadValue. */
export function viaMingo<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MongoError) throw err;
    throw bad((err as Error).message ?? String(err));
  }
}

export type Matcher = (doc: Document) => boolean;
const matchAll: Matcher = () => true;

/** `options`: mingo's, when evaluating inside a pipeline ($expr may use its $$variables). */
export function compileFilter(filter: Document | undefined, options: Options = MINGO_OPTIONS): Matcher {
  if (!filter || Object.keys(filter).length === 0) return matchAll;
  validateFilter(filter);
  if ('$comment' in filter) {
    const { $comment: _, ...rest } = filter; // mingo does not know $comment
    return compileFilter(rest, options);
  }
  const q = viaMingo(() => new Query(filter, options));
  return (doc) => viaMingo(() => q.test(doc));
}

/** Applies a find projection (mingo implements inclusion/exclusion, $slice, $elemMatch, $). */
export function project(docs: Document[], projection: Document | undefined, filter?: Document): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  validateExpression(projection, 'projection');
  // Only the positional projection ('a.$') needs the filter; otherwise skip re-testing it.
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  const q = new Query(positional ? filter ?? {} : {}, MINGO_OPTIONS);
  const out = viaMingo(() => q.find(docs, projection).all() as Document[]);
  return out.length === docs.length ? out.map((d, i) => inSourceOrder(d, docs[i]) as Document) : out;
}

/** mingo emits included fields in projection order; MongoDB keeps the document's order. */
function inSourceOrder(out: unknown, src: unknown): unknown {
  if (Array.isArray(out) && Array.isArray(src) && out.length === src.length) {
    return out.map((v, i) => inSourceOrder(v, src[i]));
  }
  if (!isPlainObject(out) || !isPlainObject(src)) return out;
  const res: Document = {};
  for (const k of Object.keys(src)) if (k in out) res[k] = inSourceOrder(out[k], src[k]);
  for (const k of Object.keys(out)) if (!(k in res)) res[k] = out[k];
  return res;
}
