// The pieces under the wire: framing across TCP chunks, cursor batching and expiry, and the
// dispatcher's promise that every failure becomes an error reply.
import { Long, type Document } from 'bson';
import { describe, expect, it, vi } from 'vitest';
import { CursorRegistry } from '../../../server/embedded-mongo/commands/cursors';
import { createDispatcher } from '../../../server/embedded-mongo/commands/dispatcher';
import type { ServerInfo } from '../../../server/embedded-mongo/commands/context';
import type { Store } from '../../../server/embedded-mongo/store/types';
import { FrameReader } from '../../../server/embedded-mongo/wire/frameReader';
import { bsonBytes, opMsg } from '../../conformance/helpers/rawWire';

describe('FrameReader', () => {
  it('reassembles messages split across chunks and splits several in one chunk', () => {
    const stream = Buffer.concat([opMsg(1, { ping: 1, $db: 'a' }), opMsg(2, { ping: 1, $db: 'b' }), opMsg(3, { ping: 1, $db: 'c' })]);
    const reader = new FrameReader();
    const ids: number[] = [];
    for (let at = 0; at < stream.length; at += 7) {
      for (const event of reader.push(stream.subarray(at, at + 7))) if (event.kind === 'message') ids.push(event.header.requestID);
    }
    expect(ids).toEqual([1, 2, 3]);
    expect(reader.truncated()).toBeNull();
    reader.push(stream.subarray(0, 10));
    expect(reader.truncated()).toEqual({ requestID: 1 });
  });
});

describe('CursorRegistry', () => {
  it('forgets a cursor idle for 10 minutes, keeps a used one', () => {
    let now = 0;
    const cursors = new CursorRegistry(10 * 60 * 1000, () => now);
    const docs = Array.from({ length: 10 }, (_, i) => ({ i }));
    const idle = cursors.first('db.c', docs, { batchSize: 2 });
    const busy = cursors.first('db.c', docs, { batchSize: 2 });
    now = 9 * 60 * 1000;
    cursors.next('db.c', busy.id, 2);
    now = 11 * 60 * 1000;
    cursors.sweep();
    expect(() => cursors.next('db.c', idle.id)).toThrow(/not found/);
    expect(cursors.next('db.c', busy.id, 2).nextBatch).toEqual([{ i: 4 }, { i: 5 }]);
    cursors.close();
  });

  it('caps a batch at 16 MiB and accepts ids as numbers or Longs', () => {
    const cursors = new CursorRegistry();
    const docs = Array.from({ length: 40 }, () => ({ blob: Buffer.alloc(1024 * 1024) }));
    const first = cursors.first('db.c', docs, { batchSize: 1000 });
    expect(first.firstBatch).toHaveLength(15);
    expect(Long.isLong(first.id)).toBe(true);
    const next = cursors.next('db.c', Long.fromString(first.id.toString()));
    expect(next.nextBatch).toHaveLength(15);
    expect(() => cursors.next('db.other', next.id)).toThrow(/belongs to/);
    expect(cursors.kill('db.c', [next.id]).killed).toHaveLength(1);
    cursors.close();
  });
});

describe('dispatcher', () => {
  const info: ServerInfo = { startedAt: new Date(), host: '127.0.0.1', port: () => 1, connections: () => ({ current: 1, totalCreated: 1 }) };
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const store = {
    find: () => {
      throw new TypeError('boom');
    },
  } as unknown as Store;
  const run = createDispatcher({ store, cursors: new CursorRegistry(), server: info, log });
  const conn = { id: 7, remoteAddress: '127.0.0.1:1' };
  const call = (body: Document) => run('db', body, conn);

  it('turns an unexpected exception into code 1 and logs it', async () => {
    expect(await call({ find: 'c' })).toMatchObject({ ok: 0, code: 1, errmsg: expect.stringContaining('boom') });
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('refuses unknown commands and transactions, accepts isMaster in any case', async () => {
    expect(await call({ fooBar: 1 })).toMatchObject({ ok: 0, code: 59, errmsg: "no such command: 'fooBar'" });
    expect(await call({ find: 'c', txnNumber: 1, autocommit: false })).toMatchObject({ ok: 0, code: 238 });
    expect(await call({ ISMASTER: 1 })).toMatchObject({ ok: 1, ismaster: true, connectionId: 7 });
    expect(bsonBytes(await call({ hello: 1 })).length).toBeGreaterThan(100);
  });
});
