// The handshake and administrative commands: hello, ping, buildInfo, collections and
// databases, stats. Assertions are about fields the application and drivers read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedded, openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
beforeAll(async () => {
  target = await openTarget('admin');
  db = target.db;
});
afterAll(() => target?.close());

describe('handshake and server commands', () => {
  it('hello advertises a writable primary with sessions and the size limits', async () => {
    const hello = await target.client.db('admin').command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.localTime).toBeInstanceOf(Date);
    if (embedded) {
      expect(hello.compression).toBeUndefined();
      expect(hello.topologyVersion).toBeUndefined();
      expect(hello.setName).toBeUndefined();
    }
    const legacy = await target.client.db('admin').command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
  });

  it('ping, buildInfo, serverStatus, listDatabases', async () => {
    const admin = target.client.db('admin');
    expect((await admin.command({ ping: 1 })).ok).toBe(1);
    const info = await admin.command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+/);
    if (embedded) expect(info.version).toBe('7.0.0-duban');
    expect((await admin.command({ serverStatus: 1 })).uptime).toBeGreaterThanOrEqual(0);
    await db.collection('present').insertOne({ a: 1 });
    const { databases } = await admin.command({ listDatabases: 1, nameOnly: true });
    expect(databases.map((d: { name: string }) => d.name)).toContain(target.dbName);
  });
});

describe('collections and databases', () => {
  it('creates, lists (with filter and nameOnly) and drops collections', async () => {
    await db.createCollection('courts');
    await db.createCollection('users');
    const all = await db.listCollections().toArray();
    expect(all.map((c) => c.name)).toEqual(expect.arrayContaining(['courts', 'users']));
    expect(all.find((c) => c.name === 'courts')?.type).toBe('collection');
    const filtered = await db.listCollections({ name: 'users' }, { nameOnly: true }).toArray();
    expect(filtered).toEqual([{ name: 'users', type: 'collection' }]);
    expect(await db.dropCollection('users')).toBe(true);
    expect((await db.listCollections({ name: 'users' }).toArray()).length).toBe(0);
  });

  it('creating an existing collection fails with NamespaceExists', async () => {
    await db.createCollection('twice');
    const err = await db.createCollection('twice').catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(48);
  });

  it('dropping a missing collection does not throw through the driver', async () => {
    await expect(db.collection('never-created').drop()).resolves.toBeTypeOf('boolean');
  });

  it('reports dbStats and collStats', async () => {
    await db.collection('stats').insertMany([{ a: 1 }, { a: 2 }]);
    const dbStats = await db.command({ dbStats: 1 });
    expect(dbStats.collections).toBeGreaterThanOrEqual(1);
    expect(dbStats.objects).toBeGreaterThanOrEqual(2);
    const collStats = await db.command({ collStats: 'stats' });
    expect(collStats.count).toBe(2);
  });

  it('drops a database', async () => {
    const other = target.client.db(`${target.dbName}_x`);
    await other.collection('a').insertOne({ a: 1 });
    expect(await other.dropDatabase()).toBe(true);
    expect(await other.listCollections().toArray()).toEqual([]);
  });
});
