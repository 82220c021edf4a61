// The embedded store as the platform uses it: mongoose over the MongoDB wire protocol on
// loopback, the real journal (fdatasync before each acknowledgement). Baselines measured here:
// a loopback TCP echo (node:net) for the driver's ping, the disk's own write+fdatasync rate
// for acknowledged inserts, and the indexed query for the same query without its index.
import { mkdtemp, open, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../../server/embedded-mongo';
import { fmt, latNote, memoryMb, round, scaled, timed, type Row } from './lib';

const schema = new mongoose.Schema(
  { caseNo: { type: String, index: { unique: true } }, court: String, status: String, amount: Number, due: Date },
  { versionKey: false, autoIndex: false },
);
const doc = (i: number, prefix = 'D') => ({
  caseNo: `（2026）琼01执${prefix}${String(i).padStart(6, '0')}号`, court: `court${i % 50}`,
  status: i % 4 ? 'open' : 'closed', amount: (i * 13) % 100_000, due: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
});

async function tcpEcho(n: number) {
  const server = net.createServer((s) => s.pipe(s)).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const lat = await timed(n, 1, () => new Promise((r) => { socket.once('data', r); socket.write(Buffer.alloc(64)); }));
  socket.destroy();
  server.close();
  return lat;
}

async function diskSync(dir: string, n: number) {
  const fh = await open(path.join(dir, 'fsync-probe'), 'w');
  const buf = Buffer.alloc(200, 1);
  const lat = await timed(n, 1, async () => { await fh.write(buf); await fh.datasync(); });
  await fh.close();
  return lat;
}

const plan = async (q: mongoose.Query<unknown, unknown>) => {
  const text = JSON.stringify(await q.explain('queryPlanner'));
  return /IXSCAN/.test(text) ? 'IXSCAN' : /COLLSCAN/.test(text) ? 'COLLSCAN' : '?';
};

export async function benchWire(rows: Row[], log: (s: string) => void): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'duban-bench-wire-'));
  const server = await startEmbeddedMongo({ dir: path.join(dir, 'db'), port: 0 });
  const conn = await mongoose.createConnection(`${server.uri}/bench`).asPromise();
  try {
    const Docs = conn.model('Doc', schema, 'docs');
    const Inserts = conn.model('Ins', schema, 'inserts');
    await Docs.createIndexes();
    await Inserts.createIndexes();
    const admin = conn.getClient().db('admin');

    log('wire: ping, loopback echo, disk fdatasync');
    for (let i = 0; i < 300; i++) await admin.command({ ping: 1 });
    const echo = await tcpEcho(scaled(5_000, 500));
    const ping = await timed(scaled(5_000, 500), 1, () => admin.command({ ping: 1 }));
    const disk = await diskSync(dir, scaled(1_000, 200));
    rows.push(
      { benchmark: 'wire: ping round trip (mongodb driver, no mongoose)', figure: round(ping.rate), unit: 'ops/s',
        baseline: `${fmt(echo.rate)} ops/s loopback TCP echo (node:net)`, note: latNote(ping) },
      { benchmark: 'disk: 200-byte write + fdatasync (bare fs, same disk)', figure: round(disk.rate), unit: 'ops/s',
        note: `${latNote(disk)}; the ceiling for one writer waiting for each acknowledgement` },
    );

    const N = scaled(200_000, 5_000);
    log(`wire: loading ${N} documents through mongoose`);
    const before = memoryMb();
    let mem100k = before;
    const t0 = performance.now();
    for (let i = 0; i < N; i += 1_000) {
      await Docs.insertMany(Array.from({ length: Math.min(1_000, N - i) }, (_, j) => doc(i + j)), { lean: true });
      if (mem100k === before && i + 1_000 >= N / 2) mem100k = memoryMb();
    }
    const loadRate = N / ((performance.now() - t0) / 1000);
    const half = Math.min(N, Math.ceil(N / 2_000) * 1_000);
    const perDoc = ((mem100k.heap - before.heap) * 2 ** 20) / half;
    rows.push(
      { benchmark: `mongoose insertMany, 1,000/batch, journal on (${fmt(N)} docs)`, figure: round(loadRate), unit: 'docs/s' },
      { benchmark: 'memory per 100,000 small documents (5 fields, _id + unique caseNo index)', figure: round(perDoc * 100_000 / 2 ** 20, 1),
        unit: 'MB heap', note: `${round(perDoc)} bytes/doc heapUsed after GC (store in process); RSS +${fmt(mem100k.rss - before.rss)} MB for ${fmt(half)} docs` },
    );

    const key = (i: number) => doc((i * 7919) % N).caseNo;
    const indexedPlan = await plan(Docs.findOne({ caseNo: key(1) }));
    for (let i = 0; i < 200; i++) await Docs.findOne({ caseNo: key(i) }).lean();
    const seek = await timed(scaled(5_000, 500), 1, (i) => Docs.findOne({ caseNo: key(i) }).lean());
    await Docs.collection.dropIndex('caseNo_1');
    const scanPlan = await plan(Docs.findOne({ caseNo: key(1) }));
    const scan = await timed(scaled(30, 10), 1, (i) => Docs.findOne({ caseNo: key(i) }).lean());
    rows.push({
      benchmark: `mongoose findOne by indexed field, ${fmt(N)} docs`, figure: round(seek.rate), unit: 'queries/s',
      baseline: `${fmt(scan.rate)}/s without the index (${scanPlan}); ping ${fmt(ping.rate)}/s`, target: '≥ 2,000/s',
      note: `${seek.rate >= 2000 ? 'met' : 'MISSED'}; plan ${indexedPlan}; ${latNote(seek)}`,
    });

    log('wire: acknowledged inserts, 1 and 16 in flight');
    for (let i = 0; i < 100; i++) await Inserts.create(doc(i, 'W'));
    const one = await timed(scaled(2_000, 200), 1, (i) => Inserts.create(doc(1_000 + i, 'A')));
    const many = await timed(scaled(4_000, 400), 16, (i) => Inserts.create(doc(1_000 + i, 'B')));
    rows.push(
      { benchmark: 'mongoose create(), 1 in flight, journal on (fdatasync per ack)', figure: round(one.rate), unit: 'docs/s',
        baseline: `${fmt(disk.rate)}/s bare write+fdatasync`, target: '≥ 2,000/s',
        note: `${one.rate >= 2000 ? 'met' : 'MISSED: bound by this disk’s fdatasync (baseline), not by the store'}; ${latNote(one)}` },
      { benchmark: 'mongoose create(), 16 in flight (group commit)', figure: round(many.rate), unit: 'docs/s',
        baseline: `${fmt(one.rate)}/s with 1 in flight`, note: latNote(many) },
    );
  } finally {
    await conn.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
