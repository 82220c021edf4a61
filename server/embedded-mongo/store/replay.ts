// Rebuilding memory from the newest snapshot plus the journal records written after it.
// Records are idempotent by _id and may overlap the snapshot, so intermediate states can hold
// transient duplicates: unique checks are off during replay and back on afterwards.
import type { Catalog } from './catalog';
import { splitNs } from './catalog';
import type { Collection } from './collection';
import type { JournalRecord, SnapshotCollection } from './durability.types';
import { keyString } from './keystring';
import type { Document } from './types';

function ensure(catalog: Catalog, ns: string, options: Document = {}): Collection {
  const [db, name] = splitNs(ns);
  const c = catalog.get(db, name) ?? catalog.create(db, name, options);
  c.enforceUnique = false;
  return c;
}

function loadSnapshot(catalog: Catalog, snap: SnapshotCollection[]): void {
  for (const s of snap) {
    const c = ensure(catalog, s.ns, s.options);
    for (const doc of s.docs) c.docs.set(keyString(doc._id), doc);
    c.forgetSize();
    // Bulk builds (sort once) are much faster than inserting key by key.
    c.indexes[0].build(c.docs.entries(), false);
    for (const spec of s.indexes) c.addIndex(spec);
  }
}

function applyRecord(catalog: Catalog, r: JournalRecord): void {
  switch (r.t) {
    case 'put': return ensure(catalog, r.ns).put(r.doc);
    case 'del': {
      const c = ensure(catalog, r.ns);
      const doc = c.get(r.id);
      if (doc) c.remove(doc);
      return;
    }
    case 'createCollection': return void ensure(catalog, r.ns, r.options);
    case 'dropCollection': return void catalog.drop(...splitNs(r.ns));
    case 'createIndex': {
      const c = ensure(catalog, r.ns);
      if (!c.findIndex(r.spec.name)) c.addIndex(r.spec);
      return;
    }
    case 'dropIndex': {
      const c = ensure(catalog, r.ns);
      if (c.findIndex(r.name)) c.dropIndex(r.name);
      return;
    }
    case 'dropDatabase': return catalog.dropDatabase(r.db);
  }
}

export function replay(catalog: Catalog, snapshot: SnapshotCollection[], records: JournalRecord[]): void {
  loadSnapshot(catalog, snapshot);
  for (const r of records) applyRecord(catalog, r);
  for (const c of catalog.all()) c.enforceUnique = true;
}
