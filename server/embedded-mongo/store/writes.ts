// The per-statement write logic: insert one document, run one update or delete statement,
// findAndModify. Each validates first, changes one document at a time atomically (see
// collection.ts) and appends the journal records describing what it changed.
import { MongoError, Codes, notImplemented } from '../errors';
import { docSize, MAX_DOC_BYTES, type Collection } from './collection';
import type { JournalRecord } from './durability.types';
import { cloneValue } from './paths';
import { planQuery, type Hint } from './planner';
import { compileFilter, project } from './query';
import { normalizeSort, sortDocs } from './sort';
import { applyOperators, applyReplacement, isReplacement, upsertSeed, validateOperators, withIdFirst } from './update';
import { isPlainObject, sameValue } from './values';
import type { DeleteStatement, Document, FindAndModifyArgs, FindAndModifyResult, UpdateStatement } from './types';

export interface WriteCtx {
  coll: Collection;
  records: JournalRecord[];
  now: Date;
}

function checkSize(doc: Document, what: string): number {
  const size = docSize(doc);
  if (size > MAX_DOC_BYTES) {
    throw new MongoError(Codes.BSONObjectTooLarge, `${what} too large. size in bytes: ${size}, max size: ${MAX_DOC_BYTES}`);
  }
  return size;
}

export function insertOne(w: WriteCtx, raw: unknown): void {
  if (!isPlainObject(raw)) throw new MongoError(Codes.BadValue, 'document to insert must be an object');
  for (const k of Object.keys(raw)) {
    if (k.startsWith('$')) throw new MongoError(Codes.BadValue, `Document can't have $ prefixed field names: ${k}`);
  }
  const doc = withIdFirst(cloneValue(raw));
  w.coll.insert(doc, checkSize(doc, 'object to insert'));
  w.records.push({ t: 'put', ns: w.coll.ns, doc });
}

function matching(coll: Collection, filter: Document, opts: { sort?: unknown; hint?: unknown; one: boolean }): Document[] {
  const match = compileFilter(filter);
  const sort = normalizeSort(opts.sort);
  const { candidates, sortedByIndex } = planQuery(coll, filter, sort, opts.hint as Hint);
  const out: Document[] = [];
  const stopEarly = opts.one && (!sort || sortedByIndex);
  for (const d of candidates()) {
    if (!match(d)) continue;
    out.push(d);
    if (stopEarly) break;
  }
  return sort && !sortedByIndex ? sortDocs(out, sort).slice(0, opts.one ? 1 : undefined) : out;
}

/** Replaces `doc` by its updated version; false when the update changed nothing. */
function store(w: WriteCtx, doc: Document, next: Document): boolean {
  if (sameValue(doc, next)) return false;
  const size = checkSize(next, 'Resulting document after update is larger than 16777216; document');
  w.coll.replace(doc, next, size);
  w.records.push({ t: 'put', ns: w.coll.ns, doc: next });
  return true;
}

function updated(doc: Document, u: Document | Document[], q: Document, arrayFilters: Document[] | undefined, now: Date): Document {
  return isReplacement(u) ? applyReplacement(doc, u as Document)
    : applyOperators(doc, u as Document, { query: q, arrayFilters, inserting: false, now });
}

function upsert(w: WriteCtx, q: Document, u: Document | Document[], arrayFilters: Document[] | undefined): Document {
  const seed = upsertSeed(q);
  const doc = isReplacement(u)
    ? withIdFirst(applyReplacement(undefined, { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...(u as Document) }))
    : withIdFirst(applyOperators(seed, u as Document, { query: q, arrayFilters, inserting: true, now: w.now }));
  w.coll.insert(doc, checkSize(doc, 'object to insert'));
  w.records.push({ t: 'put', ns: w.coll.ns, doc });
  return doc;
}

/** Statement checks done even when nothing matches (as mongod parses before it executes). */
export function checkUpdate(st: UpdateStatement): void {
  if (st.collation !== undefined) throw notImplemented('collation');
  compileFilter(st.q);
  const replacement = isReplacement(st.u);
  if (replacement && st.multi) throw new MongoError(Codes.FailedToParse, 'multi update is not supported for replacement-style update');
  if (!replacement) validateOperators(st.u as Document, st.arrayFilters);
}

export function updateOne(w: WriteCtx, st: UpdateStatement): { n: number; nModified: number; upserted?: unknown } {
  checkUpdate(st);
  const docs = matching(w.coll, st.q, { hint: st.hint, one: !st.multi });
  let nModified = 0;
  for (const doc of docs) {
    if (store(w, doc, updated(doc, st.u, st.q, st.arrayFilters, w.now))) nModified++;
  }
  if (docs.length === 0 && st.upsert) {
    return { n: 1, nModified: 0, upserted: upsert(w, st.q, st.u, st.arrayFilters)._id };
  }
  return { n: docs.length, nModified };
}

export function deleteMany(w: WriteCtx, st: DeleteStatement): number {
  if (st.collation !== undefined) throw notImplemented('collation');
  const docs = matching(w.coll, st.q, { one: st.limit === 1 });
  for (const doc of docs) {
    w.coll.remove(doc);
    w.records.push({ t: 'del', ns: w.coll.ns, id: doc._id });
  }
  return docs.length;
}

export function findAndModify(w: WriteCtx, a: FindAndModifyArgs): FindAndModifyResult {
  if (a.remove && a.update !== undefined) throw new MongoError(Codes.FailedToParse, 'Cannot specify both an update and remove=true');
  if (a.remove && a.upsert) throw new MongoError(Codes.FailedToParse, 'Cannot specify both upsert=true and remove=true');
  if (!a.remove && a.update === undefined) throw new MongoError(Codes.FailedToParse, 'Either an update or remove=true must be specified');
  const q = a.query ?? {};
  if (a.update !== undefined && !isReplacement(a.update)) validateOperators(a.update as Document, a.arrayFilters);
  const [doc] = matching(w.coll, q, { sort: a.sort, one: true });
  const shape = (d: Document | null) => (d ? project([d], a.fields, q)[0] : null);
  if (a.remove) {
    if (doc) deleteMany(w, { q: { _id: doc._id }, limit: 1 });
    return { value: shape(doc ?? null), lastErrorObject: { n: doc ? 1 : 0 } };
  }
  if (doc) {
    const next = updated(doc, a.update!, q, a.arrayFilters, w.now);
    store(w, doc, next);
    return { value: shape(a.new ? next : doc), lastErrorObject: { n: 1, updatedExisting: true } };
  }
  if (!a.upsert) return { value: null, lastErrorObject: { n: 0, updatedExisting: false } };
  const inserted = upsert(w, q, a.update!, a.arrayFilters);
  return { value: a.new ? shape(inserted) : null, lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id } };
}
