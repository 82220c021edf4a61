// CRUD through the official driver: inserts, every update operator the application uses,
// upserts, findOneAndUpdate, deletes, counts, distinct, sort/skip/limit/projection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
beforeAll(async () => {
  target = await openTarget('crud');
  db = target.db;
});
afterAll(() => target?.close());

describe('insert and find', () => {
  it('inserts and reads documents back with their types', async () => {
    const at = new Date('2026-03-01T08:00:00Z');
    const { insertedId } = await db.collection('cases').insertOne({ caseNo: '(2026)琼执督1号', at, tags: ['a'], n: 3 });
    const found = await db.collection('cases').findOne({ _id: insertedId });
    expect(found).toEqual({ _id: insertedId, caseNo: '(2026)琼执督1号', at, tags: ['a'], n: 3 });
  });

  it('sorts, skips, limits and projects', async () => {
    const items = db.collection('items');
    await items.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i as never, rank: i % 3, name: `n${i}` })));
    const docs = await items.find({}, { projection: { name: 1, _id: 0 } }).sort({ rank: -1, _id: 1 }).skip(1).limit(3).toArray();
    expect(docs).toEqual([{ name: 'n5' }, { name: 'n8' }, { name: 'n1' }]);
    const excluded = await items.findOne({ _id: 4 as never }, { projection: { name: 0 } });
    expect(excluded).toEqual({ _id: 4, rank: 1 });
  });

  it('counts and lists distinct values', async () => {
    const items = db.collection('items');
    expect(await items.countDocuments({ rank: 1 })).toBe(3);
    expect(await items.countDocuments({}, { skip: 2, limit: 5 })).toBe(5);
    expect(await items.estimatedDocumentCount()).toBe(10);
    expect((await items.distinct('rank')).sort()).toEqual([0, 1, 2]);
    expect(await items.distinct('name', { rank: 2 })).toEqual(expect.arrayContaining(['n2', 'n5', 'n8']));
  });
});

describe('update operators', () => {
  const update = async (doc: object, change: object) => {
    const coll = db.collection('updates');
    const { insertedId } = await coll.insertOne({ ...doc });
    const result = await coll.updateOne({ _id: insertedId }, change);
    const { _id, ...rest } = (await coll.findOne({ _id: insertedId }))!;
    return { result, doc: rest };
  };

  it('$set, $unset and $inc', async () => {
    const { result, doc } = await update({ a: 1, b: 2, n: 5 }, { $set: { a: 10, 'c.d': 'x' }, $unset: { b: '' }, $inc: { n: 2 } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);
    expect(doc).toEqual({ a: 10, n: 7, c: { d: 'x' } });
  });

  it('$push with and without $each, $pull, $addToSet', async () => {
    expect((await update({ h: [1] }, { $push: { h: 2 } })).doc).toEqual({ h: [1, 2] });
    expect((await update({ h: [1] }, { $push: { h: { $each: [2, 3] } } })).doc).toEqual({ h: [1, 2, 3] });
    expect((await update({ h: [1, 2, 1, 3] }, { $pull: { h: 1 } })).doc).toEqual({ h: [2, 3] });
    expect((await update({ h: [{ k: 1 }, { k: 2 }] }, { $pull: { h: { k: 2 } } })).doc).toEqual({ h: [{ k: 1 }] });
    expect((await update({ s: ['a'] }, { $addToSet: { s: 'a' } })).doc).toEqual({ s: ['a'] });
    expect((await update({ s: ['a'] }, { $addToSet: { s: { $each: ['a', 'b'] } } })).doc).toEqual({ s: ['a', 'b'] });
  });

  it('reports nModified 0 when nothing changes', async () => {
    const { result } = await update({ a: 1 }, { $set: { a: 1 } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(0);
  });

  it('updateMany and replaceOne', async () => {
    const coll = db.collection('many');
    await coll.insertMany([{ k: 1, v: 0 }, { k: 1, v: 0 }, { k: 2, v: 0 }]);
    const many = await coll.updateMany({ k: 1 }, { $inc: { v: 1 } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 2]);
    const replaced = await coll.replaceOne({ k: 2 }, { k: 2, replaced: true });
    expect(replaced.modifiedCount).toBe(1);
    expect(await coll.findOne({ k: 2 }, { projection: { _id: 0 } })).toEqual({ k: 2, replaced: true });
  });
});

describe('upserts', () => {
  it('inserts from the filter, $set and $setOnInsert; an update ignores $setOnInsert', async () => {
    const coll = db.collection('upserts');
    const first = await coll.updateOne({ key: 'k1' }, { $set: { v: 1 }, $setOnInsert: { createdBy: 'a' } }, { upsert: true });
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeTruthy();
    const second = await coll.updateOne({ key: 'k1' }, { $set: { v: 2 }, $setOnInsert: { createdBy: 'b' } }, { upsert: true });
    expect([second.matchedCount, second.upsertedCount]).toEqual([1, 0]);
    expect(await coll.findOne({ key: 'k1' }, { projection: { _id: 0 } })).toEqual({ key: 'k1', v: 2, createdBy: 'a' });
  });

  it('findOneAndUpdate returns the document before or after, and upserts', async () => {
    const coll = db.collection('fam');
    await coll.insertOne({ _id: 'x' as never, n: 1 });
    const before = await coll.findOneAndUpdate({ _id: 'x' as never }, { $inc: { n: 1 } }, { returnDocument: 'before' });
    expect(before).toEqual({ _id: 'x', n: 1 });
    const after = await coll.findOneAndUpdate({ _id: 'x' as never }, { $inc: { n: 1 } }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 'x', n: 3 });
    const missing = await coll.findOneAndUpdate({ _id: 'y' as never }, { $set: { n: 1 } });
    expect(missing).toBeNull();
    const upserted = await coll.findOneAndUpdate({ _id: 'z' as never }, { $set: { n: 9 } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toEqual({ _id: 'z', n: 9 });
    const meta = await coll.findOneAndUpdate({ _id: 'x' as never }, { $set: { m: 1 } }, { includeResultMetadata: true });
    expect(meta.lastErrorObject?.updatedExisting).toBe(true);
  });

  it('findOneAndUpdate honours sort, findOneAndDelete and findOneAndReplace', async () => {
    const coll = db.collection('famsort');
    await coll.insertMany([{ q: 1, due: 3 }, { q: 1, due: 1 }, { q: 1, due: 2 }]);
    const claimed = await coll.findOneAndUpdate({ q: 1 }, { $set: { claimed: true } }, { sort: { due: 1 }, returnDocument: 'after', projection: { _id: 0 } });
    expect(claimed).toEqual({ q: 1, due: 1, claimed: true });
    const deleted = await coll.findOneAndDelete({ due: 3 }, { projection: { _id: 0 } });
    expect(deleted).toEqual({ q: 1, due: 3 });
    const replaced = await coll.findOneAndReplace({ due: 2 }, { q: 2 }, { returnDocument: 'after', projection: { _id: 0 } });
    expect(replaced).toEqual({ q: 2 });
  });
});

describe('delete', () => {
  it('deleteOne and deleteMany', async () => {
    const coll = db.collection('deletes');
    await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await coll.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect((await coll.deleteMany({ k: 3 })).deletedCount).toBe(0);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('bulkWrite mixes operations', async () => {
    const coll = db.collection<{ _id: number; v?: number }>('bulk');
    const result = await coll.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 2 } } } },
      { updateOne: { filter: { _id: 2 }, update: { $set: { v: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 1 } } },
    ]);
    expect([result.insertedCount, result.modifiedCount, result.upsertedCount, result.deletedCount]).toEqual([1, 1, 1, 1]);
  });
});
