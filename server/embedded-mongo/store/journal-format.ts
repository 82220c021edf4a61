// The on-disk framing shared by journal and snapshot files, and the errors durability raises.
// A frame is [u32 LE payload length][u32 LE CRC-32 of the payload][payload], and a payload is
// one or more BSON documents back to back. The checksum is what tells a torn write from data.
import zlib from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import CRC32 from 'crc-32';
import { BSON, type DeserializeOptions, type Document } from 'bson';

export const FRAME_HEADER = 8;
const MIN_BSON = 5;

// zlib.crc32 (Node >= 20.15) is native and ~4x faster; both compute the same IEEE CRC-32.
const crcOf: (data: Uint8Array, seed?: number) => number =
  typeof zlib.crc32 === 'function'
    ? (d, s) => zlib.crc32(d, s ?? 0)
    : (d, s) => CRC32.buf(d, s ?? 0) >>> 0;

export function crc32(parts: readonly Uint8Array[]): number {
  let crc = 0;
  for (const p of parts) crc = crcOf(p, crc);
  return crc;
}

export type DurabilityErrorKind = 'corrupt' | 'locked' | 'io' | 'closed';

/** Every failure carries a Chinese and an English sentence: operators read the first. */
export class DurabilityError extends Error {
  constructor(
    readonly kind: DurabilityErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DurabilityError';
  }
}

export const corrupt = (file: string, offset: number, why: string) =>
  new DurabilityError(
    'corrupt',
    `数据文件已损坏: ${file} 偏移 ${offset}: ${why}；为避免丢失数据，拒绝启动，请从备份恢复或人工检查 ` +
      `(data file corrupt: ${file} at offset ${offset}: ${why}; refusing to start rather than lose data)`,
  );

/**
 * Wraps a system error so that ENOSPC/EACCES read clearly and the code stays visible.
 * `what` is "中文 (english)". Anything that is not a system error is passed through untouched.
 */
export function ioError(what: string, file: string, err: unknown): Error {
  if (err instanceof DurabilityError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string' || !code.startsWith('E')) return err as Error;
  const [, zhWhat = what, enWhat = what] = /^(.*) \((.*)\)$/.exec(what) ?? [];
  const zh =
    code === 'ENOSPC' ? '磁盘已满' :
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? '没有写权限' : 'I/O 错误';
  return new DurabilityError(
    'io',
    `${zh}，无法${zhWhat}: ${file} (${code}: cannot ${enWhat} ${file}: ${(err as Error).message})`,
    { cause: err },
  );
}

/** Serialises one document; records beyond bson's 17 MiB scratch buffer get a bigger one. */
export function toBson(doc: Document): Buffer {
  let u8: Uint8Array;
  try {
    u8 = BSON.serialize(doc);
  } catch (err) {
    const size = BSON.calculateObjectSize(doc);
    if (size <= 17 * 1024 * 1024) throw err;
    // Supported by bson 7 at run time, missing from its types.
    u8 = BSON.serialize(doc, { minInternalBufferSize: size + 1024 } as BSON.SerializeOptions);
  }
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** One frame, header included, ready to be written. */
export function encodeFrame(docs: readonly Buffer[]): Buffer {
  let len = 0;
  for (const d of docs) len += d.length;
  const head = Buffer.allocUnsafe(FRAME_HEADER);
  head.writeUInt32LE(len, 0);
  head.writeUInt32LE(crc32(docs), 4);
  return Buffer.concat([head, ...docs], FRAME_HEADER + len);
}

/** Splits a checksummed payload into documents; a payload that does not tile is corruption. */
export function decodePayload(
  payload: Buffer, file: string, offset: number, opts: DeserializeOptions,
): Document[] {
  const docs: Document[] = [];
  for (let p = 0; p < payload.length; ) {
    const size = payload.length - p >= 4 ? payload.readInt32LE(p) : -1;
    if (size < MIN_BSON || p + size > payload.length) {
      throw corrupt(file, offset, `invalid BSON length ${size} inside a checksummed frame`);
    }
    try {
      docs.push(BSON.deserialize(payload.subarray(p, p + size), opts));
    } catch (err) {
      throw corrupt(file, offset, `undecodable BSON (${(err as Error).message})`);
    }
    p += size;
  }
  return docs;
}

/** Reads a file through a window so that recovery costs few syscalls, whatever the frame size. */
export class BlockReader {
  private win = Buffer.alloc(0);
  private winPos = 0;
  constructor(private readonly fh: FileHandle, readonly size: number) {}

  async read(pos: number, len: number): Promise<Buffer> {
    const off = pos - this.winPos;
    if (off >= 0 && off + len <= this.win.length) return this.win.subarray(off, off + len);
    const n = Math.min(Math.max(len, 4 << 20), this.size - pos);
    const buf = Buffer.allocUnsafe(n);
    for (let done = 0; done < n; ) {
      const { bytesRead } = await this.fh.read(buf, done, n - done, pos + done);
      if (bytesRead === 0) throw new Error(`unexpected end of file at ${pos + done}`);
      done += bytesRead;
    }
    this.win = buf;
    this.winPos = pos;
    return buf.subarray(0, len);
  }
}

export type Frame =
  | { ok: true; pos: number; end: number; payload: Buffer }
  | { ok: false; pos: number; why: string };

/** The frame at pos, a description of why there is none, or null exactly at end of file. */
export async function readFrame(r: BlockReader, pos: number): Promise<Frame | null> {
  if (pos === r.size) return null;
  if (r.size - pos < FRAME_HEADER) return { ok: false, pos, why: 'partial frame header' };
  const head = await r.read(pos, FRAME_HEADER);
  const len = head.readUInt32LE(0);
  const crc = head.readUInt32LE(4);
  if (len < MIN_BSON) return { ok: false, pos, why: `invalid frame length ${len}` };
  if (pos + FRAME_HEADER + len > r.size) {
    return { ok: false, pos, why: `frame of ${len} bytes runs past the end of the file` };
  }
  // Copy: the window is reused, and decoded Binary values may keep a reference to it.
  const payload = Buffer.from(await r.read(pos + FRAME_HEADER, len));
  if (crc32([payload]) !== crc) return { ok: false, pos, why: 'checksum mismatch' };
  return { ok: true, pos, end: pos + FRAME_HEADER + len, payload };
}

/** Whether any intact frame starts after `from`: that is what separates corruption from a torn tail. */
export async function intactFrameAfter(r: BlockReader, from: number): Promise<number | null> {
  // Error path only: hold the whole rest of the file so the byte-by-byte scan does no I/O.
  const tail = await r.read(from, r.size - from);
  for (let q = 1; q + FRAME_HEADER + MIN_BSON <= tail.length; q++) {
    const len = tail.readUInt32LE(q);
    if (len < MIN_BSON || q + FRAME_HEADER + len > tail.length) continue;
    const first = tail.readInt32LE(q + FRAME_HEADER); // a payload starts with a BSON length
    if (first < MIN_BSON || first > len) continue;
    const payload = tail.subarray(q + FRAME_HEADER, q + FRAME_HEADER + len);
    if (crc32([payload]) === tail.readUInt32LE(q + 4)) return from + q;
  }
  return null;
}
