// Durability as the Store sees it (with the real file-backed journal): reopen after close,
// recovery after a crash, background checkpoints, TTL deletion, and what happens when the
// journal cannot be written.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long } from 'bson';
import { afterEach, describe, expect, it } from 'vitest';
import type { MongoError } from '../../../server/embedded-mongo/errors';
import { memoryDisk } from '../../../server/embedded-mongo/store/memory-durability';
import { openStore, type StoreOptions } from '../../../server/embedded-mongo/store/store';
import type { Store } from '../../../server/embedded-mongo/store/types';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'duban-store-life-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function open(opts: StoreOptions): Promise<Store> {
  const store = await openStore(opts);
  cleanup.push(() => store.close().catch(() => undefined));
  return store;
}

/** A copy of the directory as a crash would leave it: no close, no final snapshot, no lock. */
async function crashCopy(dir: string): Promise<string> {
  const copy = await tempDir();
  await cp(dir, copy, { recursive: true, filter: (src) => !src.endsWith('mongod.lock') });
  return copy;
}

async function fill(s: Store): Promise<void> {
  await s.insert('app', 'cases', [
    { _id: 1, caseNo: 'A', big: Long.fromString('9007199254740993') },
    { _id: 2, caseNo: 'B' }, { _id: 3, caseNo: 'C' },
  ], true);
  await s.createIndexes('app', 'cases', [
    { key: { caseNo: 1 }, name: 'caseNo_1', unique: true },
    { key: { at: 1 }, name: 'at_1', expireAfterSeconds: 3600 },
  ]);
  await s.update('app', 'cases', [{ q: { _id: 2 }, u: { $set: { caseNo: 'B2' } } }], true);
  await s.delete('app', 'cases', [{ q: { _id: 3 }, limit: 1 }], true);
  await s.insert('app', 'gone', [{ x: 1 }], true);
  await s.dropCollection('app', 'gone');
}

async function expectFilled(s: Store): Promise<void> {
  expect(s.find('app', 'cases', {}).docs).toEqual([
    { _id: 1, caseNo: 'A', big: Long.fromString('9007199254740993') }, { _id: 2, caseNo: 'B2' },
  ]);
  expect(s.listIndexes('app', 'cases')!.map((i) => i.name)).toEqual(['_id_', 'caseNo_1', 'at_1']);
  expect(s.listCollections('app').map((c) => c.name)).toEqual(['cases']);
  expect(s.find('app', 'cases', { filter: { caseNo: 'B2' } }).plan.indexName).toBe('caseNo_1');
  expect((await s.insert('app', 'cases', [{ caseNo: 'A' }], true)).writeErrors[0].code).toBe(11000);
}

describe('store lifecycle', () => {
  it('restores data and indexes after close and reopen', async () => {
    const dir = await tempDir();
    const s1 = await openStore({ dir });
    await fill(s1);
    await s1.close();
    expect((await readdir(dir)).some((f) => f.startsWith('snapshot.'))).toBe(true);
    await expectFilled(await open({ dir }));
  });

  it('recovers from the journal after a crash (no close)', async () => {
    const dir = await tempDir();
    const s1 = await open({ dir });
    await fill(s1);
    await expectFilled(await open({ dir: await crashCopy(dir) }));
  });

  it('checkpoints in the background when the journal grows, and recovers from snapshot + journal', async () => {
    const dir = await tempDir();
    const s1 = await open({ dir, checkpointBytes: 2_000 });
    for (let i = 0; i < 50; i++) await s1.insert('app', 'log', [{ i, text: 'x'.repeat(100) }], true);
    await s1.checkpoint(); // waits for any background one too
    await s1.update('app', 'log', [{ q: { i: 0 }, u: { $set: { after: true } } }], true);
    const s2 = await open({ dir: await crashCopy(dir) });
    expect(s2.count('app', 'log', {})).toBe(50);
    expect(s2.find('app', 'log', { filter: { i: 0 } }).docs[0].after).toBe(true);
  });

  it('deletes expired TTL documents on its sweep, durably', async () => {
    const dir = await tempDir();
    let now = Date.UTC(2026, 5, 1);
    const s1 = await open({ dir, ttlSweepMs: 20, clock: () => now });
    await s1.createIndexes('app', 'sessions', [{ key: { expires: 1 }, name: 'expires_1', expireAfterSeconds: 0 }]);
    await s1.insert('app', 'sessions', [
      { _id: 'old', expires: new Date(now - 1000) },
      { _id: 'new', expires: new Date(now + 60_000) },
      { _id: 'arr', expires: [new Date(now + 60_000), new Date(now - 5)] }, // earliest date counts
      { _id: 'str', expires: 'not a date' },
    ], true);
    await expect.poll(() => s1.count('app', 'sessions', {}), { timeout: 2000 }).toBe(2);
    expect(s1.find('app', 'sessions', {}).docs.map((d) => d._id)).toEqual(['new', 'str']);
    now += 120_000;
    await expect.poll(() => s1.count('app', 'sessions', {}), { timeout: 2000 }).toBe(1);
    const s2 = await open({ dir: await crashCopy(dir), ttlSweepMs: 60_000 });
    expect(s2.find('app', 'sessions', {}).docs.map((d) => d._id)).toEqual(['str']);
  });

  it('refuses every write after a failed journal write (code 1), keeps serving reads', async () => {
    const disk = memoryDisk();
    const s = await open({ dir: '', durability: disk.durability() });
    await s.insert('app', 'c', [{ _id: 1 }], true);
    disk.failAppends = new Error('ENOSPC: no space left on device');
    const err = await s.insert('app', 'c', [{ _id: 2 }], true).catch((e: MongoError) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as MongoError).message).toMatch(/^journal write failed: ENOSPC/);
    disk.failAppends = undefined; // space comes back: still refused, memory is ahead of the disk
    await expect(s.update('app', 'c', [{ q: {}, u: { $set: { a: 1 } } }], true)).rejects.toMatchObject({ code: 1 });
    expect(s.count('app', 'c', {})).toBe(2);
    await s.close();
    const reopened = await open({ dir: '', durability: disk.durability() });
    expect(reopened.find('app', 'c', {}).docs).toEqual([{ _id: 1 }]); // only what was acknowledged
  });
});

describe('store catalog', () => {
  it('lists databases and collections, creates and drops them', async () => {
    const s = await open({ dir: '', durability: memoryDisk().durability() });
    await s.createCollection('a', 'x', {});
    await s.insert('a', 'y', [{ v: 1 }, { v: 2 }, { v: [2, 3] }], true);
    await s.insert('b', 'z', [{}], true);
    await expect(s.createCollection('a', 'x', {})).rejects.toMatchObject({ code: 48 });
    await expect(s.createCollection('a', 'cap', { capped: true, size: 1000 })).rejects.toMatchObject({ code: 238 });
    expect(s.listDatabases().map((d) => [d.name, d.empty])).toEqual([['a', false], ['b', false]]);
    expect(s.listCollections('a').map((c) => c.name)).toEqual(['x', 'y']);
    expect(s.listCollections('a', { name: 'y' })).toEqual([{ name: 'y', options: {} }]);
    expect(s.stats('a', 'y')).toMatchObject({ count: 3, indexes: 1 });
    expect(s.stats('a').size).toBeGreaterThan(0);
    expect(s.count('a', 'y', {}, 1, 1)).toBe(1);
    expect(s.distinct('a', 'y', 'v', {})).toEqual([1, 2, 3]);
    expect(await s.dropCollection('a', 'x')).toBe(true);
    expect(await s.dropCollection('a', 'x')).toBe(false);
    await s.dropDatabase('b');
    expect(s.listDatabases().map((d) => d.name)).toEqual(['a']);
    expect(s.find('b', 'z', {}).docs).toEqual([]);
  });
});
