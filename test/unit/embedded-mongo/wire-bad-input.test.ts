// Malformed input on one raw socket gets an error reply or a closed socket, never a crash:
// a normal driver connection opened beforehand keeps working after every case.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../server/embedded-mongo/index';
import { bsonBytes, exchange, header, opMsg, opQuery } from '../../conformance/helpers/rawWire';

const MiB = 1024 * 1024;
let server: EmbeddedMongo;
let dir: string;
let client: mongoose.mongo.MongoClient;
const quiet = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duban-wire-'));
  // The parser's own tests: an open port (no credentials), so raw frames reach every command.
  // wire-security.test.ts covers the signed-in port the platform runs.
  server = await startEmbeddedMongo({ dir, logger: quiet, credentials: false });
  client = await new mongoose.mongo.MongoClient(server.uri).connect();
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** After each bad input, the well-behaved connection still reads and writes. */
async function driverStillWorks() {
  const coll = client.db('wire_ok').collection('c');
  const { insertedId } = await coll.insertOne({ at: Date.now() });
  expect(await coll.findOne({ _id: insertedId })).not.toBeNull();
}

const ping = (requestID: number) => opMsg(requestID, { ping: 1, $db: 'admin' });

describe('bad input on the wire', () => {
  it('a message length below 16 is answered, then the socket closes', async () => {
    const result = await exchange(server.port, [header(8, 11, 2013)]);
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]).toMatchObject({ responseTo: 11, doc: { ok: 0 } });
    expect(result.closed).toBe(true);
    await driverStillWorks();
  });

  it('a length too short to hold a requestID just closes the socket', async () => {
    const tiny = Buffer.alloc(6);
    tiny.writeInt32LE(6, 0);
    const result = await exchange(server.port, [tiny]);
    expect(result).toEqual({ replies: [], closed: true });
    await driverStillWorks();
  });

  it('a message length above 48,000,000 is refused without buffering it', async () => {
    for (const length of [48_000_001, 0x7fffffff, -5]) {
      const result = await exchange(server.port, [header(length, 12, 2013)]);
      expect(result.replies[0]?.doc.ok).toBe(0);
      expect(result.closed).toBe(true);
    }
    await driverStillWorks();
  });

  it('an unknown opcode and OP_COMPRESSED get an error reply; the socket keeps serving', async () => {
    const garbage = Buffer.concat([header(20, 13, 9999), Buffer.from([1, 2, 3, 4])]);
    const compressed = Buffer.concat([header(25, 14, 2012), Buffer.alloc(9)]);
    const result = await exchange(server.port, [garbage, compressed, ping(15)], { expectReplies: 3 });
    expect(result.replies.map((r) => [r.responseTo, r.doc.ok])).toEqual([[13, 0], [14, 0], [15, 1]]);
    expect(result.closed).toBe(false);
    await driverStillWorks();
  });

  it('invalid BSON gets an InvalidBSON reply', async () => {
    const body = bsonBytes({ ping: 1, $db: 'admin' });
    body[4] = 0x77; // an element type that does not exist
    const badLength = bsonBytes({ ping: 1, $db: 'admin' });
    badLength.writeInt32LE(9999, 0); // claims more bytes than the message has
    const noTerminator = bsonBytes({ ping: 1, $db: 'admin' });
    noTerminator[noTerminator.length - 1] = 1;
    const result = await exchange(server.port, [opMsg(21, body), opMsg(22, badLength), opMsg(23, noTerminator), ping(24)], {
      expectReplies: 4,
    });
    expect(result.replies.map((r) => [r.responseTo, r.doc.ok])).toEqual([[21, 0], [22, 0], [23, 0], [24, 1]]);
    expect(result.replies[0].doc.code).toBe(22);
    await driverStillWorks();
  });

  it('a message cut short by the client closing is answered and closed', async () => {
    const whole = ping(31);
    const result = await exchange(server.port, [whole.subarray(0, whole.length - 7)], { end: true });
    expect(result.replies[0]).toMatchObject({ responseTo: 31, doc: { ok: 0 } });
    expect(result.closed).toBe(true);
    await driverStillWorks();
  });

  it('a document over 16 MiB is refused with BSONObjectTooLarge', async () => {
    const big = bsonBytes({ _id: 1, blob: Buffer.alloc(16 * MiB) });
    const insert = opMsg(41, { insert: 'c', $db: 'wire_ok' }, [['documents', [big]]]);
    const bigBody = opMsg(42, bsonBytes({ insert: 'c', $db: 'wire_ok', documents: [{ blob: Buffer.alloc(16 * MiB + 20_000) }] }));
    const result = await exchange(server.port, [insert, bigBody, ping(43)], { expectReplies: 3 });
    expect(result.replies.map((r) => [r.responseTo, r.doc.code])).toEqual([[41, 10334], [42, 10334], [43, undefined]]);
    expect(await client.db('wire_ok').collection('c').countDocuments({ _id: 1 as never })).toBe(0);
    await driverStillWorks();
  });

  it('an oversize message is refused from its header', async () => {
    const result = await exchange(server.port, [header(60_000_000, 51, 2013), Buffer.alloc(1024)]);
    expect(result.replies[0]).toMatchObject({ responseTo: 51, doc: { ok: 0 } });
    expect(result.closed).toBe(true);
    await driverStillWorks();
  });

  it('OP_MSG structure errors: no body, two bodies, unknown section kind, unknown required flag', async () => {
    const ok = bsonBytes({ ping: 1, $db: 'admin' });
    const noBody = opMsg(61, ok, [['documents', [bsonBytes({ a: 1 })]]]).subarray(0, 21); // header + flags only
    noBody.writeInt32LE(21, 0);
    const twoBodies = opMsg(62, Buffer.concat([ok, Buffer.from([0]), ok]));
    const badKind = opMsg(63, Buffer.concat([ok, Buffer.from([7]), ok]));
    const badFlag = opMsg(64, ok, [], 1 << 5);
    const result = await exchange(server.port, [noBody, twoBodies, badKind, badFlag, ping(65)], { expectReplies: 5 });
    expect(result.replies.map((r) => [r.responseTo, r.doc.ok])).toEqual([[61, 0], [62, 0], [63, 0], [64, 0], [65, 1]]);
    await driverStillWorks();
  });

  it('OP_QUERY serves only the handshake; moreToCome gets no reply', async () => {
    const hello = opQuery(71, 'admin.$cmd', { isMaster: 1 });
    const find = opQuery(72, 'wire_ok.$cmd', { find: 'c' });
    const notCmd = opQuery(73, 'wire_ok.c', { a: 1 });
    const quietWrite = opMsg(74, { insert: 'c', $db: 'wire_ok', documents: [{ _id: 'quiet' }] }, [], 1 << 1);
    const result = await exchange(server.port, [hello, find, notCmd, quietWrite, ping(75)], { expectReplies: 4 });
    expect(result.replies.map((r) => [r.responseTo, r.opCode, r.doc.ok])).toEqual([
      [71, 1, 1], [72, 1, 0], [73, 1, 0], [75, 2013, 1],
    ]);
    expect(result.replies[0].doc).toMatchObject({ ismaster: true, maxWireVersion: 21 });
    expect(await client.db('wire_ok').collection('c').countDocuments({ _id: 'quiet' as never })).toBe(1);
  });

  it('a command without $db and a command that fails unexpectedly get error replies', async () => {
    const result = await exchange(server.port, [opMsg(81, { ping: 1 }), opMsg(82, { fooBar: 1, $db: 'x' })], { expectReplies: 2 });
    expect(result.replies.map((r) => [r.responseTo, r.doc.ok, r.doc.code])).toEqual([[81, 0, 2], [82, 0, 59]]);
  });
});
