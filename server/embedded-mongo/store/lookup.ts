// $lookup with localField/foreignField: an equality join that uses an index on the foreign
// field when there is one (one IXSCAN per input document), else hashes the foreign collection
// once. Mingo's own version rebuilds a hash of the whole foreign collection per stage run and
// compares with its own (non-MongoDB) equality.
import type { Iterator } from 'mingo/lazy';
import { MongoError, Codes } from '../errors';
import type { Collection } from './collection';
import { keyString } from './keystring';
import { cloneForMingo, MISSING, pathValues, setPath } from './paths';
import { findDocs } from './reads';
import type { Document } from './types';

type Resolve = (name: string) => Collection | undefined;

const valuesAt = (doc: Document, path: string) =>
  pathValues(doc, path).values.map((v) => (v === MISSING ? null : v));

function hashTable(coll: Collection, field: string): Map<string, Document[]> {
  const table = new Map<string, Document[]>();
  for (const d of coll.docs.values()) {
    for (const v of new Set(valuesAt(d, field).map(keyString))) {
      const list = table.get(v);
      if (list) list.push(d);
      else table.set(v, [d]);
    }
  }
  return table;
}

export function lookupStage(input: Iterator, expr: Document, resolve: Resolve): Iterator {
  const { from, localField, foreignField, as } = expr;
  for (const [k, v] of Object.entries({ localField, foreignField, as })) {
    if (typeof v !== 'string') throw new MongoError(Codes.FailedToParse, `$lookup argument '${k}' must be a string`);
  }
  const foreign = resolve(from);
  const indexed = foreign?.indexes.some((ix) => ix.fields[0] === foreignField && !ix.partialOrSparse);
  let table: Map<string, Document[]> | undefined;
  const join = (values: unknown[]): Document[] => {
    if (!foreign) return [];
    if (indexed) return findDocs(foreign, { filter: { [foreignField]: { $in: values } } }).docs;
    table ??= hashTable(foreign, foreignField);
    const out = new Set<Document>();
    for (const v of values) for (const d of table.get(keyString(v)) ?? []) out.add(d);
    return [...out];
  };
  // Input documents are already copies (aggregate.ts), so they may be extended in place.
  return input.map((doc: Document) => {
    setPath(doc, as, join(valuesAt(doc, localField)).map(cloneForMingo));
    return doc;
  });
}
