// The planner must answer equality, $in, range and sort from indexes: on 10,000 documents a
// selective query examines a handful of documents, not the collection.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoError } from '../../../server/embedded-mongo/errors';
import { openStore } from '../../../server/embedded-mongo/store/store';
import type { Document, Store } from '../../../server/embedded-mongo/store/types';

const N = 10_000;
let s: Store;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duban-store-plan-'));
  s = await openStore({ dir });
  const docs: Document[] = [];
  for (let i = 0; i < N; i++) {
    docs.push({ _id: i, caseNo: `C${String(i).padStart(5, '0')}`, court: `court${i % 10}`, n: i, due: new Date(Date.UTC(2026, 0, 1) + i * 60_000), tags: [`t${i % 7}`, `u${i % 3}`], opt: i % 100 === 0 ? i : undefined });
  }
  await s.insert('db', 'cases', docs, true);
  await s.createIndexes('db', 'cases', [
    { key: { caseNo: 1 }, name: 'caseNo_1', unique: true },
    { key: { court: 1, n: -1 }, name: 'court_1_n_-1' },
    { key: { due: 1 }, name: 'due_1' },
    { key: { tags: 1 }, name: 'tags_1' },
    { key: { opt: 1 }, name: 'opt_1', sparse: true },
  ]);
});
afterAll(async () => { await s.close(); await rm(dir, { recursive: true, force: true }); });

const find = (q: Document) => s.find('db', 'cases', q);

describe('store planner', () => {
  it('answers an empty $in on an indexed field with nothing, from the index', () => {
    const { docs, plan } = s.find('db', 'cases', { filter: { caseNo: { $in: [] } } });
    expect(docs).toEqual([]);
    expect(plan).toMatchObject({ stage: 'IXSCAN', docsExamined: 0 });
    expect(s.find('db', 'cases', { filter: { court: { $in: [] }, n: 5 } }).docs).toEqual([]);
  });

  it('uses IDHACK for _id equality', () => {
    const { docs, plan } = find({ filter: { _id: 42 } });
    expect(docs.map((d) => d.n)).toEqual([42]);
    expect(plan).toMatchObject({ stage: 'IDHACK', keysExamined: 1, docsExamined: 1 });
  });

  it('uses the unique index for equality', () => {
    const { docs, plan } = find({ filter: { caseNo: 'C00042', $comment: 'from the case list' } });
    expect(docs.map((d) => d.n)).toEqual([42]);
    expect(plan).toMatchObject({ stage: 'IXSCAN', indexName: 'caseNo_1', docsExamined: 1 });
  });

  it('uses an index for ranges (type-bracketed, both ends)', () => {
    const from = new Date(Date.UTC(2026, 0, 1) + 100 * 60_000);
    const to = new Date(Date.UTC(2026, 0, 1) + 110 * 60_000);
    const { docs, plan } = find({ filter: { due: { $gte: from, $lt: to } } });
    expect(docs.map((d) => d.n)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(plan).toMatchObject({ stage: 'IXSCAN', indexName: 'due_1', keysExamined: 10, docsExamined: 10 });
    const open = find({ filter: { caseNo: { $gt: 'C09995' } } });
    expect(open.docs).toHaveLength(4);
    expect(open.plan.docsExamined).toBe(4);
  });

  it('uses compound prefixes: equality then range on a descending field, in index order', () => {
    const { docs, plan } = find({ filter: { court: 'court3', n: { $lt: 100 } } });
    expect(docs.map((d) => d.n)).toEqual([93, 83, 73, 63, 53, 43, 33, 23, 13, 3]);
    expect(plan).toMatchObject({ stage: 'IXSCAN', indexName: 'court_1_n_-1', docsExamined: 10 });
  });

  it('uses $in as several point scans', () => {
    const { docs, plan } = find({ filter: { caseNo: { $in: ['C00007', 'C00003', 'nope'] } } });
    expect(docs.map((d) => d.n).sort()).toEqual([3, 7]);
    expect(plan).toMatchObject({ stage: 'IXSCAN', docsExamined: 2 });
  });

  it('sorts by the index and stops after skip + limit', () => {
    const { docs, plan } = find({ filter: {}, sort: { due: -1 }, skip: 5, limit: 3 });
    expect(docs.map((d) => d.n)).toEqual([N - 6, N - 7, N - 8]);
    expect(plan).toMatchObject({ stage: 'IXSCAN', indexName: 'due_1', sortedByIndex: true, docsExamined: 8 });
    const byCourt = find({ filter: { court: 'court1' }, sort: { n: 1 }, limit: 2 });
    expect(byCourt.docs.map((d) => d.n)).toEqual([1, 11]);
    expect(byCourt.plan).toMatchObject({ indexName: 'court_1_n_-1', sortedByIndex: true, docsExamined: 2 });
  });

  it('sorts in memory when no index fits, with MongoDB order', () => {
    const { docs, plan } = find({ filter: { court: 'court1' }, sort: { caseNo: -1 }, limit: 2 });
    expect(docs.map((d) => d.n)).toEqual([9991, 9981]);
    expect(plan.sortedByIndex).toBe(false);
  });

  it('finds array elements through a multikey index without duplicates', () => {
    const { docs, plan } = find({ filter: { tags: { $in: ['t1', 'u1'] }, n: { $lt: 30 } } });
    const expected = Array.from({ length: 30 }, (_, n) => n).filter((n) => n % 7 === 1 || n % 3 === 1);
    expect(docs.map((d) => d.n).sort((a, b) => a - b)).toEqual(expected); // no duplicates either
    expect(plan.indexName).toBe('tags_1');
  });

  it('never answers a null query from a sparse index', () => {
    const { docs, plan } = find({ filter: { opt: null }, limit: 1 });
    expect(docs).toHaveLength(1);
    expect(plan.indexName).not.toBe('opt_1');
    expect(find({ filter: { opt: { $gte: 500 } } }).plan).toMatchObject({ indexName: 'opt_1', docsExamined: 95 });
  });

  it('falls back to COLLSCAN and honours hints', () => {
    expect(find({ filter: { n: 5 } }).plan.stage).toBe('COLLSCAN');
    expect(find({ filter: { n: 5 }, hint: 'court_1_n_-1' }).plan).toMatchObject({ stage: 'IXSCAN', keysExamined: N });
    expect(find({ filter: { caseNo: 'C00001' }, hint: { $natural: 1 } }).plan.stage).toBe('COLLSCAN');
    expect(() => find({ hint: 'nope' })).toThrow(expect.objectContaining({ code: 2 }) as unknown as MongoError);
  });

  it('counts and updates through the index too', async () => {
    expect(s.count('db', 'cases', { court: 'court2' })).toBe(N / 10);
    const r = await s.update('db', 'cases', [{ q: { caseNo: 'C00010' }, u: { $set: { seen: true } } }], true);
    expect(r.nModified).toBe(1);
    expect(find({ filter: { caseNo: 'C00010' } }).docs[0].seen).toBe(true);
  });
});
