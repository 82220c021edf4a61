// The write-ahead journal's group-commit writer (the reader is journal-reader.ts).
// One write + one fdatasync covers every append queued while the previous sync ran, and the
// whole batch is ONE frame. So a frame is on disk completely before the next is written, which
// is what makes "bad frame followed by an intact one" proof of corruption, not of a crash.
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { DurabilityError, encodeFrame, ioError } from './journal-format';
import { fsyncDir } from './lock';

/** A batch stops growing here so that one huge burst does not delay everyone behind it. */
const MAX_BATCH_BYTES = 64 << 20;
/** A frame length is a u32; one group beyond it cannot be framed (the store's batches are far smaller). */
const MAX_FRAME_BYTES = 0xffff_ffff;

interface Group { docs: Buffer[]; bytes: number; resolve(): void; reject(e: Error): void }
interface Rotation { barrier: boolean; resolve(r: Rotated): void; reject(e: Error): void }
export interface Rotated { gen: number; closedBytes: number }
type Item = { group: Group } | { rotation: Rotation };

export class JournalWriter {
  private queue: Item[] = [];
  private running = false;
  private broken: Error | null = null;

  private path: string;

  private constructor(
    private fh: FileHandle,
    private gen: number,
    private pos: number,
    private readonly fileFor: (gen: number) => string,
  ) {
    this.path = fileFor(gen);
  }

  /** Opens an existing journal (already recovered and cut) or creates an empty one. */
  static async open(
    fileFor: (gen: number) => string, gen: number, pos: number, create: boolean,
  ): Promise<JournalWriter> {
    const path = fileFor(gen);
    try {
      const fh = await open(path, create ? 'wx' : 'r+');
      if (create) await fsyncDir(path);
      return new JournalWriter(fh, gen, pos, fileFor);
    } catch (err) {
      throw ioError('打开日志文件 (open journal)', path, err);
    }
  }

  /** Bytes in the current journal file. */
  get size(): number { return this.pos; }

  append(docs: Buffer[]): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (docs.length === 0) return Promise.resolve();
    let bytes = 0;
    for (const d of docs) bytes += d.length;
    if (bytes > MAX_FRAME_BYTES) {
      return Promise.reject(new DurabilityError('io', `一次写入过大 (${bytes} bytes in one write group; the limit is ${MAX_FRAME_BYTES})`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ group: { docs, bytes, resolve, reject } });
      this.kick();
    });
  }

  /**
   * Appends queued after this call go to the next generation's file; resolves once the old file
   * is fully synced. The writer picks the number when it runs, so a failed rotation leaves no gap.
   */
  rotate(barrier = false): Promise<Rotated> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ rotation: { barrier, resolve, reject } });
      this.kick();
    });
  }

  /** Waits for everything queued, then closes the file. */
  async close(): Promise<void> {
    await this.rotate(true).catch(() => undefined);
    await this.fh.close().catch(() => undefined);
    this.broken ??= new DurabilityError('closed', '日志已关闭 (journal is closed)');
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      if (this.queue.length) this.kick();
    });
  }

  private async run(): Promise<void> {
    while (this.queue.length) {
      const head = this.queue[0];
      if ('rotation' in head) {
        this.queue.shift();
        await this.doRotate(head.rotation);
        continue;
      }
      const batch: Group[] = [];
      let bytes = 0;
      while (
        this.queue.length && 'group' in this.queue[0] &&
        (!batch.length || bytes + (this.queue[0] as { group: Group }).group.bytes <= MAX_BATCH_BYTES)
      ) {
        const g = (this.queue.shift() as { group: Group }).group;
        batch.push(g);
        bytes += g.bytes;
      }
      await this.writeBatch(batch);
    }
  }

  private async writeBatch(batch: Group[]): Promise<void> {
    if (this.broken) return batch.forEach((g) => g.reject(this.broken!));
    let frame: Buffer;
    try {
      frame = encodeFrame(batch.flatMap((g) => g.docs));
    } catch (err) {
      return batch.forEach((g) => g.reject(err as Error)); // e.g. out of memory
    }
    try {
      for (let done = 0; done < frame.length; ) {
        const { bytesWritten } = await this.fh.write(frame, done, frame.length - done, this.pos + done);
        done += bytesWritten;
      }
    } catch (err) {
      // Cut the partial frame so the next batch does not land behind garbage (which recovery
      // would rightly call corruption). The queue keeps going: space may come back.
      const e = ioError('写入日志 (write journal)', this.path, err);
      await this.fh.truncate(this.pos).catch(() => { this.broken = e; });
      return batch.forEach((g) => g.reject(e));
    }
    try {
      await this.fh.datasync();
    } catch (err) {
      // After a failed fsync the kernel may have dropped the pages: nothing written since the
      // last good sync can be trusted. Refuse everything until a restart recovers from disk.
      this.broken = ioError('同步日志到磁盘，需重启 (fdatasync journal; restart required)', this.path, err);
      return batch.forEach((g) => g.reject(this.broken!));
    }
    this.pos += frame.length;
    for (const g of batch) g.resolve();
  }

  private async doRotate(r: Rotation): Promise<void> {
    if (this.broken) return r.reject(this.broken);
    if (r.barrier) return r.resolve({ gen: this.gen, closedBytes: 0 });
    const path = this.fileFor(this.gen + 1);
    let next: FileHandle | undefined;
    try {
      next = await open(path, 'wx');
      await fsyncDir(path);
    } catch (err) {
      // Remove the half-made file, or the retry of this rotation would find it and fail.
      if (next) await next.close().then(() => unlink(path)).catch(() => undefined);
      return r.reject(ioError('创建新日志文件 (create journal)', path, err));
    }
    await this.fh.close().catch(() => undefined); // fully synced by the batches before
    const closedBytes = this.pos;
    this.fh = next;
    this.path = path;
    this.gen += 1;
    this.pos = 0;
    r.resolve({ gen: this.gen, closedBytes });
  }
}
