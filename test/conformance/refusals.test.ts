// What the embedded server does not implement must fail loudly, never succeed silently.
// Tests that also hold on a real MongoDB (the request fails there too) run everywhere; the
// others are features a real server has, so they run only against the embedded server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedded, openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
beforeAll(async () => {
  target = await openTarget('refusals');
  db = target.db;
  await db.collection('cases').insertOne({ caseNo: 'c1', text: '执行督办' });
});
afterAll(() => target?.close());

const failure = (action: () => Promise<unknown>) =>
  action().then(
    () => {
      throw new Error('expected the server to refuse this request');
    },
    (err: { code?: number; message: string }) => err,
  );

// Real MongoDB implements these (transactions on a replica set, $where, $out, collation...):
// only the embedded server must refuse them.
const itEmbedded = embedded ? it : it.skip;

describe('refusals on every server', () => {
  it('an unknown command is CommandNotFound', async () => {
    const err = await failure(() => db.command({ fooBar: 1 }));
    expect(err.code).toBe(59);
    expect(err.message).toMatch(/no such command: '?fooBar'?/);
  });

  it('$text without a text index fails', async () => {
    await failure(() => db.collection('cases').find({ $text: { $search: '督办' } }).toArray());
  });
});

describe('refusals of the embedded server', () => {
  itEmbedded('transactions (session.withTransaction) are refused with NotImplemented', async () => {
    const session = target.client.startSession();
    try {
      const err = await failure(() =>
        session.withTransaction(async () => {
          await db.collection('cases').insertOne({ caseNo: 'in-txn' }, { session });
        }),
      );
      expect(err.code).toBe(238);
      expect(err.message).toMatch(/transactions are not supported/);
    } finally {
      await session.endSession();
    }
    expect(await db.collection('cases').countDocuments({ caseNo: 'in-txn' })).toBe(0);
  });

  itEmbedded('commitTransaction and abortTransaction are refused', async () => {
    for (const name of ['commitTransaction', 'abortTransaction']) {
      const err = await failure(() => target.client.db('admin').command({ [name]: 1 }));
      expect(err.code).toBe(238);
    }
  });

  itEmbedded('$where is refused', async () => {
    const err = await failure(() => db.collection('cases').find({ $where: 'this.caseNo == "c1"' }).toArray());
    expect(err.message).toMatch(/\$where/);
  });

  itEmbedded('$text and geospatial queries are refused as not implemented', async () => {
    const text = await failure(() => db.collection('cases').find({ $text: { $search: '督办' } }).toArray());
    expect(text.code).toBe(238);
    const geo = await failure(() =>
      db.collection('cases').find({ loc: { $geoWithin: { $centerSphere: [[0, 0], 1] } } }).toArray(),
    );
    expect(geo.code).toBe(238);
  });

  itEmbedded('$out, $merge and change streams are refused', async () => {
    const cases = db.collection('cases');
    expect((await failure(() => cases.aggregate([{ $out: 'copy' }]).toArray())).code).toBe(238);
    expect((await failure(() => cases.aggregate([{ $merge: { into: 'copy' } }]).toArray())).code).toBe(238);
    expect((await failure(() => cases.aggregate([{ $facet: { a: [{ $out: 'x' }] } }]).toArray())).code).toBe(238);
    expect((await failure(() => cases.aggregate([{ $changeStream: {} }]).toArray())).code).toBe(238);
    expect(await db.listCollections({ name: 'copy' }).toArray()).toEqual([]);
  });

  itEmbedded('collation is refused on queries, updates, deletes and indexes', async () => {
    const cases = db.collection('cases');
    const collation = { locale: 'zh' };
    await failure(() => cases.find({}, { collation }).toArray());
    await failure(() => cases.updateOne({ caseNo: 'c1' }, { $set: { x: 1 } }, { collation }));
    await failure(() => cases.deleteMany({ caseNo: 'zzz' }, { collation }));
    await failure(() => cases.aggregate([], { collation }).toArray());
    await failure(() => cases.countDocuments({}, { collation }));
    await failure(() => cases.createIndex({ caseNo: 1 }, { collation }));
    expect(await cases.findOne({ caseNo: 'c1' }, { projection: { _id: 0, x: 1 } })).toEqual({});
  });

  itEmbedded('capped collections, mapReduce and text indexes are refused', async () => {
    expect((await failure(() => db.createCollection('log', { capped: true, size: 4096 }))).code).toBe(238);
    expect((await failure(() => db.command({ mapReduce: 'cases', map: 'function(){}', reduce: 'function(){}', out: { inline: 1 } }))).code).toBe(238);
    expect((await failure(() => db.collection('cases').createIndex({ text: 'text' }))).code).toBe(238);
  });
});
