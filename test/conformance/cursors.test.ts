// Cursors: batches across getMore, the default first batch, killCursors, singleBatch and
// limits, observed through the driver's command monitoring and through raw commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type Db, type Target } from './helpers/harness';

let target: Target;
let db: Db;
const started: { name: string; batchSize?: number }[] = [];

beforeAll(async () => {
  target = await openTarget('cursors', { monitorCommands: true });
  db = target.db;
  target.client.on('commandStarted', (e) => started.push({ name: e.commandName, batchSize: e.command.batchSize }));
  await db.collection('many').insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: i as never, pad: 'x'.repeat(20) })));
});
afterAll(() => target?.close());

const namesSince = (mark: number) => started.slice(mark).map((c) => c.name);

describe('cursors', () => {
  it('reads 1,000 documents in batches of 100 across getMore', async () => {
    const mark = started.length;
    const docs = await db.collection('many').find({}).sort({ _id: 1 }).batchSize(100).toArray();
    expect(docs.map((d) => d._id)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const getMores = namesSince(mark).filter((n) => n === 'getMore').length;
    expect(getMores).toBeGreaterThanOrEqual(9);
    expect(getMores).toBeLessThanOrEqual(10);
  });

  it('returns 101 documents in the default first batch', async () => {
    const reply = await db.command({ find: 'many', filter: {} });
    expect(reply.cursor.firstBatch).toHaveLength(101);
    expect(reply.cursor.ns).toBe(`${target.dbName}.many`);
    expect(reply.cursor.id.toString()).not.toBe('0');
    await db.command({ killCursors: 'many', cursors: [reply.cursor.id] });
  });

  it('killCursors ends a cursor; a later getMore fails with CursorNotFound', async () => {
    const reply = await db.command({ find: 'many', filter: {}, batchSize: 10 });
    const id = reply.cursor.id;
    const killed = await db.command({ killCursors: 'many', cursors: [id] });
    expect(killed.cursorsKilled.map(String)).toEqual([id.toString()]);
    const err = await db.command({ getMore: id, collection: 'many' }).catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(43);
  });

  it('the driver kills an abandoned cursor on close', async () => {
    const mark = started.length;
    const cursor = db.collection('many').find({}).batchSize(5);
    await cursor.next();
    await cursor.close();
    expect(namesSince(mark)).toContain('killCursors');
  });

  it('closes the cursor with the last batch, honours limit and singleBatch', async () => {
    const limited = await db.command({ find: 'many', filter: {}, limit: 30, batchSize: 20 });
    expect(limited.cursor.firstBatch).toHaveLength(20);
    const rest = await db.command({ getMore: limited.cursor.id, collection: 'many', batchSize: 20 });
    expect(rest.cursor.nextBatch).toHaveLength(10);
    expect(rest.cursor.id.toString()).toBe('0');
    const single = await db.command({ find: 'many', filter: {}, limit: 5, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(5);
    expect(single.cursor.id.toString()).toBe('0');
  });

  it('a negative limit returns one batch and closes the cursor', async () => {
    const docs = await db.collection('many').find({}).sort({ _id: -1 }).limit(-3).toArray();
    expect(docs.map((d) => d._id)).toEqual([999, 998, 997]);
  });

  it('findOne and an empty result close the cursor at once', async () => {
    expect(await db.collection('many').findOne({ _id: 7 as never })).toMatchObject({ _id: 7 });
    const empty = await db.command({ find: 'many', filter: { _id: -1 } });
    expect(empty.cursor.firstBatch).toEqual([]);
    expect(empty.cursor.id.toString()).toBe('0');
  });

  it('listCollections cursors batch and can be killed', async () => {
    await db.createCollection('other');
    const reply = await db.command({ listCollections: 1, nameOnly: true, cursor: { batchSize: 1 } });
    expect(reply.cursor.firstBatch).toHaveLength(1);
    const killed = await db.command({ killCursors: '$cmd.listCollections', cursors: [reply.cursor.id] });
    expect(killed.cursorsKilled.map(String)).toEqual([reply.cursor.id.toString()]);
  });

  it('aggregate cursors batch too', async () => {
    const mark = started.length;
    const docs = await db.collection('many').aggregate([{ $match: { _id: { $lt: 250 } } }], { batchSize: 50 }).toArray();
    expect(docs).toHaveLength(250);
    expect(namesSince(mark).filter((n) => n === 'getMore').length).toBeGreaterThanOrEqual(4);
  });
});
