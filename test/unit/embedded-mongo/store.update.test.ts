// Update operators, upserts and findAndModify with MongoDB's semantics and error codes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long, Timestamp } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoError } from '../../../server/embedded-mongo/errors';
import { openStore } from '../../../server/embedded-mongo/store/store';
import type { Document, Store } from '../../../server/embedded-mongo/store/types';

let s: Store;
let dir: string;
let seq = 0;
const NOW = Date.UTC(2026, 0, 5, 8, 0, 0);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duban-store-up-'));
  s = await openStore({ dir, clock: () => NOW });
});
afterAll(async () => { await s.close(); await rm(dir, { recursive: true, force: true }); });

/** Inserts `doc` into a fresh collection, applies `u`, returns the stored result. */
async function apply(doc: Document, u: Document | Document[], extra: Partial<{ q: Document; arrayFilters: Document[] }> = {}) {
  const coll = `c${++seq}`;
  await s.insert('db', coll, [{ _id: 1, ...doc }], true);
  const r = await s.update('db', coll, [{ q: extra.q ?? { _id: 1 }, u, arrayFilters: extra.arrayFilters }], true);
  if (r.writeErrors.length) throw Object.assign(new Error(r.writeErrors[0].errmsg), r.writeErrors[0]);
  return { doc: s.find('db', coll, { filter: { _id: 1 } }).docs[0], r };
}
const code = async (p: Promise<unknown>) => { try { await p; } catch (e) { return (e as MongoError).code; } return 'no error'; };

describe('store update: field operators', () => {
  it('$set keeps existing fields in place and appends new ones in path order', async () => {
    const { doc } = await apply({ a: 1, b: 2 }, { $set: { z: 1, y: 1, a: 5 } });
    expect(Object.keys(doc)).toEqual(['_id', 'a', 'b', 'y', 'z']);
    expect(doc).toEqual({ _id: 1, a: 5, b: 2, y: 1, z: 1 });
  });

  it('$set creates embedded documents and pads arrays with null', async () => {
    expect((await apply({ a: [1] }, { $set: { 'x.y.z': 1, 'a.3': 9 } })).doc).toEqual({ _id: 1, a: [1, null, null, 9], x: { y: { z: 1 } } });
  });

  it('$set into a scalar is error 28 PathNotViable', async () => {
    expect(await code(apply({ a: 1 }, { $set: { 'a.b': 1 } }))).toBe(28);
  });

  it('$unset removes fields (and nulls array elements)', async () => {
    expect((await apply({ a: 1, b: [1, 2], c: 3 }, { $unset: { a: '', 'b.0': '', missing: '' } })).doc).toEqual({ _id: 1, b: [null, 2], c: 3 });
  });

  it('$inc and $mul: numbers, missing fields, Long arithmetic', async () => {
    expect((await apply({ n: 1 }, { $inc: { n: 2, m: 5 } })).doc).toEqual({ _id: 1, n: 3, m: 5 });
    expect((await apply({ n: 3 }, { $mul: { n: 2, m: 5 } })).doc).toEqual({ _id: 1, n: 6, m: 0 });
    const big = (await apply({ n: Long.fromString('9007199254740993') }, { $inc: { n: 1 } })).doc;
    expect(String(big.n)).toBe('9007199254740994');
  });

  it('$inc on a string is error 14 TypeMismatch (mingo would ignore it)', async () => {
    expect(await code(apply({ n: 'x' }, { $inc: { n: 1 } }))).toBe(14);
    expect(await code(apply({ n: 1 }, { $inc: { n: 'x' } }))).toBe(14);
  });

  it('$inc overflowing int64 is an error', async () => {
    expect(await code(apply({ n: Long.MAX_VALUE }, { $inc: { n: 1 } }))).toBe(2);
  });

  it('$min / $max compare across types; $rename moves a field to the end', async () => {
    expect((await apply({ lo: 5, hi: 5, s: 'x' }, { $min: { lo: 3, s: 1 }, $max: { hi: 9, new: 1 } })).doc)
      .toEqual({ _id: 1, lo: 3, hi: 9, s: 1, new: 1 }); // a number sorts before a string
    expect(await code(apply({ a: 1 }, { $min: { a: 0 }, $max: { a: 2 } }))).toBe(40);
    const { doc } = await apply({ a: 1, b: 2, nested: { x: 1 } }, { $rename: { a: 'z', 'nested.x': 'nested.y' } });
    expect(doc).toEqual({ _id: 1, b: 2, nested: { y: 1 }, z: 1 });
    expect(Object.keys(doc)).toEqual(['_id', 'b', 'nested', 'z']);
  });

  it('$currentDate sets a date or a timestamp from the clock', async () => {
    const { doc } = await apply({}, { $currentDate: { d: true, t: { $type: 'timestamp' } } });
    expect(doc.d).toEqual(new Date(NOW));
    expect(doc.t).toBeInstanceOf(Timestamp);
    expect((doc.t as Timestamp).t).toBe(NOW / 1000);
  });

  it('changing _id is error 66; setting the same _id is fine', async () => {
    expect(await code(apply({}, { $set: { _id: 2 } }))).toBe(66);
    expect((await apply({ a: 1 }, { $set: { _id: 1, a: 2 } })).doc).toEqual({ _id: 1, a: 2 });
  });

  it('unknown operator -> 9, pipeline update -> 238, conflicting paths -> 40', async () => {
    expect(await code(apply({}, { $foo: { a: 1 } }))).toBe(9);
    expect(await code(apply({}, [{ $set: { a: 1 } }]))).toBe(238);
    expect(await code(apply({}, { $set: { a: 1 }, $inc: { 'a.b': 1 } }))).toBe(40);
  });

  it('counts nModified only when the document changed', async () => {
    expect((await apply({ a: 1 }, { $set: { a: 1 } })).r).toMatchObject({ n: 1, nModified: 0 });
    expect((await apply({ a: 1 }, { $set: { a: 2 } })).r).toMatchObject({ n: 1, nModified: 1 });
  });
});

describe('store update: array operators', () => {
  it('$push with $each, $position, $sort and $slice', async () => {
    expect((await apply({ a: [3, 1] }, { $push: { a: 2 } })).doc.a).toEqual([3, 1, 2]);
    expect((await apply({ a: [3, 1] }, { $push: { a: { $each: [9, 8], $position: 0 } } })).doc.a).toEqual([9, 8, 3, 1]);
    expect((await apply({ a: [3, 1] }, { $push: { a: { $each: [5, 2], $sort: 1, $slice: 3 } } })).doc.a).toEqual([1, 2, 3]);
    expect((await apply({ a: [{ n: 2 }, { n: 1 }] }, { $push: { a: { $each: [{ n: 3 }], $sort: { n: -1 }, $slice: -2 } } })).doc.a)
      .toEqual([{ n: 2 }, { n: 1 }]);
    expect((await apply({}, { $push: { a: 1 } })).doc.a).toEqual([1]);
    expect(await code(apply({ a: 1 }, { $push: { a: 1 } }))).toBe(2);
  });

  it('$addToSet (with $each) uses MongoDB equality', async () => {
    expect((await apply({ a: [1, 2] }, { $addToSet: { a: { $each: [2, 3, 3] } } })).doc.a).toEqual([1, 2, 3]);
    expect((await apply({ a: [{ x: 1, y: 2 }] }, { $addToSet: { a: { y: 2, x: 1 } } })).doc.a).toHaveLength(2);
  });

  it('$pull with values and conditions, $pullAll, $pop', async () => {
    expect((await apply({ a: [1, 2, 3, 2] }, { $pull: { a: 2 } })).doc.a).toEqual([1, 3]);
    expect((await apply({ a: [1, 5, 9] }, { $pull: { a: { $gte: 5 } } })).doc.a).toEqual([1]);
    expect((await apply({ a: [{ x: 1, y: 1 }, { x: 2 }] }, { $pull: { a: { x: 1 } } })).doc.a).toEqual([{ x: 2 }]);
    expect((await apply({ a: [1, 2, 3, 1] }, { $pullAll: { a: [1, 3] } })).doc.a).toEqual([2]);
    expect((await apply({ a: [1, 2, 3] }, { $pop: { a: 1 } })).doc.a).toEqual([1, 2]);
    expect((await apply({ a: [1, 2, 3] }, { $pop: { a: -1 } })).doc.a).toEqual([2, 3]);
    expect(await code(apply({ a: 1 }, { $pop: { a: 1 } }))).toBe(14);
  });

  it('positional $, all-elements $[] and filtered $[id]', async () => {
    const items = [{ k: 1, n: 0 }, { k: 2, n: 0 }, { k: 3, n: 0 }];
    expect((await apply({ items }, { $inc: { 'items.$.n': 1 } }, { q: { _id: 1, 'items.k': 2 } })).doc.items)
      .toEqual([{ k: 1, n: 0 }, { k: 2, n: 1 }, { k: 3, n: 0 }]);
    expect((await apply({ items }, { $set: { 'items.$[].n': 7 } })).doc.items.map((i: Document) => i.n)).toEqual([7, 7, 7]);
    expect((await apply({ items }, { $set: { 'items.$[big].n': 5 } }, { arrayFilters: [{ 'big.k': { $gte: 2 } }] })).doc.items)
      .toEqual([{ k: 1, n: 0 }, { k: 2, n: 5 }, { k: 3, n: 5 }]);
    expect(await code(apply({ items }, { $set: { 'items.$.n': 1 } }))).toBe(2); // query names no array field
  });
});

describe('store update: upserts and findAndModify', () => {
  it('seeds the new document from query equality fields, applies $setOnInsert only on insert', async () => {
    const r = await s.update('db', 'ups', [{
      q: { caseNo: 'A-1', 'court.code': 'X', n: { $gt: 1 }, $and: [{ kind: { $eq: 'k' } }] },
      u: { $set: { status: 'open' }, $setOnInsert: { createdAt: 1 }, $inc: { hits: 1 } }, upsert: true,
    }], true);
    expect(r.n).toBe(1);
    expect(r.upserted).toHaveLength(1);
    const [doc] = s.find('db', 'ups', { filter: { caseNo: 'A-1' } }).docs;
    expect(doc).toEqual({ _id: r.upserted[0]._id, caseNo: 'A-1', court: { code: 'X' }, kind: 'k', createdAt: 1, hits: 1, status: 'open' });
    const again = await s.update('db', 'ups', [{
      q: { caseNo: 'A-1' }, u: { $set: { status: 'closed' }, $setOnInsert: { createdAt: 2 } }, upsert: true,
    }], true);
    expect(again).toMatchObject({ n: 1, nModified: 1, upserted: [] });
    expect(s.find('db', 'ups', { filter: { caseNo: 'A-1' } }).docs[0]).toMatchObject({ createdAt: 1, status: 'closed' });
  });

  it('replacement upserts take _id from the query; replacements keep _id', async () => {
    await s.update('db', 'rep', [{ q: { _id: 'k' }, u: { v: 1 }, upsert: true }], true);
    expect(s.find('db', 'rep', {}).docs).toEqual([{ _id: 'k', v: 1 }]);
    await s.update('db', 'rep', [{ q: { v: 1 }, u: { w: 2 } }], true);
    expect(s.find('db', 'rep', {}).docs).toEqual([{ _id: 'k', w: 2 }]);
    const r = await s.update('db', 'rep', [{ q: { _id: 'k' }, u: { _id: 'other' } }], true);
    expect(r.writeErrors[0].code).toBe(66);
  });

  it('multi updates every match; collation is refused', async () => {
    await s.insert('db', 'multi', [{ g: 1 }, { g: 1 }, { g: 2 }], true);
    expect(await s.update('db', 'multi', [{ q: { g: 1 }, u: { $set: { seen: true } }, multi: true }], true))
      .toMatchObject({ n: 2, nModified: 2 });
    const r = await s.update('db', 'multi', [{ q: {}, u: { $set: { a: 1 } }, collation: { locale: 'fr' } }], true);
    expect(r.writeErrors[0].code).toBe(238);
  });

  it('findAndModify returns the old or new document, upserts, removes', async () => {
    await s.insert('db', 'fam', [{ _id: 1, n: 1 }, { _id: 2, n: 5 }], true);
    const before = await s.findAndModify('db', 'fam', { query: {}, sort: { n: -1 }, update: { $inc: { n: 1 } } });
    expect(before).toEqual({ value: { _id: 2, n: 5 }, lastErrorObject: { n: 1, updatedExisting: true } });
    const after = await s.findAndModify('db', 'fam', { query: { _id: 1 }, update: { $inc: { n: 1 } }, new: true, fields: { n: 1, _id: 0 } });
    expect(after.value).toEqual({ n: 2 });
    const up = await s.findAndModify('db', 'fam', { query: { _id: 3 }, update: { $set: { n: 0 } }, upsert: true, new: true });
    expect(up).toEqual({ value: { _id: 3, n: 0 }, lastErrorObject: { n: 1, updatedExisting: false, upserted: 3 } });
    const gone = await s.findAndModify('db', 'fam', { query: { _id: 3 }, remove: true });
    expect(gone).toEqual({ value: { _id: 3, n: 0 }, lastErrorObject: { n: 1 } });
    expect(s.count('db', 'fam', {})).toBe(2);
  });

  it('deletes one or many', async () => {
    await s.insert('db', 'del', [{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }], true);
    expect(await s.delete('db', 'del', [{ q: { g: 1 }, limit: 1 }], true)).toEqual({ n: 1, writeErrors: [] });
    expect(await s.delete('db', 'del', [{ q: { g: 1 }, limit: 0 }], true)).toEqual({ n: 2, writeErrors: [] });
    expect(s.count('db', 'del', {})).toBe(1);
  });
});
