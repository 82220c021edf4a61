// Aggregation stages the application uses for statistics and lookups.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
beforeAll(async () => {
  target = await openTarget('aggregate');
  db = target.db;
  await db.collection('courts').insertMany([
    { _id: 'hn' as never, name: '海南高院', level: '高院' },
    { _id: 'hk' as never, name: '海口中院', level: '中院' },
  ]);
  await db.collection('cases').insertMany([
    { n: 1, court: 'hn', status: 'open', days: 5, tags: ['a', 'b'] },
    { n: 2, court: 'hn', status: 'closed', days: 10, tags: ['b'] },
    { n: 3, court: 'hk', status: 'open', days: 7, tags: [] },
    { n: 4, court: 'hk', status: 'open', days: 1, tags: ['a'] },
  ]);
});
afterAll(() => target?.close());

const cases = () => db.collection('cases');

describe('aggregate', () => {
  it('$match, $group, $sort', async () => {
    const rows = await cases()
      .aggregate([{ $match: { status: 'open' } }, { $group: { _id: '$court', total: { $sum: '$days' }, n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(rows).toEqual([{ _id: 'hk', total: 8, n: 2 }, { _id: 'hn', total: 5, n: 1 }]);
  });

  it('$sort, $skip, $limit, $project', async () => {
    const rows = await cases().aggregate([{ $sort: { n: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, n: 1, long: { $gt: ['$days', 5] } } }]).toArray();
    expect(rows).toEqual([{ n: 3, long: true }, { n: 2, long: true }]);
  });

  it('$count and countDocuments', async () => {
    expect(await cases().aggregate([{ $match: { court: 'hk' } }, { $count: 'total' }]).toArray()).toEqual([{ total: 2 }]);
    expect(await cases().countDocuments({ tags: 'a' })).toBe(2);
  });

  it('$unwind', async () => {
    const rows = await cases().aggregate([{ $unwind: '$tags' }, { $group: { _id: '$tags', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(rows).toEqual([{ _id: 'a', n: 2 }, { _id: 'b', n: 2 }]);
  });

  it('$lookup joins another collection', async () => {
    const rows = await cases()
      .aggregate([
        { $match: { n: { $in: [1, 3] } } },
        { $sort: { n: 1 } },
        { $lookup: { from: 'courts', localField: 'court', foreignField: '_id', as: 'courtDoc' } },
        { $project: { _id: 0, n: 1, courtName: { $first: '$courtDoc.name' } } },
      ])
      .toArray();
    expect(rows).toEqual([{ n: 1, courtName: '海南高院' }, { n: 3, courtName: '海口中院' }]);
  });

  it('$facet runs several pipelines over the same input', async () => {
    const [row] = await cases()
      .aggregate([
        {
          $facet: {
            byStatus: [{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            total: [{ $count: 'n' }],
          },
        },
      ])
      .toArray();
    expect(row).toEqual({ byStatus: [{ _id: 'closed', n: 1 }, { _id: 'open', n: 3 }], total: [{ n: 4 }] });
  });

  it('an empty collection aggregates to nothing', async () => {
    expect(await db.collection('none').aggregate([{ $match: {} }]).toArray()).toEqual([]);
  });
});
