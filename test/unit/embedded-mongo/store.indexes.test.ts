// Secondary indexes: unique (single, compound), sparse, partial; exact E11000 errors; no half
// writes; createIndexes/listIndexes/dropIndexes answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MongoError } from '../../../server/embedded-mongo/errors';
import { openStore } from '../../../server/embedded-mongo/store/store';
import type { Store } from '../../../server/embedded-mongo/store/types';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0)) await f(); });

async function fresh(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-store-ix-'));
  const store = await openStore({ dir });
  cleanup.push(async () => { await store.close(); await rm(dir, { recursive: true, force: true }); });
  return store;
}

const caught = async (p: Promise<unknown> | (() => unknown)) => {
  try { await (typeof p === 'function' ? p() : p); } catch (e) { return e as MongoError; }
  throw new Error('expected an error');
};

describe('store indexes: unique', () => {
  it('rejects a duplicate with keyPattern, keyValue and mongod errmsg, writing nothing', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'users', [{ key: { name: 1 }, name: 'name_1', unique: true }]);
    await s.insert('db', 'users', [{ _id: 1, name: 'x' }], true);
    const r = await s.insert('db', 'users', [{ _id: 2, name: 'x' }], true);
    expect(r.n).toBe(0);
    expect(r.writeErrors).toEqual([{
      index: 0, code: 11000,
      errmsg: 'E11000 duplicate key error collection: db.users index: name_1 dup key: { name: "x" }',
      keyPattern: { name: 1 }, keyValue: { name: 'x' },
    }]);
    expect(s.find('db', 'users', {}).docs).toEqual([{ _id: 1, name: 'x' }]);
    expect(s.find('db', 'users', { filter: { _id: 2 } }).docs).toEqual([]);
  });

  it('reports duplicate _id on the _id_ index', async () => {
    const s = await fresh();
    await s.insert('db', 'c', [{ _id: 'a' }], true);
    const r = await s.insert('db', 'c', [{ _id: 'a' }], true);
    expect(r.writeErrors[0]).toMatchObject({
      code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 'a' },
      errmsg: 'E11000 duplicate key error collection: db.c index: _id_ dup key: { _id: "a" }',
    });
  });

  it('checks compound unique keys as a whole and reports every field', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{ key: { court: 1, no: -1 }, name: 'court_1_no_-1', unique: true }]);
    await s.insert('db', 'c', [{ court: 'A', no: 1 }, { court: 'A', no: 2 }, { court: 'B', no: 1 }], true);
    const r = await s.insert('db', 'c', [{ court: 'A', no: 2 }], true);
    expect(r.writeErrors[0]).toMatchObject({
      code: 11000, keyPattern: { court: 1, no: -1 }, keyValue: { court: 'A', no: 2 },
      errmsg: 'E11000 duplicate key error collection: db.c index: court_1_no_-1 dup key: { court: "A", no: 2 }',
    });
  });

  it('treats missing fields as null: one document without the field at most', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{ key: { email: 1 }, name: 'email_1', unique: true }]);
    await s.insert('db', 'c', [{ _id: 1 }], true);
    const r = await s.insert('db', 'c', [{ _id: 2 }], true);
    expect(r.writeErrors[0]).toMatchObject({ code: 11000, keyValue: { email: null } });
  });

  it('sparse unique indexes skip documents without the field', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{ key: { email: 1 }, name: 'email_1', unique: true, sparse: true }]);
    const r = await s.insert('db', 'c', [{ _id: 1 }, { _id: 2 }, { _id: 3, email: 'a' }, { _id: 4, email: 'a' }], false);
    expect(r.n).toBe(3);
    expect(r.writeErrors).toHaveLength(1);
    expect(r.writeErrors[0].index).toBe(3);
  });

  it('partial unique indexes only constrain documents matching the filter', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{
      key: { caseNo: 1 }, name: 'caseNo_1', unique: true, partialFilterExpression: { open: { $eq: true } },
    }]);
    const r = await s.insert('db', 'c', [
      { caseNo: 1, open: false }, { caseNo: 1, open: false }, { caseNo: 1, open: true }, { caseNo: 1, open: true },
    ], false);
    expect(r.n).toBe(3);
    expect(r.writeErrors.map((e) => e.index)).toEqual([3]);
  });

  it('insertMany ordered stops at the first error; unordered continues', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{ key: { k: 1 }, name: 'k_1', unique: true }]);
    const docs = [{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }];
    const ordered = await s.insert('db', 'c', docs, true);
    expect(ordered.n).toBe(1);
    expect(ordered.writeErrors.map((e) => e.index)).toEqual([1]);
    await s.createIndexes('db', 'c2', [{ key: { k: 1 }, name: 'k_1', unique: true }]);
    const unordered = await s.insert('db', 'c2', docs.map((d) => ({ ...d })), false);
    expect(unordered.n).toBe(3);
    expect(unordered.writeErrors.map((e) => e.index)).toEqual([1, 3]);
  });

  it('an update that would duplicate a key changes nothing (no half write across indexes)', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [
      { key: { a: 1 }, name: 'a_1' },
      { key: { b: 1 }, name: 'b_1', unique: true },
    ]);
    await s.insert('db', 'c', [{ _id: 1, a: 1, b: 1 }, { _id: 2, a: 2, b: 2 }], true);
    const r = await s.update('db', 'c', [{ q: { _id: 2 }, u: { $set: { a: 9, b: 1 } } }], true);
    expect(r.writeErrors[0]).toMatchObject({ code: 11000, keyValue: { b: 1 } });
    expect(s.find('db', 'c', { filter: { a: 9 } }).docs).toEqual([]); // index a_1 untouched
    expect(s.find('db', 'c', { filter: { a: 2 } }).docs).toEqual([{ _id: 2, a: 2, b: 2 }]);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const s = await fresh();
    await s.insert('db', 'c', [{ k: 1 }, { k: 1 }], true);
    const e = await caught(s.createIndexes('db', 'c', [{ key: { k: 1 }, name: 'k_1', unique: true }]));
    expect(e.code).toBe(11000);
    expect(s.listIndexes('db', 'c')!.map((i) => i.name)).toEqual(['_id_']);
  });

  it('refuses documents with two array fields in one compound index (171)', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{ key: { a: 1, b: 1 }, name: 'a_1_b_1' }]);
    const r = await s.insert('db', 'c', [{ a: [1, 2], b: [3, 4] }], true);
    expect(r.writeErrors[0].code).toBe(171);
  });
});

describe('store indexes: DDL', () => {
  it('creates collections implicitly and lists _id_ first', async () => {
    const s = await fresh();
    const r = await s.createIndexes('db', 'c', [{ key: { a: 1 }, name: 'a_1', expireAfterSeconds: 60 }]);
    expect(r).toEqual({ createdCollectionAutomatically: true, numIndexesBefore: 1, numIndexesAfter: 2 });
    expect(s.listIndexes('db', 'c')).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1 }, name: 'a_1', expireAfterSeconds: 60 },
    ]);
    expect(s.listIndexes('db', 'nope')).toBeNull();
  });

  it('is a no-op for an identical spec; 86 for same name other key; 85 for same key other options', async () => {
    const s = await fresh();
    const spec = { key: { a: 1 as const }, name: 'a_1', unique: true };
    await s.createIndexes('db', 'c', [spec]);
    expect((await s.createIndexes('db', 'c', [spec])).numIndexesAfter).toBe(2);
    expect((await caught(s.createIndexes('db', 'c', [{ key: { b: 1 }, name: 'a_1' }]))).code).toBe(86);
    expect((await caught(s.createIndexes('db', 'c', [{ key: { a: 1 }, name: 'a_1' }]))).code).toBe(85);
    expect((await caught(s.createIndexes('db', 'c', [{ key: { a: 1 }, name: 'other' }]))).code).toBe(85);
  });

  it('refuses index kinds and options it does not implement (238)', async () => {
    const s = await fresh();
    for (const spec of [
      { key: { t: 'text' }, name: 't' }, { key: { g: '2dsphere' }, name: 'g' }, { key: { h: 'hashed' }, name: 'h' },
      { key: { '$**': 1 }, name: 'w' }, { key: { a: 1 }, name: 'c', collation: { locale: 'fr' } },
    ]) {
      expect((await caught(s.createIndexes('db', 'c', [spec as never]))).code).toBe(238);
    }
    expect((await caught(s.createIndexes('db', 'c', [{ key: { a: 1, b: 1 }, name: 'ab', expireAfterSeconds: 1 }]))).code).toBe(67);
  });

  it('drops indexes by name or all; never _id_; unknown names change nothing', async () => {
    const s = await fresh();
    await s.createIndexes('db', 'c', [{ key: { a: 1 }, name: 'a_1' }, { key: { b: 1 }, name: 'b_1' }]);
    expect((await caught(s.dropIndexes('db', 'c', ['a_1', 'zz']))).code).toBe(27);
    expect(s.listIndexes('db', 'c')).toHaveLength(3);
    expect((await caught(s.dropIndexes('db', 'c', ['_id_']))).code).toBe(72);
    expect(await s.dropIndexes('db', 'c', ['a_1'])).toEqual({ nIndexesWas: 3 });
    expect(await s.dropIndexes('db', 'c', '*')).toEqual({ nIndexesWas: 2 });
    expect(s.listIndexes('db', 'c')!.map((i) => i.name)).toEqual(['_id_']);
    expect((await caught(s.dropIndexes('db', 'missing', '*'))).code).toBe(26);
  });
});
