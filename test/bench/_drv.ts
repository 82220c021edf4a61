import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../server/embedded-mongo';
import { mkdtempSync } from 'node:fs';
const e = await startEmbeddedMongo({ dir: mkdtempSync('/tmp/pp-'), port: 0 });
for (const opts of [{}, { directConnection: true }, { maxPoolSize: 1 }]) {
  const client = new mongoose.mongo.MongoClient(e.uri, opts as any);
  await client.connect();
  const db = client.db('admin');
  for (let i = 0; i < 200; i++) await db.command({ ping: 1 });
  let t = performance.now();
  for (let i = 0; i < 3000; i++) await db.command({ ping: 1 });
  console.log(JSON.stringify(opts), 'driver ping/s', Math.round(3000 / ((performance.now() - t) / 1000)));
  await client.close();
}
await e.close();
