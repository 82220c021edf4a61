// Applying one update (operators or replacement) to one document, producing a NEW document.
// MongoDB behaviours kept: fields are updated in path order (new fields appended in that order,
// existing ones keep their place), conflicting paths -> 40, _id is immutable -> 66, pipeline
// updates -> 238, unknown operators -> 9, upserts seed the new document from the query's
// equality fields and only then apply $setOnInsert.
import { ObjectId } from 'bson';
import { MongoError, Codes, notImplemented } from '../errors';
import { bsonTypeName, formatValue } from './format';
import { assertSafePath, cloneValue, getPath, setPath } from './paths';
import { compileFilter, isOperatorObject, validateFilter } from './query';
import { checkArg, NON_CREATING, OPS } from './update-ops';
import { forEachTarget, type PathCtx } from './update-paths';
import { renameField } from './update-rename';
import { isPlainObject, valuesEqual } from './values';
import type { Document } from './types';

export interface UpdateEnv {
  query: Document;
  arrayFilters?: Document[];
  /** Upsert inserting a new document: $setOnInsert applies and _id may be set. */
  inserting: boolean;
  now: Date;
}

export function isReplacement(u: Document | Document[]): boolean {
  if (Array.isArray(u)) throw notImplemented('pipeline-style updates (an array as the update)');
  const keys = Object.keys(u);
  return keys.length === 0 || !keys[0].startsWith('$');
}

const parseErr = (msg: string) => new MongoError(Codes.FailedToParse, msg);

/** The replacement keeps the document's _id; a different _id is error 66. */
export function applyReplacement(doc: Document | undefined, repl: Document): Document {
  for (const k of Object.keys(repl)) {
    if (k.startsWith('$')) throw parseErr(`The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document.`);
  }
  if (doc && '_id' in repl && !valuesEqual(repl._id, doc._id)) throw immutable(repl._id);
  const { _id, ...rest } = cloneValue(repl);
  const id = doc ? doc._id : _id;
  return id === undefined ? rest : { _id: id, ...rest };
}

const immutable = (v: unknown) => new MongoError(Codes.ImmutableField,
  `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(v)}`);

interface Step { op: string; path: string; arg: unknown }

function parse(u: Document, inserting: boolean): Step[] {
  const steps: Step[] = [];
  for (const [op, spec] of Object.entries(u)) {
    if (!op.startsWith('$')) throw parseErr(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    if (!OPS[op] && op !== '$rename') {
      throw parseErr(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(spec)) {
      throw parseErr(`Modifiers operate on fields but we found type ${bsonTypeName(spec)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(spec)}}`);
    }
    for (const [path, arg] of Object.entries(spec)) {
      checkArg(op, path, arg);
      assertSafePath(path, 'update');
      if (op === '$rename' && typeof arg === 'string') assertSafePath(arg, 'update');
      if (op !== '$setOnInsert' || inserting) steps.push({ op, path, arg });
    }
  }
  checkConflicts(steps);
  return steps.sort((a, b) => comparePaths(a.path, b.path));
}

/** MongoDB orders update fields: numeric names numerically, others lexicographically. */
function comparePaths(a: string, b: string): number {
  const x = a.split('.'), y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = /^\d+$/.test(x[i]), ny = /^\d+$/.test(y[i]);
    if (nx && ny) return Number(x[i]) - Number(y[i]);
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

function checkConflicts(steps: Step[]): void {
  const paths = steps.flatMap((s) => (s.op === '$rename' ? [s.path, s.arg as string] : [s.path])).sort();
  for (let i = 1; i < paths.length; i++) {
    const [a, b] = [paths[i - 1], paths[i]];
    if (a === b || b.startsWith(a + '.')) {
      throw new MongoError(Codes.ConflictingUpdateOperators, `Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

function compileArrayFilters(filters: Document[] | undefined): Map<string, (e: unknown) => boolean> {
  const byId = new Map<string, Document>();
  for (const f of filters ?? []) {
    if (!isPlainObject(f)) throw parseErr('arrayFilters must be an array of objects');
    for (const [k, v] of Object.entries(f)) {
      const id = k.split('.')[0];
      if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) throw parseErr(`The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
      byId.set(id, { ...byId.get(id), [k]: v });
    }
  }
  const out = new Map<string, (e: unknown) => boolean>();
  for (const [id, f] of byId) {
    validateFilter(f);
    const m = compileFilter(f);
    out.set(id, (e) => m({ [id]: e }));
  }
  return out;
}

/** The index of the array element the query matched (for the '$' positional operator). */
function positionalIndex(doc: Document, arrayPath: string, query: Document): number {
  const notFound = () => new MongoError(Codes.BadValue, 'The positional operator did not find the match needed from the query.');
  const clauses = Object.entries(query).flatMap(([k, v]) =>
    k === '$and' && Array.isArray(v) ? v.flatMap((f) => Object.entries(f as Document)) : [[k, v] as [string, unknown]]);
  const relevant = clauses.filter(([k]) => k === arrayPath || k.startsWith(arrayPath + '.'));
  const arr = getPath(doc, arrayPath);
  if (!relevant.length || !Array.isArray(arr)) throw notFound();
  const m = compileFilter(Object.fromEntries(relevant));
  for (let i = 0; i < arr.length; i++) {
    const probe = {};
    setPath(probe, arrayPath, [arr[i]]);
    if (m(probe)) return i;
  }
  throw notFound();
}

/** Parse-time checks (unknown operators, bad arguments, conflicts), done even if nothing matches. */
export function validateOperators(u: Document, arrayFilters?: Document[]): void {
  parse(u, true);
  compileArrayFilters(arrayFilters);
}

/** Applies update operators to a copy of `doc` (an empty seed when inserting). */
export function applyOperators(doc: Document, u: Document, env: UpdateEnv): Document {
  const steps = parse(u, env.inserting);
  const filters = compileArrayFilters(env.arrayFilters);
  const used = new Set<string>();
  const out = cloneValue(doc);
  const positions = new Map<string, number>();
  const positional = (p: string) => {
    if (!positions.has(p)) positions.set(p, positionalIndex(doc, p, env.query));
    return positions.get(p)!;
  };
  for (const s of steps) {
    if (s.op === '$rename') {
      renameField(out, s.path, s.arg as string);
      continue;
    }
    const ctx: PathCtx = { create: !NON_CREATING.has(s.op), positional, filters, used };
    const opEnv = { path: s.path, id: doc._id, now: env.now };
    forEachTarget(out, s.path, ctx, (c, key) => OPS[s.op](c, key, s.arg, opEnv));
  }
  for (const id of filters.keys()) {
    if (!used.has(id)) throw parseErr(`The array filter for identifier '${id}' was not used in the update ${formatValue(u)}`);
  }
  if (doc._id !== undefined && !valuesEqual(out._id, doc._id)) throw immutable(out._id);
  return out;
}

/** The document an upsert starts from: the query's equality fields (incl. inside $and). */
export function upsertSeed(query: Document, seed: Document = {}): Document {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const f of v) if (isPlainObject(f)) upsertSeed(f, seed);
      continue;
    }
    if (k.startsWith('$') || v instanceof RegExp) continue;
    if (isOperatorObject(v)) {
      if ('$eq' in v) setPath(seed, k, cloneValue(v.$eq));
      continue;
    }
    setPath(seed, k, cloneValue(v));
  }
  return seed;
}

/** Puts _id first (generating an ObjectId when absent) and checks it is a valid _id. */
export function withIdFirst(doc: Document): Document {
  const { _id, ...rest } = doc;
  const id = _id === undefined ? new ObjectId() : _id;
  if (Array.isArray(id)) throw new MongoError(Codes.BadValue, `The '_id' value cannot be of type array`);
  if (id instanceof RegExp) throw new MongoError(Codes.BadValue, `The '_id' value cannot be of type regex`);
  return { _id: id, ...rest };
}
