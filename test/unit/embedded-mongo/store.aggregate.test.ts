// Aggregation: the supported stages, the planner under a leading $match, $lookup within a
// database, and refusals (238 for MongoDB features we do not implement, 40324 for unknown).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoError } from '../../../server/embedded-mongo/errors';
import { openStore } from '../../../server/embedded-mongo/store/store';
import type { Document, Store } from '../../../server/embedded-mongo/store/types';

let s: Store;
let dir: string;
const agg = (pipeline: Document[], coll = 'cases') => s.aggregate('db', coll, pipeline);
const code = async (p: Promise<unknown>) => { try { await p; } catch (e) { return (e as MongoError).code; } return 'no error'; };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duban-store-agg-'));
  s = await openStore({ dir });
  await s.insert('db', 'courts', [
    { _id: 'c1', name: 'First' }, { _id: 'c2', name: 'Second' },
  ], true);
  await s.insert('db', 'cases', [
    { _id: 1, court: 'c1', amount: 100, tags: ['a', 'b'], status: 'open' },
    { _id: 2, court: 'c1', amount: 50, tags: ['b'], status: 'closed' },
    { _id: 3, court: 'c2', amount: 70, tags: [], status: 'open' },
    { _id: 4, court: 'zz', amount: 10, status: 'open' },
  ], true);
  await s.createIndexes('db', 'cases', [{ key: { status: 1 }, name: 'status_1' }]);
});
afterAll(async () => { await s.close(); await rm(dir, { recursive: true, force: true }); });

describe('store aggregate: stages', () => {
  it('$match + $group + $sort', async () => {
    expect(await agg([
      { $match: { status: 'open' } },
      { $group: { _id: '$court', total: { $sum: '$amount' }, n: { $sum: 1 } } },
      { $sort: { total: -1 } },
    ])).toEqual([{ _id: 'c1', total: 100, n: 1 }, { _id: 'c2', total: 70, n: 1 }, { _id: 'zz', total: 10, n: 1 }]);
  });

  it('countDocuments shape ($match then $group) and $count', async () => {
    expect(await agg([{ $match: { status: 'open' } }, { $group: { _id: 1, n: { $sum: 1 } } }])).toEqual([{ _id: 1, n: 3 }]);
    expect(await agg([{ $match: { amount: { $gte: 50 } } }, { $count: 'n' }])).toEqual([{ n: 3 }]);
  });

  it('$project, $addFields/$set, $unset, $skip, $limit, $replaceRoot', async () => {
    expect(await agg([{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { amount: 1 } }]))
      .toEqual([{ _id: 2, amount: 50 }, { _id: 3, amount: 70 }]);
    expect(await agg([{ $match: { _id: 1 } }, { $set: { double: { $multiply: ['$amount', 2] } } }, { $unset: ['tags', 'status'] }]))
      .toEqual([{ _id: 1, court: 'c1', amount: 100, double: 200 }]);
    expect(await agg([{ $match: { _id: 2 } }, { $replaceRoot: { newRoot: { c: '$court' } } }])).toEqual([{ c: 'c1' }]);
  });

  it('$unwind, $sortByCount, $facet', async () => {
    expect(await agg([{ $unwind: '$tags' }, { $sortByCount: '$tags' }])).toEqual([{ _id: 'b', count: 2 }, { _id: 'a', count: 1 }]);
    expect(await agg([{ $facet: { open: [{ $match: { status: 'open' } }, { $count: 'n' }], max: [{ $sort: { amount: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }] } }]))
      .toEqual([{ open: [{ n: 3 }], max: [{ _id: 1 }] }]);
  });

  it('$lookup from a collection of the same database (indexed or not)', async () => {
    const out = await agg([{ $sort: { _id: 1 } }, { $lookup: { from: 'courts', localField: 'court', foreignField: '_id', as: 'courtDoc' } }, { $project: { 'courtDoc.name': 1 } }]);
    expect(out).toEqual([
      { _id: 1, courtDoc: [{ name: 'First' }] }, { _id: 2, courtDoc: [{ name: 'First' }] },
      { _id: 3, courtDoc: [{ name: 'Second' }] }, { _id: 4, courtDoc: [] },
    ]);
    const byName = await agg([{ $match: { _id: 'c1' } }, { $lookup: { from: 'cases', localField: '_id', foreignField: 'court', as: 'cases' } }], 'courts');
    expect((byName[0].cases as Document[]).map((c) => c._id)).toEqual([1, 2]);
  });

  it('$lookup with let + pipeline ($expr sees the variables)', async () => {
    const out = await agg([
      { $match: { _id: { $in: [1, 3] } } },
      { $lookup: { from: 'courts', let: { c: '$court' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$c'] } } }], as: 'ct' } },
      { $project: { name: { $first: '$ct.name' } } },
    ]);
    expect(out).toEqual([{ _id: 1, name: 'First' }, { _id: 3, name: 'Second' }]);
  });

  it('$count emits nothing for no input; int64 values aggregate as numbers', async () => {
    expect(await agg([{ $match: { status: 'none' } }, { $count: 'n' }])).toEqual([]);
    await s.insert('db', 'longs', [{ v: Long.fromNumber(5) }, { v: 2 }], true);
    expect(await agg([{ $group: { _id: null, t: { $sum: '$v' } } }], 'longs')).toEqual([{ _id: null, t: 7 }]);
  });

  it('does not let a pipeline modify stored documents', async () => {
    await agg([{ $match: { _id: 1 } }, { $set: { amount: 0, 'tags.0': 'x' } }]);
    expect(s.find('db', 'cases', { filter: { _id: 1 } }).docs[0]).toMatchObject({ amount: 100, tags: ['a', 'b'] });
  });

  it('sorts strings in UTF-8 order', async () => {
    await s.insert('db', 'strs', [{ s: '\uFF21' }, { s: '\u{1F600}' }, { s: 'a' }], true);
    expect((await agg([{ $sort: { s: 1 } }, { $project: { _id: 0 } }], 'strs')).map((d) => d.s)).toEqual(['a', '\uFF21', '\u{1F600}']);
  });
});

describe('store aggregate: refusals', () => {
  it('refuses MongoDB stages it does not implement with 238, naming the stage', async () => {
    for (const stage of [{ $out: 'x' }, { $merge: { into: 'x' } }, { $geoNear: {} }, { $changeStream: {} }, { $graphLookup: {} }]) {
      const err = await agg([stage]).catch((e: MongoError) => e);
      expect((err as MongoError).code).toBe(238);
      expect((err as MongoError).message).toContain(Object.keys(stage)[0]);
    }
  });

  it('rejects unknown stages (40324) and unknown query operators (2)', async () => {
    expect(await code(agg([{ $frobnicate: {} }]))).toBe(40324);
    expect(await code(agg([{ $match: { a: { $foo: 1 } } }]))).toBe(2);
  });

  it('refuses $where, $text, geo operators and server-side JavaScript everywhere', async () => {
    expect(await code(agg([{ $match: { $where: 'true' } }]))).toBe(238);
    expect(await code(agg([{ $match: { $text: { $search: 'x' } } }]))).toBe(238);
    expect(await code(agg([{ $match: { loc: { $geoWithin: {} } } }]))).toBe(238);
    expect(await code(agg([{ $facet: { a: [{ $match: { loc: { $nearSphere: [0, 0] } } }] } }]))).toBe(238);
    expect(await code(agg([{ $group: { _id: null, x: { $accumulator: {} } } }]))).toBe(238);
    expect(() => s.find('db', 'cases', { filter: { loc: { $geoIntersects: {} } } })).toThrow(expect.objectContaining({ code: 238 }) as unknown as Error);
  });
});
