import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Binary, Long, ObjectId } from 'bson';
import { openDurability } from '../../../server/embedded-mongo/store/durability';
import type { JournalRecord } from '../../../server/embedded-mongo/store/durability.types';

const require = createRequire(import.meta.url);
const FIXTURE = path.join(import.meta.dirname, 'fixtures/durability-child.ts');
const dirs: string[] = [];
const open: { close(): Promise<void> }[] = [];

function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'duban-dur-'));
  dirs.push(d);
  return d;
}

function quietLog() {
  const lines: string[] = [];
  return { lines, info: (_o: object, m: string) => void lines.push(m), warn: (_o: object, m: string) => void lines.push(m) };
}

async function openAt(dir: string, logger = quietLog()) {
  const d = openDurability(dir, { logger });
  open.push(d);
  return { d, ...(await d.open()), logger };
}

const put = (id: number, extra: object = {}): JournalRecord => ({ t: 'put', ns: 'db.c', doc: { _id: id, ...extra } });
const ids = (records: JournalRecord[]) => records.map((r) => (r.t === 'put' ? r.doc._id : r.t));
const journal0 = (dir: string) => path.join(dir, 'journal.0.log');

afterEach(async () => {
  for (const d of open.splice(0)) await d.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('journal', () => {
  it('round-trips records and BSON types across a reopen', async () => {
    const dir = tmp();
    const { d, snapshot, records } = await openAt(dir);
    expect(snapshot).toEqual([]);
    expect(records).toEqual([]);
    const oid = new ObjectId();
    const doc = { _id: oid, big: Long.fromString('9007199254740993'), at: new Date(5), bin: new Binary(Buffer.from('hi')), n: 1.5 };
    await d.append([{ t: 'createCollection', ns: 'db.c', options: {} }, { t: 'put', ns: 'db.c', doc }]);
    await d.append([{ t: 'del', ns: 'db.c', id: oid }, { t: 'dropDatabase', db: 'db' }]);
    expect(d.journalBytes()).toBeGreaterThan(0);
    await d.close();
    const again = await openAt(dir);
    expect(again.records.map((r) => r.t)).toEqual(['createCollection', 'put', 'del', 'dropDatabase']);
    const back = (again.records[1] as unknown as { doc: typeof doc }).doc;
    expect(back._id.equals(oid)).toBe(true);
    expect(back.big.toString()).toBe('9007199254740993');
    expect(back.at).toEqual(new Date(5));
    expect(Buffer.from(back.bin.buffer).toString()).toBe('hi');
    expect(back.n).toBe(1.5);
  });

  it('keeps 100 parallel appends, all acknowledged, in call order', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    await Promise.all(Array.from({ length: 100 }, (_, i) => d.append([put(i)])));
    await d.close();
    expect(ids((await openAt(dir)).records)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('stores a 16 MiB document and a group of 20,000 records', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    await d.append([put(1, { blob: 'y'.repeat(16 * 1024 * 1024 - 100) })]);
    await d.append(Array.from({ length: 20_000 }, (_, i) => put(i + 2)));
    await d.close();
    const { records } = await openAt(dir);
    expect(records).toHaveLength(20_001);
    expect((records[0] as unknown as { doc: { blob: string } }).doc.blob.length).toBe(16 * 1024 * 1024 - 100);
  });

  it('cuts a torn tail (partial record, then garbage) and keeps earlier records', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    await d.append([put(1)]);
    await d.append([put(2)]);
    const good = statSync(journal0(dir)).size;
    await d.append([put(3, { pad: 'z'.repeat(500) })]);
    await d.close();
    truncateSync(journal0(dir), good + 100); // crash in the middle of the third frame
    const a = await openAt(dir);
    expect(ids(a.records)).toEqual([1, 2]);
    expect(a.logger.lines.join()).toMatch(/torn journal tail cut/);
    expect(statSync(journal0(dir)).size).toBe(good);
    await a.d.append([put(4)]); // appends after the cut must land on a clean boundary
    await a.d.close();
    appendFileSync(journal0(dir), Buffer.from([9, 0, 0, 0, 1, 2, 3])); // garbage after it
    const b = await openAt(dir);
    expect(ids(b.records)).toEqual([1, 2, 4]);
    await b.d.close();
    expect(ids((await openAt(dir)).records)).toEqual([1, 2, 4]);
  });

  it('refuses to start on corruption before the tail, naming file and offset', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    for (let i = 0; i < 3; i++) await d.append([put(i, { pad: 'p'.repeat(50) })]);
    await d.close();
    const bytes = readFileSync(journal0(dir));
    bytes[20] ^= 0xff; // inside the first frame's payload
    writeFileSync(journal0(dir), bytes);
    const err = await openDurability(dir, { logger: quietLog() }).open().catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/损坏.*journal\.0\.log.*偏移 0.*data file corrupt/);
    expect(readFileSync(journal0(dir))).toEqual(bytes); // nothing was cut
    // and the lock was released: a repaired directory can be opened by the next attempt
    writeFileSync(journal0(dir), Buffer.alloc(0));
    expect((await openAt(dir)).records).toEqual([]);
  });

  it('rejects a directory it cannot create', async () => {
    const file = path.join(tmp(), 'plain-file');
    writeFileSync(file, 'x');
    const err = await openDurability(path.join(file, 'db'), { logger: quietLog() }).open().catch((e: Error) => e);
    expect(String(err)).toMatch(/无法创建数据目录.*ENOTDIR/);
  });

  it('refuses data files without CURRENT instead of starting empty', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    await d.append([put(1)]);
    await d.close();
    rmSync(path.join(dir, 'CURRENT'));
    await expect(openDurability(dir, { logger: quietLog() }).open()).rejects.toThrow(/CURRENT.*missing/);
  });
});

describe('snapshots', () => {
  const coll = (n: number) => ({ ns: 'db.c', options: { capped: false }, indexes: [{ name: 'a_1', key: { a: 1 as const } }],
    docs: Array.from({ length: n }, (_, i) => ({ _id: i, a: i })) });

  it('loads the snapshot, then the records written after it; older files are gone', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    await d.append([put(100)]);
    const before = d.journalBytes();
    await d.writeSnapshot([coll(5000), { ns: 'db.empty', options: {}, indexes: [], docs: [] }]);
    expect(d.journalBytes()).toBeLessThan(before);
    await d.append([put(101)]);
    await d.close();
    expect(readdirSync(dir).sort()).toEqual(['CURRENT', 'journal.1.log', 'snapshot.1.bson']);
    const { snapshot, records } = await openAt(dir);
    expect(snapshot.map((c) => [c.ns, c.docs.length])).toEqual([['db.c', 5000], ['db.empty', 0]]);
    expect(snapshot[0].indexes).toEqual([{ name: 'a_1', key: { a: 1 } }]);
    expect(ids(records)).toEqual([101]);
  });

  it('serves a burst of snapshot requests with the newest state', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    const calls = [];
    for (let i = 1; i <= 5; i++) {
      await d.append([put(i)]);
      calls.push(d.writeSnapshot([{ ns: 'db.c', options: {}, indexes: [], docs: Array.from({ length: i }, (_, k) => ({ _id: k + 1 })) }]));
    }
    await d.append([put(6)]);
    await Promise.all(calls);
    await d.close();
    expect(readdirSync(dir).sort()).toEqual(['CURRENT', 'journal.5.log', 'snapshot.5.bson']);
    const { snapshot, records } = await openAt(dir);
    expect(snapshot[0].docs.map((x) => x._id)).toEqual([1, 2, 3, 4, 5]);
    expect(ids(records)).toEqual([6]);
  });

  it('refuses a corrupt, truncated or missing snapshot', async () => {
    const dir = tmp();
    const { d } = await openAt(dir);
    await d.writeSnapshot([coll(100)]);
    await d.close();
    const file = path.join(dir, 'snapshot.1.bson');
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[200] ^= 1;
    for (const [bytes, why] of [[flipped, /checksum/], [good.subarray(0, good.length - 10), /past the end|end marker/]] as const) {
      writeFileSync(file, bytes);
      await expect(openDurability(dir, { logger: quietLog() }).open()).rejects.toThrow(why);
    }
    rmSync(file);
    await expect(openDurability(dir, { logger: quietLog() }).open()).rejects.toThrow(/snapshot named by CURRENT is missing/);
  });

  it('recovers when a crash left a renamed snapshot but CURRENT not yet switched', async () => {
    const a = tmp();
    const b = tmp();
    const first = await openAt(a);
    await first.d.append([put(1)]);
    await first.d.close();
    for (const f of readdirSync(a)) writeFileSync(path.join(b, f), readFileSync(path.join(a, f)));
    const second = await openAt(a);
    await second.d.writeSnapshot([{ ns: 'db.c', options: {}, indexes: [], docs: [{ _id: 1 }] }]);
    await second.d.append([put(2)]);
    await second.d.close();
    // b = a at the crash point: journal.0 (CURRENT 0), journal.1, snapshot.1, a stray temp file.
    for (const f of ['journal.1.log', 'snapshot.1.bson']) writeFileSync(path.join(b, f), readFileSync(path.join(a, f)));
    writeFileSync(path.join(b, 'snapshot.2.tmp'), 'half');
    rmSync(path.join(b, 'mongod.lock'), { force: true });
    const r = await openAt(b);
    expect(r.snapshot).toEqual([]);
    expect(ids(r.records)).toEqual([1, 2]);
    expect(readdirSync(b).sort()).toEqual(['CURRENT', 'journal.0.log', 'journal.1.log', 'mongod.lock']);
  });
});

describe('lock file', () => {
  const child = (dir: string) => spawn(process.execPath, ['--import', 'tsx', FIXTURE, 'lock', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = (p: ReturnType<typeof child>) =>
    new Promise<Record<string, unknown>>((resolve) => p.stdout!.once('data', (b: Buffer) => resolve(JSON.parse(b.toString()))));

  it('refuses a second open in the same process', async () => {
    const dir = tmp();
    await openAt(dir);
    await expect(openDurability(dir).open()).rejects.toThrow(`数据目录 ${dir} 已被进程 ${process.pid}`);
  });

  it('refuses a second process, both ways', async () => {
    const dir = tmp();
    await openAt(dir);
    const p = child(dir);
    expect((await firstLine(p)).error).toMatch(`(data directory in use by pid ${process.pid})`);
    const dir2 = tmp();
    const holder = child(dir2);
    try {
      expect(await firstLine(holder)).toMatchObject({ ok: true });
      await expect(openDurability(dir2).open()).rejects.toThrow(`data directory in use by pid ${holder.pid}`);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over the lock of a dead process, with a log line', async () => {
    const dir = tmp();
    const dead = await new Promise<number>((resolve) => {
      const p = execFile(process.execPath, ['-e', '0'], () => resolve(p.pid!));
    });
    writeFileSync(path.join(dir, 'mongod.lock'), `${dead}\n1\n`);
    const { logger } = await openAt(dir);
    expect(logger.lines.join()).toMatch(/stale lock/);
    expect(readFileSync(path.join(dir, 'mongod.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
  });

  // Issue 12: in a container whose pid 1 does not reap, a killed server stays a zombie for
  // ever and kill(pid, 0) still succeeds. A shell that execs into `sleep` is such a parent: its
  // background child exits and is never waited for.
  it('takes over the lock of a zombie (exited, not reaped) owner, not that of a live one', async () => {
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 120'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const zombie = Number((await new Promise<string>((resolve) => parent.stdout!.once('data', (b: Buffer) => resolve(b.toString())))).trim());
      const stateOf = (pid: number) => { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); return s.slice(s.lastIndexOf(')') + 2).split(' '); };
      await expect.poll(() => stateOf(zombie)[0], { timeout: 30_000, interval: 50 }).toBe('Z');
      expect(() => process.kill(zombie, 0)).not.toThrow(); // what the old check counted as alive
      const dir = tmp();
      writeFileSync(path.join(dir, 'mongod.lock'), `${zombie}\n${stateOf(zombie)[19]}\n`); // its own pid and start time
      const { logger } = await openAt(dir);
      expect(logger.lines.join()).toMatch(/stale lock/);
      expect(readFileSync(path.join(dir, 'mongod.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));

      // The zombie's parent is alive with the same evidence: its lock holds.
      const busy = tmp();
      writeFileSync(path.join(busy, 'mongod.lock'), `${parent.pid}\n${stateOf(parent.pid!)[19]}\n`);
      await expect(openDurability(busy, { logger: quietLog() }).open()).rejects.toThrow(`data directory in use by pid ${parent.pid}`);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});

describe('full disk (needs root to mount a 2 MiB tmpfs; skipped otherwise)', () => {
  const mnt = path.join(os.tmpdir(), `duban-full-${process.pid}`);
  const mounted = (() => {
    if (process.getuid?.() !== 0) return false;
    try {
      rmSync(mnt, { recursive: true, force: true });
      require('node:fs').mkdirSync(mnt);
      require('node:child_process').execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  afterAll(() => {
    if (mounted) require('node:child_process').execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });
  const fill = (leave: number) => {
    const free = () => { const s = require('node:fs').statfsSync(mnt); return s.bavail * s.bsize; };
    writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(Math.max(0, free() - leave)));
  };

  it.skipIf(!mounted)('fails at start with a clear ENOSPC error, never an empty database', async () => {
    fill(0);
    await expect(openDurability(path.join(mnt, 'db0'), { logger: quietLog() }).open()).rejects.toThrow(/磁盘已满.*ENOSPC/);
    rmSync(path.join(mnt, 'filler'));
  });

  it.skipIf(!mounted)('rejects an append with ENOSPC, then carries on cleanly when space returns', async () => {
    const dir = path.join(mnt, 'db1');
    const { d } = await openAt(dir);
    await d.append([put(1)]);
    fill(64 * 1024);
    await expect(d.append([put(2, { pad: 'q'.repeat(300_000) })])).rejects.toThrow(/磁盘已满.*ENOSPC/);
    await d.append([put(3)]); // small enough to fit: the failed frame was cut away
    rmSync(path.join(mnt, 'filler'));
    await d.append([put(4, { pad: 'q'.repeat(300_000) })]);
    await d.close();
    expect(ids((await openAt(dir)).records)).toEqual([1, 3, 4]);
  });
});
