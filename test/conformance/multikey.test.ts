// A list keyed on an array field (the case list over every supervised court): `$in` on the array
// field + a sort on the next index field returns each document once, in order, and counts count
// documents, not index entries — as mongod does. On the embedded store the sort comes from the
// index (no in-memory sort) and the count from the index alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedded, openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
const day = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i));
beforeAll(async () => {
  target = await openTarget('multikey');
  db = target.db;
  const cases = db.collection('cases');
  await cases.createIndex({ courts: 1, createdAt: -1 });
  await cases.createIndex({ courts: 1, status: 1, firstDueAt: 1 });
  await cases.createIndex({ status: 1, courts: 1 }); // the array field after the equality prefix
  // 60 cases: every third one is also supervised by the 中院 above its 基层 court (a 交办).
  await cases.insertMany(Array.from({ length: 60 }, (_, i) => ({
    n: i,
    courts: i % 3 === 0 ? [`jc${i % 2}`, 'zy'] : [`jc${i % 2}`],
    status: i % 4 === 0 ? 'completed' : 'running',
    createdAt: day(i),
    firstDueAt: day(100 - i),
  })));
});
afterAll(() => target?.close());

const ns = (docs: { n: number }[]) => docs.map((d) => d.n);

describe('a multikey index in the equality prefix', () => {
  it('$in over several courts: each case once, newest first, paged without gaps or repeats', async () => {
    const filter = { courts: { $in: ['jc0', 'jc1', 'zy'] } };
    const pages = [];
    for (let skip = 0; skip < 60; skip += 25) {
      pages.push(...ns(await db.collection('cases').find(filter).sort({ createdAt: -1 }).skip(skip).limit(25).toArray() as never));
    }
    expect(pages).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
    expect(await db.collection('cases').countDocuments(filter)).toBe(60);
  });

  it('one court: the 中院 sees the 交办 cases of both 基层 courts; counts per court and status', async () => {
    const zy = ns(await db.collection('cases').find({ courts: 'zy' }).sort({ createdAt: -1 }).toArray() as never);
    expect(zy).toEqual(Array.from({ length: 20 }, (_, i) => 57 - 3 * i));
    expect(await db.collection('cases').countDocuments({ courts: 'zy' })).toBe(20);
    const running = (n: number) => n % 4 !== 0;
    expect(await db.collection('cases').countDocuments({ courts: 'zy', status: 'running' })).toBe(zy.filter(running).length);
    // Each 交办 case has two entries under its status: counted once.
    expect(await db.collection('cases').countDocuments({ status: 'running' })).toBe(Array.from({ length: 60 }, (_, i) => i).filter(running).length);
    expect(await db.collection('cases').countDocuments({ courts: { $in: ['jc0', 'zy'] }, status: 'running', firstDueAt: { $lte: day(70) } }))
      .toBe(Array.from({ length: 60 }, (_, i) => i).filter((i) => (i % 2 === 0 || i % 3 === 0) && running(i) && 100 - i <= 70).length);
  });

  it.runIf(embedded)('the embedded store sorts from the index and counts from it', async () => {
    const plan = await db.collection('cases').find({ courts: { $in: ['jc0', 'zy'] } }).sort({ createdAt: -1 }).limit(5).explain('queryPlanner') as never as {
      queryPlanner: { winningPlan: { stage?: string; inputStage?: { stage: string; indexName?: string } } };
    };
    expect(JSON.stringify(plan)).toContain('courts_1_createdAt_-1');
    expect(JSON.stringify(plan)).not.toMatch(/"stage":"SORT"/);
  });
});
