// Array update operators: $push (with $each, $position, $sort, $slice, applied in that
// order as MongoDB does), $addToSet (with $each), $pull (query conditions), $pullAll, $pop.
import { MongoError, Codes } from '../errors';
import { bsonTypeName, formatValue } from './format';
import { cloneValue } from './paths';
import { compileFilter, isOperatorObject } from './query';
import { sortDocs } from './sort';
import { setChild, type Container } from './update-paths';
import { compareValues, isPlainObject, valuesEqual } from './values';
import type { OpEnv, OpFn } from './update-ops';

const bad = (msg: string) => new MongoError(Codes.BadValue, msg);
const get = (c: Container, key: string | number) => (c as Record<string, unknown>)[key as string];

function arrayAt(c: Container, key: string | number, op: string, env: OpEnv): unknown[] | undefined {
  const cur = get(c, key);
  if (cur === undefined || Array.isArray(cur)) return cur as unknown[] | undefined;
  if (op === '$pop') {
    throw new MongoError(Codes.TypeMismatch, `Path '${env.path}' contains an element of non-array type '${bsonTypeName(cur)}'`);
  }
  if (op === '$addToSet') {
    throw bad(`Cannot apply $addToSet to non-array field. Field named '${key}' has non-array type ${bsonTypeName(cur)}`);
  }
  if (op === '$push') {
    throw bad(`The field '${key}' must be an array but is of type ${bsonTypeName(cur)} in document {_id: ${formatValue(env.id)}}`);
  }
  throw bad(`Cannot apply ${op} to a non-array value`);
}

const PUSH_CLAUSES = new Set(['$each', '$slice', '$sort', '$position']);

function sortElements(arr: unknown[], spec: unknown): unknown[] {
  if (spec === 1 || spec === -1) return [...arr].sort((a, b) => compareValues(a, b) * (spec as number));
  if (!isPlainObject(spec) || !Object.values(spec).every((d) => d === 1 || d === -1)) {
    throw bad('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
  }
  const wrapped = arr.map((e) => (isPlainObject(e) ? e : {}));
  const order = sortDocs(wrapped.map((w, i) => ({ ...w, __i: i })), spec as Record<string, 1 | -1>);
  return order.map((w) => arr[w.__i as number]);
}

const push: OpFn = (c, key, arg, env) => {
  const cur = arrayAt(c, key, '$push', env) ?? [];
  let each = [arg];
  let mods: Record<string, unknown> = {};
  if (isPlainObject(arg) && '$each' in arg) {
    mods = arg;
    for (const k of Object.keys(arg)) if (!PUSH_CLAUSES.has(k)) throw bad(`Unrecognized clause in $push: ${k}`);
    if (!Array.isArray(arg.$each)) throw bad(`The argument to $each in $push must be an array but it was of type: ${bsonTypeName(arg.$each)}`);
    each = arg.$each;
  }
  let out = [...cur];
  const pos = mods.$position === undefined ? out.length : Number(mods.$position);
  if (!Number.isInteger(pos)) throw bad('The value for $position must be an integer value');
  const at = pos < 0 ? Math.max(0, out.length + pos) : Math.min(pos, out.length);
  out.splice(at, 0, ...each.map(cloneValue));
  if (mods.$sort !== undefined) out = sortElements(out, mods.$sort);
  if (mods.$slice !== undefined) {
    const n = Number(mods.$slice);
    if (!Number.isInteger(n)) throw bad('The value for $slice must be an integer value');
    out = n >= 0 ? out.slice(0, n) : out.slice(Math.max(0, out.length + n));
  }
  setChild(c, key, out);
};

const addToSet: OpFn = (c, key, arg, env) => {
  const out = [...(arrayAt(c, key, '$addToSet', env) ?? [])];
  const each = isPlainObject(arg) && '$each' in arg ? arg.$each : [arg];
  if (!Array.isArray(each)) throw bad(`The argument to $each in $addToSet must be an array but it was of type ${bsonTypeName(each)}`);
  for (const v of each) if (!out.some((x) => valuesEqual(x, v))) out.push(cloneValue(v));
  setChild(c, key, out);
};

function pullMatcher(cond: unknown): (e: unknown) => boolean {
  if (isOperatorObject(cond)) {
    const m = compileFilter({ v: cond });
    return (e) => m({ v: e });
  }
  if (isPlainObject(cond)) {
    const m = compileFilter(cond); // a document condition is a query on document elements
    return (e) => isPlainObject(e) && m(e);
  }
  if (cond instanceof RegExp) return (e) => typeof e === 'string' && cond.test(e);
  return (e) => valuesEqual(e, cond);
}

const pull: OpFn = (c, key, arg, env) => {
  const cur = arrayAt(c, key, '$pull', env);
  if (!cur) return;
  const m = pullMatcher(arg);
  setChild(c, key, cur.filter((e) => !m(e)));
};

const pullAll: OpFn = (c, key, arg, env) => {
  const cur = arrayAt(c, key, '$pullAll', env);
  if (!cur) return;
  const gone = arg as unknown[];
  setChild(c, key, cur.filter((e) => !gone.some((g) => valuesEqual(e, g))));
};

const pop: OpFn = (c, key, arg, env) => {
  const cur = arrayAt(c, key, '$pop', env);
  if (!cur || cur.length === 0) return;
  setChild(c, key, arg === 1 ? cur.slice(0, -1) : cur.slice(1));
};

export const arrayOps: Record<string, OpFn> = { $push: push, $addToSet: addToSet, $pull: pull, $pullAll: pullAll, $pop: pop };
