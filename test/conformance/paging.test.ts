// Paged lists the way the platform asks for them: an $in over courts, sorted by a later field
// of the same index, skipped and limited; and counts of such filters. The embedded store
// answers the first by merging one index scan per $in value (mongod's SORT_MERGE) and the
// second from index positions (COUNT_SCAN); both must give mongod's answers, which the
// reference in this test computes from the whole collection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedded, openTarget, planStages, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
const COURTS = ['a', 'b', 'c', 'd'];
const STATUS = ['running', 'completed'];
interface Row { _id: number; court: string; status: string; createdAt: Date; due: Date | null; note: string }
const rows: Row[] = Array.from({ length: 400 }, (_, i) => ({
  _id: i,
  court: COURTS[(i * 7) % 4],
  status: STATUS[i % 3 === 0 ? 1 : 0],
  createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 37) % 400) * 3_600_000),
  due: i % 5 === 0 ? null : new Date(Date.UTC(2026, 1, 1) + ((i * 13) % 97) * 86_400_000),
  note: `n${i % 3}`,
}));

beforeAll(async () => {
  target = await openTarget('paging');
  db = target.db;
  const c = db.collection<Row>('cases');
  await c.createIndex({ court: 1, createdAt: -1 });
  await c.createIndex({ court: 1, status: 1, due: 1 });
  await c.insertMany(rows);
});
afterAll(() => target?.close());

const byCreatedDesc = (a: Row, b: Row) => +b.createdAt - +a.createdAt || a._id - b._id;

describe('paged lists over an $in of courts', () => {
  it('sorts across the courts, skips and limits as mongod does', async () => {
    const courts = ['a', 'c', 'd'];
    const want = rows.filter((r) => courts.includes(r.court)).sort(byCreatedDesc);
    for (const skip of [0, 20, 280]) {
      const got = await db.collection<Row>('cases').find({ court: { $in: courts } })
        .sort({ createdAt: -1, _id: 1 }).skip(skip).limit(20).toArray();
      // Ties on createdAt are allowed in any order by mongod; compare the sort keys.
      expect(got.map((r) => +r.createdAt)).toEqual(want.slice(skip, skip + 20).map((r) => +r.createdAt));
    }
  });

  it('sorts by a range field after equality on two fields', async () => {
    const now = new Date(Date.UTC(2026, 2, 1));
    const filter = { court: { $in: ['b', 'd'] }, status: 'running', due: { $lte: now } };
    const want = rows.filter((r) => ['b', 'd'].includes(r.court) && r.status === 'running' && r.due && r.due <= now)
      .map((r) => +r.due!).sort((x, y) => y - x);
    const got = await db.collection<Row>('cases').find(filter).sort({ due: -1 }).limit(15).toArray();
    expect(got.map((r) => +r.due!)).toEqual(want.slice(0, 15));
    if (embedded) {
      const plan = await db.collection<Row>('cases').find(filter).sort({ due: -1 }).limit(15).explain('executionStats');
      expect(planStages(plan)).not.toContain('SORT');
      expect(plan.executionStats.totalDocsExamined).toBe(15); // stopped at the page: no full scan
    }
  });

  it('counts equality, $in and range filters exactly', async () => {
    const c = db.collection<Row>('cases');
    const now = new Date(Date.UTC(2026, 2, 15));
    const cases: [Record<string, unknown>, (r: Row) => boolean][] = [
      [{ court: { $in: ['a', 'b'] } }, (r) => r.court === 'a' || r.court === 'b'],
      [{ court: 'c', status: 'running' }, (r) => r.court === 'c' && r.status === 'running'],
      [{ court: { $in: COURTS }, status: 'running', due: { $lte: now } }, (r) => r.status === 'running' && !!r.due && r.due <= now],
      [{ court: 'a', status: 'running', due: { $gt: now, $lt: new Date(Date.UTC(2026, 3, 1)) } },
        (r) => r.court === 'a' && r.status === 'running' && !!r.due && r.due > now && r.due < new Date(Date.UTC(2026, 3, 1))],
      [{ court: 'b', status: 'running', due: null }, (r) => r.court === 'b' && r.status === 'running' && r.due === null],
      // not answerable from the index alone: counted by scanning, same answer
      [{ court: 'a', note: 'n1' }, (r) => r.court === 'a' && r.note === 'n1'],
      [{ court: { $in: ['a', 'd'] }, status: { $ne: 'running' } }, (r) => ['a', 'd'].includes(r.court) && r.status !== 'running'],
    ];
    for (const [filter, pred] of cases) {
      expect(await c.countDocuments(filter), JSON.stringify(filter)).toBe(rows.filter(pred).length);
    }
    expect(await c.countDocuments({ court: 'a' }, { skip: 10, limit: 5 })).toBe(5);
    expect(await c.countDocuments({ court: 'zz' })).toBe(0);
    expect(await c.countDocuments({ court: { $in: [] } })).toBe(0);
    expect(await c.find({ court: { $in: [] } }).sort({ createdAt: -1 }).toArray()).toEqual([]);
  });
});
