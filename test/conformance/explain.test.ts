// explain: an indexed equality or range query is an index scan, an unindexed one a collection
// scan, for find, aggregate and count. Stage names are searched anywhere in the plan, since
// mongod's shape differs between engines (classic FETCH>IXSCAN, SBE queryPlan, $cursor).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, planStages, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
beforeAll(async () => {
  target = await openTarget('explain');
  db = target.db;
  const cases = db.collection('cases');
  await cases.createIndex({ nextDueAt: 1 });
  await cases.createIndex({ caseNo: 1 }, { unique: true });
  await cases.insertMany(
    Array.from({ length: 50 }, (_, i) => ({ caseNo: `c${i}`, nextDueAt: new Date(Date.UTC(2026, 0, 1 + i)), note: `n${i % 5}` })),
  );
});
afterAll(() => target?.close());

// MongoDB 8 names an _id/unique point lookup EXPRESS_IXSCAN: any *IXSCAN is an index scan.
const usesIndex = (explain: unknown) => planStages(explain).some((s) => /IXSCAN|COUNT_SCAN/.test(s));

const indexNames = (explain: unknown): string[] => {
  const names: string[] = [];
  JSON.stringify(explain, (key, value) => {
    if (key === 'indexName' && typeof value === 'string') names.push(value);
    return value;
  });
  return names;
};

describe('explain', () => {
  it('uses the index for an equality query', async () => {
    const plan = await db.collection('cases').find({ caseNo: 'c7' }).explain('queryPlanner');
    expect(usesIndex(plan)).toBe(true);
    expect(planStages(plan)).not.toContain('COLLSCAN');
    expect(indexNames(plan)).toContain('caseNo_1');
  });

  it('uses the index for a range query', async () => {
    const plan = await db.collection('cases').find({ nextDueAt: { $lte: new Date(Date.UTC(2026, 0, 5)) } }).explain('executionStats');
    expect(usesIndex(plan)).toBe(true);
    expect(indexNames(plan)).toContain('nextDueAt_1');
    expect(plan.executionStats.nReturned).toBe(5);
  });

  it('scans the collection when no index fits', async () => {
    const plan = await db.collection('cases').find({ note: 'n1' }).explain();
    expect(planStages(plan)).toContain('COLLSCAN');
    expect(usesIndex(plan)).toBe(false);
  });

  it('explains an aggregate that starts with an indexed $match', async () => {
    const plan = await db
      .collection('cases')
      .aggregate([{ $match: { caseNo: 'c3' } }, { $group: { _id: '$note', n: { $sum: 1 } } }])
      .explain('queryPlanner');
    expect(usesIndex(plan)).toBe(true);
  });

  it('explains a count', async () => {
    const plan = await db.command({ explain: { count: 'cases', query: { caseNo: 'c3' } }, verbosity: 'queryPlanner' });
    expect(usesIndex(plan)).toBe(true);
    const scan = await db.command({ explain: { count: 'cases', query: { note: 'n3' } }, verbosity: 'queryPlanner' });
    expect(planStages(scan)).toContain('COLLSCAN');
  });
});
