// Security probe F3 (DB-02, DB-03, DB-18b, DB-20): the embedded store's port requires the
// credentials kept in the data directory (mode 0600), and no update or filter can walk into
// Object.prototype of the process that hosts the store.
import { mkdtemp, rm, stat, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../server/embedded-mongo/index';
import { exchange, header, opMsg } from '../../conformance/helpers/rawWire';

let server: EmbeddedMongo;
let dir: string;
let client: mongoose.mongo.MongoClient;
const quiet = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duban-wire-sec-'));
  server = await startEmbeddedMongo({ dir, logger: quiet });
  client = await new mongoose.mongo.MongoClient(server.uri).connect();
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('credentials', () => {
  it('are generated into the data directory, readable by the owner only, and reused after a restart', async () => {
    const file = join(dir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { username, password } = JSON.parse(await readFile(file, 'utf8'));
    expect(server.uri).toContain(`${username}:${password}@`);
    expect(server.safeUri).not.toContain(password);
  });

  it('a local client without them reads nothing (DB-02) and cannot rewrite a session (DB-03)', async () => {
    const anonymous = new mongoose.mongo.MongoClient(server.uri.replace(/\/\/[^@]*@/, '//'), { serverSelectionTimeoutMS: 3000 });
    await expect(anonymous.db('duban').collection('users').findOne({})).rejects.toThrow(/requires authentication/);
    await expect(anonymous.db('duban').collection('sessions').updateOne({ _id: 'x' as never }, { $set: { 'session.passport.user': { u: 'admin' } } }))
      .rejects.toThrow(/requires authentication/);
    await expect(anonymous.db('admin').admin().listDatabases()).rejects.toThrow(/requires authentication/);
    await anonymous.close();
  });
});

describe('a connection that has not signed in', () => {
  it('may only shake hands (DB-02)', async () => {
    const result = await exchange(server.port, [
      opMsg(91, { hello: 1, $db: 'admin' }),
      opMsg(92, { find: 'users', $db: 'duban' }),
      opMsg(93, { listDatabases: 1, $db: 'admin' }),
      opMsg(94, { saslStart: 1, mechanism: 'SCRAM-SHA-1', payload: Buffer.from('n,,n=duban,r=abcdefghijkl'), $db: 'admin' }),
      opMsg(95, { fooBar: 1, $db: 'x' }),
    ], { expectReplies: 5 });
    expect(result.replies.map((r) => [r.responseTo, r.doc.ok, r.doc.code])).toEqual([[91, 1, undefined], [92, 0, 13], [93, 0, 13], [94, 0, 334], [95, 0, 59]]);
  });
  it('with a wrong password fails to sign in', async () => {
    const wrong = new mongoose.mongo.MongoClient(server.uri.replace(/:[0-9a-f]+@/, ':wrong-password@'), { serverSelectionTimeoutMS: 3000 });
    await expect(wrong.connect()).rejects.toThrow(/Authentication failed/);
    await wrong.close();
  });
});

describe('memory held for half-sent messages (DB-16)', () => {
  it('a connection that has not signed in cannot declare a 47 MB message', async () => {
    const result = await exchange(server.port, [header(47_000_000, 7, 2013), Buffer.alloc(64 * 1024)]);
    expect(result.replies[0]?.doc).toMatchObject({ ok: 0, code: 16 });
    expect(result.closed).toBe(true);
  });
});

describe('no data reaches Object.prototype (DB-18b)', () => {
  const canary = () => ({} as Record<string, unknown>);
  it.each([
    ['$set __proto__', { $set: { '__proto__.closedAt': 'PP' } }],
    ['$set constructor.prototype', { $set: { 'constructor.prototype.closedAt': 'PP' } }],
    ['$inc __proto__', { $inc: { '__proto__.ppn': 1 } }],
    ['$push __proto__', { $push: { '__proto__.pparr': 1 } }],
    ['$rename into __proto__', { $rename: { a: '__proto__.closedAt' } }],
    ['$set prototype', { $set: { 'a.prototype': 1 } }],
    ['$setOnInsert __proto__ on an upsert', { $setOnInsert: { '__proto__.closedAt': 'PP' } }],
  ])('%s is refused with BadValue and pollutes nothing', async (_name, update) => {
    const c = client.db('pp').collection('x');
    await c.updateOne({ _id: 1 as never }, { $set: { a: 1 } }, { upsert: true });
    await expect(c.updateOne({ _id: 1 as never }, update as never, { upsert: true })).rejects.toMatchObject({ code: 2 });
    expect(canary().closedAt).toBeUndefined();
    expect(canary().ppn).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    // The store still answers reads (the probe saw every read fail afterwards).
    expect(await c.findOne({ _id: 1 as never })).toMatchObject({ a: 1 });
  });

  it('filters naming __proto__ or constructor are refused', async () => {
    const c = client.db('pp').collection('x');
    await expect(c.findOne({ '__proto__.x': 1 })).rejects.toMatchObject({ code: 2 });
    await expect(c.findOne({ $or: [{ 'constructor.prototype': 1 }] })).rejects.toMatchObject({ code: 2 });
  });

  it('a stored field literally named __proto__ stays a field of that document', async () => {
    const c = client.db('pp').collection('lit');
    const doc = JSON.parse('{"_id": 5, "data": {"__proto__": {"closedAt": "PP"}}}');
    await c.insertOne(doc);
    const back = await c.findOne({ _id: 5 as never });
    expect(Object.getPrototypeOf(back!.data)).toBe(Object.prototype);
    expect(canary().closedAt).toBeUndefined();
  });
});
