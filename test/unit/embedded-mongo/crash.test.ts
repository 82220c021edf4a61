// kill -9 of the real embedded server at random moments while 16 clients insert through the
// official driver: after every restart, each insert the server acknowledged must be there.
import { afterAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';

const { MongoClient } = mongoose.mongo;
const FIXTURE = path.join(import.meta.dirname, 'fixtures/server-child.ts');
// The wire server needs the store; until it is written this file has nothing to drive.
const ready = existsSync(path.join(import.meta.dirname, '../../../server/embedded-mongo/store/store.ts'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(): Promise<{ child: ChildProcess; uri: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (b: Buffer) => {
      const m = /READY (\d+)/.exec(b.toString());
      if (m) resolve({ child, uri: `mongodb://127.0.0.1:${m[1]}/?directConnection=true` });
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`server exited before READY (${code ?? signal})`)));
  });
}

const connect = (uri: string) =>
  new MongoClient(uri, { retryWrites: false, serverSelectionTimeoutMS: 3000, maxPoolSize: 16 }).connect();

it.skipIf(!ready)('keeps every acknowledged insert across 5 random kill -9 of the server', { timeout: 40_000 }, async () => {
  const acked = new Set<number>();
  let next = 1;
  for (let round = 0; round < 5; round++) {
    const { child, uri } = await start();
    const client = await connect(uri);
    const coll = client.db('crash').collection<{ _id: number; pad: string }>('docs');
    // Everything acknowledged before this restart must have survived the previous kill.
    const present = new Set((await coll.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    expect([...acked].filter((id) => !present.has(id)), `round ${round}: acknowledged but lost`).toEqual([]);

    let killed = false;
    const writer = async () => {
      while (!killed) {
        const _id = next++;
        try {
          await coll.insertOne({ _id, pad: 'x'.repeat(Math.floor(Math.random() ** 4 * 40_000)) });
          acked.add(_id); // a reply that arrived is an acknowledgement, even after the kill
        } catch {
          return; // the server is gone: this insert was never acknowledged
        }
      }
    };
    const writers = Array.from({ length: 16 }, writer);
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 350));
    const exited = new Promise((r) => child.once('exit', r));
    killed = true; // no new inserts (they would wait for server selection); 16 stay in flight
    child.kill('SIGKILL');
    await exited;
    await Promise.all(writers);
    await client.close();
  }
  const { child, uri } = await start();
  const client = await connect(uri);
  const ids = new Set((await client.db('crash').collection<{ _id: number }>('docs').find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
  await client.close();
  child.kill('SIGKILL');
  expect(acked.size).toBeGreaterThan(100);
  expect([...acked].filter((id) => !ids.has(id))).toEqual([]);
});
