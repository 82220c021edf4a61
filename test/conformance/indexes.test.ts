// Indexes: unique (single, compound, sparse, partial) violations answered exactly as MongoDB
// does (code 11000 with keyPattern/keyValue), bulk write errors, TTL declaration, listing and
// dropping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError, openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
beforeAll(async () => {
  target = await openTarget('indexes');
  db = target.db;
});
afterAll(() => target?.close());

async function duplicateError(action: Promise<unknown>) {
  const err = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  const mongoErr = err as InstanceType<typeof MongoServerError>;
  expect(mongoErr.code).toBe(11000);
  return mongoErr;
}

describe('unique indexes', () => {
  it('refuses a duplicate with keyPattern and keyValue', async () => {
    const users = db.collection('users');
    expect(await users.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await users.insertOne({ email: 'x' });
    const err = await duplicateError(users.insertOne({ email: 'x' }));
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'x' });
  });

  it('refuses an update that creates a duplicate', async () => {
    const users = db.collection('users');
    await users.insertOne({ email: 'y' });
    const err = await duplicateError(users.updateOne({ email: 'y' }, { $set: { email: 'x' } }));
    expect(err.keyValue).toEqual({ email: 'x' });
  });

  it('refuses a duplicate _id', async () => {
    const coll = db.collection('ids');
    await coll.insertOne({ _id: 'a' as never });
    const err = await duplicateError(coll.insertOne({ _id: 'a' as never }));
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.keyValue).toEqual({ _id: 'a' });
  });

  it('compound unique indexes compare the whole key', async () => {
    const defs = db.collection('definitions');
    await defs.createIndex({ key: 1, version: 1 }, { unique: true });
    await defs.insertMany([{ key: 'hainan', version: 1 }, { key: 'hainan', version: 2 }, { key: 'henan', version: 1 }]);
    const err = await duplicateError(defs.insertOne({ key: 'hainan', version: 2 }));
    expect(err.keyPattern).toEqual({ key: 1, version: 1 });
    expect(err.keyValue).toEqual({ key: 'hainan', version: 2 });
  });

  it('sparse unique indexes ignore documents without the field', async () => {
    const coll = db.collection('sparse');
    await coll.createIndex({ code: 1 }, { unique: true, sparse: true });
    await coll.insertMany([{ name: 'a' }, { name: 'b' }, { code: 'c1' }]);
    await duplicateError(coll.insertOne({ code: 'c1' }));
  });

  it('partial unique indexes only cover matching documents', async () => {
    const coll = db.collection('partial');
    await coll.createIndex({ court: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await coll.insertMany([{ court: 'A', active: false }, { court: 'A', active: false }, { court: 'A', active: true }]);
    await duplicateError(coll.insertOne({ court: 'A', active: true }));
  });
});

describe('bulk inserts', () => {
  it('an ordered insertMany stops at the first duplicate with a MongoBulkWriteError', async () => {
    const coll = db.collection('bulk_ordered');
    await coll.createIndex({ k: 1 }, { unique: true });
    const err = await coll.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as InstanceType<typeof MongoBulkWriteError>;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(2);
    const writeErrors = [bulk.writeErrors].flat();
    expect(writeErrors).toHaveLength(1);
    expect(writeErrors[0].index).toBe(2);
    expect(writeErrors[0].code).toBe(11000);
    expect(await coll.countDocuments()).toBe(2);
  });

  it('an unordered insertMany inserts everything else and reports each duplicate', async () => {
    const coll = db.collection('bulk_unordered');
    await coll.createIndex({ k: 1 }, { unique: true });
    const err = await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }], { ordered: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const writeErrors = [(err as InstanceType<typeof MongoBulkWriteError>).writeErrors].flat();
    expect(writeErrors.map((e) => e.index)).toEqual([1, 3]);
    expect(writeErrors[0].errmsg).toMatch(/E11000 duplicate key/);
    expect(await coll.countDocuments()).toBe(3);
  });
});

describe('index management', () => {
  it('declares a TTL index and lists it with its options', async () => {
    const sessions = db.collection('sessions');
    await sessions.createIndex({ expires: 1 }, { expireAfterSeconds: 0 });
    await sessions.createIndex({ at: -1 }, { expireAfterSeconds: 3600, name: 'at_ttl' });
    const indexes = await sessions.listIndexes().toArray();
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'at_ttl', 'expires_1']);
    expect(indexes.find((i) => i.name === 'expires_1')).toMatchObject({ key: { expires: 1 }, expireAfterSeconds: 0 });
    expect(indexes.find((i) => i.name === 'at_ttl')).toMatchObject({ key: { at: -1 }, expireAfterSeconds: 3600 });
  });

  it('creating the same index twice is a no-op', async () => {
    const coll = db.collection('twice');
    await coll.createIndex({ a: 1 });
    expect(await coll.createIndex({ a: 1 })).toBe('a_1');
    expect(await coll.indexExists('a_1')).toBe(true);
  });

  it('drops indexes by name, by key and all at once', async () => {
    const coll = db.collection('dropping');
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    await coll.dropIndex('a_1');
    await coll.dropIndex({ b: 1 } as never);
    expect((await coll.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'c_1']);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('listIndexes on a missing collection fails with NamespaceNotFound', async () => {
    const err = await db.collection('nope').listIndexes().toArray().catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(26);
  });
});
