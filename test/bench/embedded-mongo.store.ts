// Benchmarks of the embedded server's data layer (no wire protocol): lookups with and without
// an index on 200,000 documents, insert throughput through the real journal, memory per
// document, and recovery time. Run by the lead's `npm run bench`; standalone:
//   npx tsx test/bench/embedded-mongo.store.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Durability } from '../../server/embedded-mongo/store/durability.types';
import { openStore } from '../../server/embedded-mongo/store/store';
import type { Document, Store } from '../../server/embedded-mongo/store/types';

export interface Row { name: string; figure: number; unit: string; baseline?: number; note?: string }

/** Keeps nothing: measures the in-memory store alone (the journal is measured in inserts()). */
const nullDurability = (): Durability => ({
  open: async () => ({ snapshot: [], records: [] }), append: async () => undefined,
  writeSnapshot: async () => undefined, journalBytes: () => 0, close: async () => undefined,
});

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const caseDoc = (i: number): Document => ({
  caseNo: `(2026)京01执${String(i).padStart(6, '0')}号`, court: `court${i % 50}`, status: i % 4 ? 'open' : 'closed',
  amount: i * 13 % 100_000, due: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
});

/** Average microseconds per call over `n` calls. */
function perCall(n: number, fn: (i: number) => unknown): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t) * 1000) / n;
}

async function loaded(store: Store, n: number): Promise<void> {
  for (let i = 0; i < n; i += 10_000) {
    await store.insert('bench', 'cases', Array.from({ length: Math.min(10_000, n - i) }, (_, j) => caseDoc(i + j)), true);
  }
}

async function lookups(rows: Row[]): Promise<void> {
  const N = 200_000;
  const store = await openStore({ dir: '', durability: nullDurability() });
  await loaded(store, N);
  const key = (i: number) => caseDoc((i * 7919) % N).caseNo;
  const scan = perCall(20, (i) => store.find('bench', 'cases', { filter: { caseNo: key(i) }, limit: 1 }));
  const t = performance.now();
  await store.createIndexes('bench', 'cases', [
    { key: { caseNo: 1 }, name: 'caseNo_1', unique: true }, { key: { court: 1, due: -1 }, name: 'court_due' },
  ]);
  const build = performance.now() - t;
  const seek = perCall(20_000, (i) => store.find('bench', 'cases', { filter: { caseNo: key(i) }, limit: 1 }));
  const page = perCall(2_000, (i) => store.find('bench', 'cases', { filter: { court: `court${i % 50}` }, sort: { due: -1 }, limit: 20 }));
  const range = perCall(2_000, (i) => store.find('bench', 'cases', {
    filter: { court: 'court7', due: { $gte: new Date(Date.UTC(2026, 0, 1) + (i % 100) * 3_000_000) } }, limit: 50,
  }));
  rows.push(
    { name: 'findOne by indexed field, 200k docs', figure: round(seek, 2), unit: 'µs/query', baseline: round(scan, 0), note: 'baseline: same query without the index (COLLSCAN)' },
    { name: 'find {court} sort {due:-1} limit 20 (compound index), 200k docs', figure: round(page, 1), unit: 'µs/query' },
    { name: 'find {court, due: {$gte}} limit 50, 200k docs', figure: round(range, 1), unit: 'µs/query' },
    { name: 'createIndexes (2 indexes) over 200k docs', figure: round(build, 0), unit: 'ms' },
  );
  await store.close();
}

async function inserts(rows: Row[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-bench-store-'));
  try {
    const store = await openStore({ dir });
    await store.createIndexes('bench', 'cases', [{ key: { caseNo: 1 }, name: 'caseNo_1', unique: true }]);
    let t = performance.now();
    for (let i = 0; i < 1_000; i++) await store.insert('bench', 'cases', [caseDoc(i)], true);
    const single = 1_000 / ((performance.now() - t) / 1000);
    t = performance.now();
    await Promise.all(Array.from({ length: 16 }, (_, w) => (async () => {
      for (let i = 0; i < 250; i++) await store.insert('bench', 'cases', [caseDoc(10_000 + w * 1_000 + i)], true);
    })()));
    const parallel = 4_000 / ((performance.now() - t) / 1000);
    t = performance.now();
    for (let b = 0; b < 20; b++) {
      await store.insert('bench', 'cases', Array.from({ length: 5_000 }, (_, j) => caseDoc(100_000 + b * 5_000 + j)), true);
    }
    const batched = 100_000 / ((performance.now() - t) / 1000);
    await store.close();
    t = performance.now();
    const reopened = await openStore({ dir });
    const reopen = performance.now() - t;
    await reopened.close();
    rows.push(
      { name: 'insertOne, one writer, real journal (fsync each)', figure: round(single, 0), unit: 'docs/s' },
      { name: 'insertOne, 16 concurrent writers, real journal', figure: round(parallel, 0), unit: 'docs/s', baseline: round(single, 0), note: 'baseline: one writer' },
      { name: 'insertMany 5,000/batch, real journal, 1 unique index', figure: round(batched, 0), unit: 'docs/s' },
      { name: 'reopen (snapshot load + index rebuild), 105k docs', figure: round(reopen, 0), unit: 'ms' },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function memory(rows: Row[]): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const store = await openStore({ dir: '', durability: nullDurability() });
  await loaded(store, 100_000);
  gc?.();
  const withDocs = process.memoryUsage().heapUsed;
  await store.createIndexes('bench', 'cases', [{ key: { caseNo: 1 }, name: 'caseNo_1' }]);
  gc?.();
  const withIndex = process.memoryUsage().heapUsed;
  rows.push(
    { name: 'heap per small document (5 fields, _id index), 100k docs', figure: round((withDocs - before) / 100_000, 0), unit: 'bytes', note: gc ? '' : 'run node with --expose-gc for exact figures' },
    { name: 'heap per entry of one more index (string key)', figure: round((withIndex - withDocs) / 100_000, 0), unit: 'bytes' },
  );
  await store.close();
}

export async function benchStore(): Promise<Row[]> {
  const rows: Row[] = [];
  await memory(rows);
  await lookups(rows);
  await inserts(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchStore().then((rows) => console.table(rows), (err) => { console.error(err); process.exit(1); });
}
