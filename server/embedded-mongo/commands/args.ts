// Validation of command arguments at the edge, with mongod's error codes, so handlers can trust
// the shapes they pass to the Store.
import type { Document } from 'bson';
import { Codes, MongoError } from '../errors';

/** A plain BSON sub-document (not an array, Date, RegExp, Binary, ObjectId...). */
export function isPlainDoc(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const typeMismatch = (field: string, expected: string, value: unknown) =>
  new MongoError(Codes.TypeMismatch, `BSON field '${field}' is the wrong type '${describe(value)}', expected type '${expected}'`);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const bsontype = (value as { _bsontype?: string })?._bsontype;
  return bsontype ?? typeof value;
}

/** The collection named by the command's first field. */
export function collectionName(cmd: Document): string {
  const [field, value] = Object.entries(cmd)[0];
  if (typeof value !== 'string') {
    throw new MongoError(Codes.InvalidNamespace, `collection name has invalid type ${describe(value)}`);
  }
  if (value === '' || value.includes('\0') || value.startsWith('.') || value.includes('$')) {
    throw new MongoError(Codes.InvalidNamespace, `Invalid namespace specified '${field}: ${value}'`);
  }
  return value;
}

export function optDoc(cmd: Document, field: string): Document | undefined {
  const value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainDoc(value)) throw typeMismatch(field, 'object', value);
  return value;
}

export function reqDoc(cmd: Document, field: string): Document {
  const value = optDoc(cmd, field);
  if (!value) throw new MongoError(Codes.FailedToParse, `BSON field '${field}' is missing but a required field`);
  return value;
}

export function reqArray(cmd: Document, field: string): unknown[] {
  const value = cmd[field];
  if (value === undefined) throw new MongoError(Codes.FailedToParse, `BSON field '${field}' is missing but a required field`);
  if (!Array.isArray(value)) throw typeMismatch(field, 'array', value);
  return value;
}

/** A whole number (int32, int64 or an integral double), or undefined. */
export function optInt(cmd: Document, field: string, min = 0): number | undefined {
  let value = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    value = (value as { toNumber(): number }).toNumber();
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeMismatch(field, 'long', value);
  if (value < min) throw new MongoError(Codes.BadValue, `BSON field '${field}' value must be >= ${min}, actual value '${value}'`);
  return value;
}

export function optBool(cmd: Document, field: string, fallback: boolean): boolean {
  const value = cmd[field];
  return value === undefined || value === null ? fallback : Boolean(value);
}

/** The batch size a command asks for, in `cursor.batchSize` (find uses `batchSize`). */
export function cursorBatchSize(cmd: Document): number | undefined {
  const cursor = optDoc(cmd, 'cursor');
  return cursor ? optInt(cursor, 'batchSize') : undefined;
}
