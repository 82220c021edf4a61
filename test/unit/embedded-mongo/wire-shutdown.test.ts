// Closing the server under load: requests already read are answered, later ones are never
// executed, so every write a client saw acknowledged is on disk and no unacknowledged write is.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo } from '../../../server/embedded-mongo/index';

const quiet = { info() {}, warn() {}, error() {} };
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('server shutdown', () => {
  it('closes promptly with clients connected; acknowledged writes are exactly the durable ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-shutdown-'));
    dirs.push(dir);
    const db = await startEmbeddedMongo({ dir, logger: quiet });
    const client = await new mongoose.mongo.MongoClient(db.uri, { serverSelectionTimeoutMS: 500, maxPoolSize: 30 }).connect();
    const coll = client.db('s').collection('c');
    await coll.insertOne({ first: true });
    const writes = Promise.all(
      Array.from({ length: 40 }, (_, i) => coll.insertOne({ i }).then(() => true, () => false)),
    );
    await new Promise((resolve) => setTimeout(resolve, 2));
    const started = Date.now();
    await db.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    const acknowledged = (await writes).filter(Boolean).length;
    await client.close();

    const reopened = await startEmbeddedMongo({ dir, logger: quiet });
    try {
      expect(reopened.store.count('s', 'c', {})).toBe(1 + acknowledged);
    } finally {
      await reopened.close();
    }
  });
});
