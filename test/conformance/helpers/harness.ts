// Where the conformance suite runs: against process.env.MONGODB_URI when set (a real MongoDB),
// otherwise against a fresh embedded server on a temporary data directory. Each test file gets
// its own database, dropped afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../../server/embedded-mongo/index';

export const { MongoClient, MongoServerError, MongoBulkWriteError, GridFSBucket } = mongoose.mongo;
export type Db = mongoose.mongo.Db;
export type Client = mongoose.mongo.MongoClient;

/** True when the suite runs against the embedded server (the default). */
export const embedded = !process.env.MONGODB_URI;

export interface Target {
  uri: string;
  dbName: string;
  client: Client;
  db: Db;
  close(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error: (obj: object, msg?: string) => console.error(msg, obj) };

export async function openTarget(label: string, clientOptions: mongoose.mongo.MongoClientOptions = {}): Promise<Target> {
  const dbName = `duban_conf_${label}_${process.pid}_${Date.now().toString(36)}`;
  let uri = process.env.MONGODB_URI;
  let stop = async () => {};
  if (!uri) {
    const dir = await mkdtemp(join(tmpdir(), 'duban-conformance-'));
    const server = await startEmbeddedMongo({ dir, logger: quiet });
    uri = server.uri;
    stop = async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, ...clientOptions }).connect();
  const db = client.db(dbName);
  return {
    uri,
    dbName,
    client,
    db,
    async close() {
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
        await stop();
      }
    },
  };
}

/** Every stage name in an explain tree, whatever the server's shape (classic, SBE, $cursor). */
export function planStages(explain: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'stage' && typeof value === 'string') found.push(value);
      if (key !== 'rejectedPlans') walk(value);
    }
  };
  walk(explain);
  return found;
}
