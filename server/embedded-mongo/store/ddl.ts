// Index DDL on a collection: createIndexes (all-or-nothing, identical specs are no-ops) and
// dropIndexes (all names checked before any is dropped; the _id index cannot be dropped).
import { MongoError, Codes } from '../errors';
import type { Catalog } from './catalog';
import type { JournalRecord } from './durability.types';
import { checkAgainst, normalizeSpec } from './index-specs';
import type { Document, IndexSpec } from './types';

export function createIndexes(catalog: Catalog, db: string, name: string, raw: Document[], records: JournalRecord[]) {
  if (!Array.isArray(raw) || raw.length === 0) throw new MongoError(Codes.BadValue, 'Must specify at least one index to create');
  const specs = raw.map(normalizeSpec); // validate everything before creating anything
  const { coll, created } = catalog.ensure(db, name, records);
  const before = coll.indexes.length;
  const built: IndexSpec[] = [];
  try {
    for (const spec of specs) {
      if (checkAgainst(coll.specs(), spec) === 'new') built.push(coll.addIndex(spec).spec);
    }
  } catch (err) {
    for (const s of built) coll.dropIndex(s.name);
    throw err;
  }
  for (const spec of built) records.push({ t: 'createIndex', ns: coll.ns, spec });
  return { createdCollectionAutomatically: created, numIndexesBefore: before, numIndexesAfter: coll.indexes.length };
}

export function dropIndexes(catalog: Catalog, db: string, name: string, names: string[] | '*', records: JournalRecord[]) {
  const coll = catalog.get(db, name);
  if (!coll) throw new MongoError(Codes.NamespaceNotFound, `ns not found ${db}.${name}`);
  const was = coll.indexes.length;
  const targets = names === '*' ? coll.indexes.slice(1).map((ix) => ix.name) : names;
  for (const n of targets) {
    if (n === '_id_') throw new MongoError(Codes.InvalidOptions, 'cannot drop _id index');
    if (!coll.findIndex(n)) throw new MongoError(Codes.IndexNotFound, `index not found with name [${n}]`);
  }
  for (const n of targets) {
    coll.dropIndex(n);
    records.push({ t: 'dropIndex', ns: coll.ns, name: n });
  }
  return { nIndexesWas: was };
}
