// Snapshot files and the CURRENT pointer.
// A snapshot is a sequence of frames (journal-format.ts). Each frame starts with a small
// "kind" document: head (format, generation), coll (ns, options, indexes, count), docs
// (followed by that collection's documents) and end (totals). A file without its end frame
// was cut short; any bad checksum is corruption: a snapshot is written once, then fsynced.
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { DeserializeOptions, Document } from 'bson';
import type { SnapshotCollection } from './durability.types';
import { BlockReader, corrupt, decodePayload, encodeFrame, ioError, readFrame, toBson } from './journal-format';
import { fsyncDir } from './lock';

const FORMAT = 'duban-snapshot';
const VERSION = 1;
const FRAME_TARGET = 1 << 20; // documents per frame: about 1 MiB
const WRITE_TARGET = 8 << 20; // bytes buffered before a write()

export const snapshotFile = (dir: string, gen: number) => path.join(dir, `snapshot.${gen}.bson`);

/** Streams the collections into snapshot.<gen>.tmp, fsyncs, renames, fsyncs the directory. */
export async function writeSnapshotFile(
  dir: string, gen: number, collections: Iterable<SnapshotCollection>,
): Promise<number> {
  const tmp = path.join(dir, `snapshot.${gen}.tmp`);
  const final = snapshotFile(dir, gen);
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'w');
    const out = new FrameWriter(fh);
    await out.frame([toBson({ k: 'head', format: FORMAT, version: VERSION, gen, created: new Date() })]);
    let colls = 0;
    let total = 0;
    for (const c of collections) {
      colls++;
      total += c.docs.length;
      await out.frame([toBson({ k: 'coll', ns: c.ns, options: c.options, indexes: c.indexes, count: c.docs.length })]);
      let part: Buffer[] = [];
      let bytes = 0;
      for (const doc of c.docs) {
        if (!part.length) part.push(toBson({ k: 'docs' }));
        const b = toBson(doc);
        part.push(b);
        bytes += b.length;
        if (bytes >= FRAME_TARGET) {
          await out.frame(part);
          part = [];
          bytes = 0;
        }
      }
      if (part.length) await out.frame(part);
    }
    await out.frame([toBson({ k: 'end', collections: colls, docs: total })]);
    await out.flush();
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, final);
    await fsyncDir(final);
    return out.written;
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw ioError('写入快照 (write snapshot)', tmp, err);
  }
}

class FrameWriter {
  private pending: Buffer[] = [];
  private bytes = 0;
  written = 0;
  constructor(private readonly fh: FileHandle) {}

  async frame(docs: Buffer[]): Promise<void> {
    const f = encodeFrame(docs);
    this.pending.push(f);
    this.bytes += f.length;
    if (this.bytes >= WRITE_TARGET) await this.flush();
  }

  async flush(): Promise<void> {
    const buf = Buffer.concat(this.pending, this.bytes);
    this.pending = [];
    this.bytes = 0;
    for (let done = 0; done < buf.length; ) {
      const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, this.written);
      done += bytesWritten;
      this.written += bytesWritten;
    }
  }
}

/** Loads a snapshot completely or throws: a snapshot is never partially believed. */
export async function readSnapshotFile(
  file: string, gen: number, opts: DeserializeOptions,
): Promise<SnapshotCollection[]> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw corrupt(file, 0, 'the snapshot named by CURRENT is missing');
    throw ioError('读取快照 (read snapshot)', file, err);
  }
  try {
    const r = new BlockReader(fh, (await fh.stat()).size);
    const out: SnapshotCollection[] = [];
    let cur: (SnapshotCollection & { count: number }) | undefined;
    const closeColl = (at: number) => {
      if (cur && cur.docs.length !== cur.count) {
        throw corrupt(file, at, `collection ${cur.ns} has ${cur.docs.length} documents, header says ${cur.count}`);
      }
    };
    for (let pos = 0, n = 0; ; n++) {
      const f = await readFrame(r, pos);
      if (f?.ok) pos = f.end;
      if (!f) throw corrupt(file, pos, 'snapshot ends without its end marker (truncated)');
      if (!f.ok) throw corrupt(file, pos, f.why);
      const at = f.pos;
      const [kind, ...docs] = decodePayload(f.payload, file, at, opts);
      if ((n === 0) !== (kind.k === 'head')) throw corrupt(file, at, 'missing or misplaced snapshot header');
      if (kind.k === 'head') {
        if (kind.format !== FORMAT || kind.version !== VERSION || kind.gen !== gen) {
          throw corrupt(file, at, `unexpected header ${JSON.stringify(kind)}`);
        }
      } else if (kind.k === 'coll') {
        closeColl(at);
        cur = { ns: kind.ns, options: kind.options, indexes: kind.indexes, count: kind.count, docs: [] };
        out.push(cur);
      } else if (kind.k === 'docs' && cur) {
        for (const d of docs) cur.docs.push(d);
      } else if (kind.k === 'end') {
        closeColl(at);
        const total = out.reduce((s, c) => s + c.docs.length, 0);
        if (kind.collections !== out.length || kind.docs !== total) throw corrupt(file, at, 'totals do not match');
        if (f.end !== r.size) throw corrupt(file, f.end, 'data after the end marker');
        return out.map(({ ns, options, indexes, docs: d }) => ({ ns, options, indexes, docs: d }));
      } else {
        throw corrupt(file, at, `unexpected frame ${JSON.stringify(kind as Document)}`);
      }
    }
  } finally {
    await fh.close();
  }
}

/** CURRENT names the snapshot to start from ("snapshot 0" = none yet). */
export async function readCurrent(dir: string): Promise<number | null> {
  const file = path.join(dir, 'CURRENT');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError('读取 CURRENT (read CURRENT)', file, err);
  }
  const m = /^snapshot (\d+)\n$/.exec(text);
  if (!m) throw corrupt(file, 0, `unreadable content ${JSON.stringify(text.slice(0, 40))}`);
  return Number(m[1]);
}

/** Replaces CURRENT atomically (temp file, fsync, rename, fsync directory). */
export async function writeCurrent(dir: string, gen: number): Promise<void> {
  const file = path.join(dir, 'CURRENT');
  try {
    const fh = await open(`${file}.tmp`, 'w');
    try {
      await fh.writeFile(`snapshot ${gen}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(`${file}.tmp`, file);
    await fsyncDir(file);
  } catch (err) {
    throw ioError('写入 CURRENT (write CURRENT)', file, err);
  }
}
