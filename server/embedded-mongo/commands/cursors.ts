// Server-side cursors. The Store answers a query with every matching document at once; this
// registry hands them out in batches (firstBatch/nextBatch) the way mongod does, and forgets
// cursors that nobody asked about for 10 minutes.
import { randomBytes } from 'node:crypto';
import { calculateObjectSize, Long, type Document } from 'bson';
import { Codes, MongoError } from '../errors';
import { Limits } from '../wire/constants';

export const DEFAULT_FIRST_BATCH = 101;
export const CURSOR_IDLE_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

export interface FirstBatchOptions {
  batchSize?: number;
  singleBatch?: boolean;
}

export class CursorRegistry {
  private readonly open = new Map<bigint, OpenCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly idleMs = CURSOR_IDLE_MS, private readonly now = () => Date.now()) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, idleMs)).unref();
  }

  /** The `cursor` field of a find/aggregate/list reply; keeps the rest for getMore. */
  first(ns: string, docs: Document[], options: FirstBatchOptions = {}): Document {
    const limit = options.batchSize ?? DEFAULT_FIRST_BATCH;
    const firstBatch = takeBatch(docs, 0, limit);
    let id = Long.ZERO;
    if (!options.singleBatch && firstBatch.length < docs.length) {
      const key = this.newId();
      this.open.set(key, { ns, docs, position: firstBatch.length, lastUsed: this.now() });
      id = Long.fromBigInt(key);
    }
    return { id, ns, firstBatch };
  }

  next(ns: string, rawId: unknown, batchSize?: number): Document {
    const key = cursorKey(rawId);
    const cursor = key === undefined ? undefined : this.open.get(key);
    if (!cursor || key === undefined) throw new MongoError(Codes.CursorNotFound, `cursor id ${String(rawId)} not found`);
    if (cursor.ns !== ns) {
      throw new MongoError(Codes.BadValue, `cursor id ${key} belongs to ${cursor.ns}, not ${ns}`);
    }
    const nextBatch = takeBatch(cursor.docs, cursor.position, batchSize || Infinity);
    cursor.position += nextBatch.length;
    cursor.lastUsed = this.now();
    let id = Long.fromBigInt(key);
    if (cursor.position >= cursor.docs.length) {
      this.open.delete(key);
      id = Long.ZERO;
    }
    return { id, ns, nextBatch };
  }

  kill(ns: string, ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const key = cursorKey(raw);
      const asLong = key === undefined ? Long.ZERO : Long.fromBigInt(key);
      if (key !== undefined && this.open.get(key)?.ns === ns) {
        this.open.delete(key);
        killed.push(asLong);
      } else notFound.push(asLong);
    }
    return { killed, notFound };
  }

  get size(): number {
    return this.open.size;
  }

  sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [key, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(key);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }

  private newId(): bigint {
    for (;;) {
      // Positive, non-zero 63-bit ids like mongod's, so they are not guessable from each other.
      const key = randomBytes(8).readBigUInt64LE() >> 1n;
      if (key !== 0n && !this.open.has(key)) return key;
    }
  }
}

function cursorKey(raw: unknown): bigint | undefined {
  if (Long.isLong(raw)) return raw.toBigInt();
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return BigInt(raw);
  if (typeof raw === 'bigint') return raw;
  return undefined;
}

/** Up to `count` documents from `start`, never more than 16 MiB unless one document is alone. */
function takeBatch(docs: Document[], start: number, count: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length && batch.length < count; i++) {
    const size = calculateObjectSize(docs[i]);
    if (batch.length > 0 && bytes + size > Limits.maxBsonObjectSize) break;
    batch.push(docs[i]);
    bytes += size;
  }
  return batch;
}
