// $rename: move a field (through embedded documents only; arrays are refused like mongod).
// The value is unset at the source and set at the target, so a renamed field moves to the end.
import { MongoError, Codes } from '../errors';
import { setPath } from './paths';
import { isPlainObject } from './values';
import type { Document } from './types';

const bad = (msg: string) => new MongoError(Codes.BadValue, msg);

function parentOf(doc: Document, path: string, create: boolean, role: string): Record<string, unknown> | undefined {
  const segs = path.split('.');
  let o: unknown = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(o)) throw bad(`The ${role} field cannot be an array element, '${path}' in doc with an array along the path`);
    const next: unknown = (o as Record<string, unknown>)[s];
    if (next === undefined) {
      if (!create) return undefined;
      return o as Record<string, unknown>; // setPath creates the rest
    }
    if (Array.isArray(next)) throw bad(`The ${role} field cannot be an array element, '${path}' in doc with an array along the path`);
    if (!isPlainObject(next)) {
      if (!create) return undefined;
      throw new MongoError(Codes.PathNotViable, `Cannot create field in '${path}': ${s} is not an object`);
    }
    o = next;
  }
  return o as Record<string, unknown>;
}

export function renameField(doc: Document, from: string, to: string): void {
  if (from === to) throw bad(`The source and target field for $rename must differ: ${from}: "${to}"`);
  if (from.includes('$') || to.includes('$')) throw bad('$rename does not support positional operators');
  if (from === '_id' || to === '_id') {
    throw new MongoError(Codes.ImmutableField, `Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
  const src = parentOf(doc, from, false, 'source');
  const leaf = from.split('.').pop()!;
  if (!src || !(leaf in src)) return;
  const value = src[leaf];
  parentOf(doc, to, true, 'destination');
  delete src[leaf];
  setPath(doc, to, value);
}
