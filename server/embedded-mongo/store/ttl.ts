// TTL: documents whose indexed date (the earliest, for an array of dates) is more than
// expireAfterSeconds in the past. Found by a range scan over the index's Date keys, so a sweep
// costs in proportion to what expired, not to the collection size.
import type { Catalog } from './catalog';
import type { Collection } from './collection';
import { Rank, TypeBound } from './values';
import type { Document } from './types';

export function expiredDocs(catalog: Catalog, nowMs: number): { coll: Collection; docs: Document[] }[] {
  const out: { coll: Collection; docs: Document[] }[] = [];
  for (const coll of catalog.all()) {
    const ids = new Set<string>();
    for (const ix of coll.indexes) {
      const secs = ix.spec.expireAfterSeconds;
      if (secs === undefined) continue;
      const cutoff = new Date(nowMs - secs * 1000);
      const bounds = { eq: [], lo: { v: new TypeBound(Rank.Date, false), inc: true }, hi: { v: cutoff, inc: false } };
      for (const e of ix.scan(bounds)) ids.add(e.r);
    }
    const docs = [...ids].flatMap((r) => (coll.docs.has(r) ? [coll.docs.get(r)!] : []));
    if (docs.length) out.push({ coll, docs });
  }
  return out;
}
