// find / count / distinct over one collection: plan, re-check each candidate with the filter,
// sort (unless the index order already is the sort, in which case skip+limit stop the scan
// early), then project. Returned documents are the stored objects: callers must not mutate.
import { keyString } from './keystring';
import { MISSING, pathValues } from './paths';
import { countByIndex, planQuery, type Hint } from './planner';
import { compileFilter, project } from './query';
import { normalizeSort, sortDocs } from './sort';
import { compareValues } from './values';
import type { Collection } from './collection';
import type { Document, FindQuery, QueryPlan } from './types';

const EMPTY_PLAN = (): QueryPlan => ({ stage: 'COLLSCAN', keysExamined: 0, docsExamined: 0, sortedByIndex: false });

export function findDocs(coll: Collection | undefined, q: FindQuery): { docs: Document[]; plan: QueryPlan } {
  const filter = q.filter ?? {};
  const match = compileFilter(filter);
  const sort = normalizeSort(q.sort);
  if (!coll) return { docs: [], plan: EMPTY_PLAN() };
  const { plan, candidates, sortedByIndex } = planQuery(coll, filter, sort, q.hint as Hint);
  const skip = Math.max(0, q.skip ?? 0);
  const limit = Math.abs(q.limit ?? 0);
  let docs: Document[] = [];
  if (!sort || sortedByIndex) {
    let skipped = 0;
    for (const d of candidates()) {
      plan.docsExamined++;
      if (!match(d)) continue;
      if (skipped < skip) { skipped++; continue; }
      docs.push(d);
      if (limit && docs.length >= limit) break;
    }
  } else {
    for (const d of candidates()) {
      plan.docsExamined++;
      if (match(d)) docs.push(d);
    }
    docs = sortDocs(docs, sort).slice(skip, limit ? skip + limit : undefined);
  }
  return { docs: project(docs, q.projection, filter), plan };
}

export function countDocs(coll: Collection | undefined, filter: Document, skip = 0, limit = 0): number {
  if (!coll) {
    compileFilter(filter); // still validate
    return 0;
  }
  compileFilter(filter); // validates, whichever way it is counted
  let n = Object.keys(filter).length === 0 ? coll.docs.size
    : countByIndex(coll, filter) ?? findDocs(coll, { filter }).docs.length;
  n = Math.max(0, n - Math.max(0, skip));
  return limit ? Math.min(n, Math.abs(limit)) : n;
}

export function distinctValues(coll: Collection | undefined, key: string, filter: Document): unknown[] {
  const { docs } = findDocs(coll, { filter });
  const seen = new Map<string, unknown>();
  for (const d of docs) {
    for (const v of pathValues(d, key).values) {
      if (v === MISSING) continue;
      const vals = Array.isArray(v) && v.length === 0 ? [] : [v];
      for (const x of vals) if (!seen.has(keyString(x))) seen.set(keyString(x), x);
    }
  }
  return [...seen.values()].sort(compareValues);
}
