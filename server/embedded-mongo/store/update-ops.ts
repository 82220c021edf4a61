// Field update operators applied to one target (container + key) of a cloned document.
// Type rules are MongoDB's: $inc/$mul need numbers on both sides (14 TypeMismatch, which mingo
// silently skips), int64 overflow is an error, $min/$max compare across types.
import { Timestamp } from 'bson';
import { MongoError, Codes } from '../errors';
import { bsonTypeName, formatValue } from './format';
import { arith, isNumeric } from './numbers';
import { cloneValue } from './paths';
import { arrayOps } from './update-array';
import { setChild, type Container } from './update-paths';
import { compareValues, isPlainObject } from './values';

export interface OpEnv {
  path: string;
  id: unknown;
  now: Date;
}

export type OpFn = (c: Container, key: string | number, arg: unknown, env: OpEnv) => void;

const get = (c: Container, key: string | number) => (c as Record<string, unknown>)[key as string];
const idText = (env: OpEnv) => `{_id: ${formatValue(env.id)}}`;

function arithmetic(op: '$inc' | '$mul'): OpFn {
  return (c, key, arg, env) => {
    const cur = get(c, key);
    if (cur === undefined) return setChild(c, key, op === '$inc' ? arg : arith(0, arg, 'mul'));
    if (!isNumeric(cur)) {
      throw new MongoError(Codes.TypeMismatch,
        `Cannot apply ${op} to a value of non-numeric type. ${idText(env)} has the field '${key}' of non-numeric type ${bsonTypeName(cur)}`);
    }
    try {
      setChild(c, key, arith(cur, arg, op === '$inc' ? 'add' : 'mul'));
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new MongoError(Codes.BadValue,
        `Failed to apply ${op} operations to current value (${formatValue(cur)}) for document ${idText(env)}`);
    }
  };
}

const minMax = (sign: 1 | -1): OpFn => (c, key, arg) => {
  const cur = get(c, key);
  if (cur === undefined || compareValues(arg, cur) * sign < 0) setChild(c, key, cloneValue(arg));
};

let tsCounter = 0;
const currentDate: OpFn = (c, key, arg, env) => {
  const type = isPlainObject(arg) ? arg.$type : 'date';
  if (type === 'timestamp') {
    setChild(c, key, new Timestamp({ t: Math.floor(env.now.getTime() / 1000), i: (tsCounter = (tsCounter + 1) >>> 0) || 1 }));
  } else {
    setChild(c, key, new Date(env.now.getTime()));
  }
};

const bit: OpFn = (c, key, arg, env) => {
  const cur = get(c, key) ?? 0;
  if (typeof cur !== 'number' || !Number.isInteger(cur)) {
    throw new MongoError(Codes.BadValue, `Cannot apply $bit to a value of non-integral type. ${idText(env)} has the field ${key} of non-integer type ${bsonTypeName(cur)}`);
  }
  let v = cur;
  for (const [how, n] of Object.entries(arg as Record<string, number>)) {
    v = how === 'and' ? v & n : how === 'or' ? v | n : v ^ n;
  }
  setChild(c, key, v);
};

const set: OpFn = (c, key, arg) => setChild(c, key, cloneValue(arg));

const unset: OpFn = (c, key) => {
  if (Array.isArray(c)) {
    if (Number(key) < c.length) c[Number(key)] = null; // arrays keep their length
  } else {
    delete c[key as string];
  }
};

export const OPS: Record<string, OpFn> = {
  $set: set, $setOnInsert: set, $unset: unset, $inc: arithmetic('$inc'), $mul: arithmetic('$mul'),
  $min: minMax(1), $max: minMax(-1), $currentDate: currentDate, $bit: bit, ...arrayOps,
};

/** Operators that must not create missing intermediate objects. */
export const NON_CREATING = new Set(['$unset', '$pull', '$pullAll', '$pop']);

const parseErr = (msg: string) => new MongoError(Codes.FailedToParse, msg);

/** Argument checks done before touching any document (as mongod does when parsing). */
export function checkArg(op: string, path: string, arg: unknown): void {
  if ((op === '$inc' || op === '$mul') && !isNumeric(arg)) {
    throw new MongoError(Codes.TypeMismatch,
      `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`);
  }
  if (op === '$pop' && arg !== 1 && arg !== -1) throw parseErr(`$pop expects 1 or -1, found: ${formatValue(arg)}`);
  if (op === '$pullAll' && !Array.isArray(arg)) {
    throw new MongoError(Codes.BadValue, `$pullAll requires an array argument but was given a ${bsonTypeName(arg)}`);
  }
  if (op === '$rename' && typeof arg !== 'string') {
    throw new MongoError(Codes.BadValue, `The 'to' field for $rename must be a string: ${path}: ${formatValue(arg)}`);
  }
  if (op === '$currentDate' && arg !== true && !(isPlainObject(arg) && (arg.$type === 'date' || arg.$type === 'timestamp'))) {
    throw new MongoError(Codes.BadValue, "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
  }
  if (op === '$bit' && (!isPlainObject(arg) || !Object.entries(arg).every(([k, v]) => ['and', 'or', 'xor'].includes(k) && Number.isInteger(v)))) {
    throw new MongoError(Codes.BadValue, `The $bit modifier only supports 'and', 'or', and 'xor', with integer arguments: ${path}`);
  }
}
