// Making in-memory changes durable. A write applies its changes in memory synchronously
// (JavaScript runs one call at a time, so checks and changes cannot interleave), then resolves
// only once the journal records describing them are fsynced. A failed journal write leaves
// memory ahead of the disk, so from then on every write is refused (code 1) and no snapshot is
// taken (it would save what was never acknowledged) until a restart recovers from disk.
import { MongoError, Codes } from '../errors';
import type { Durability, JournalRecord, SnapshotCollection } from './durability.types';

export interface Log { warn(obj: object, msg: string): void }

export class Journaled {
  private failed?: MongoError;
  private closed = false;
  private checkpointing?: Promise<void>;

  constructor(
    private readonly durability: Durability,
    private readonly snapshot: () => SnapshotCollection[],
    private readonly checkpointBytes: number,
    private readonly log: Log,
  ) {}

  get writable(): boolean { return !this.closed && !this.failed; }

  /** Runs `fn`, which changes memory and lists the records; resolves once they are durable. */
  async write<T>(fn: (records: JournalRecord[]) => T): Promise<T> {
    if (this.closed) throw new MongoError(Codes.InternalError, 'the embedded store is closed');
    if (this.failed) throw this.failed;
    const records: JournalRecord[] = [];
    let result: T;
    try {
      result = fn(records);
    } finally {
      if (records.length) await this.commit(records); // what a failing batch did is durable too
    }
    return result;
  }

  private async commit(records: JournalRecord[]): Promise<void> {
    try {
      await this.durability.append(records);
    } catch (err) {
      this.failed ??= new MongoError(Codes.InternalError,
        `journal write failed: ${(err as Error).message}; writes are refused until the server restarts`);
      throw this.failed;
    }
    if (!this.checkpointing && this.durability.journalBytes() > this.checkpointBytes) {
      this.checkpoint().catch((err) => this.log.warn({ err: String(err) }, 'background checkpoint failed'));
    }
  }

  /** Writes a snapshot; writes go on meanwhile (only the capture is synchronous). */
  async checkpoint(): Promise<void> {
    if (this.failed) throw this.failed;
    await this.checkpointing;
    // Capture and hand over in the same tick: writeSnapshot queues the journal rotation
    // synchronously, so every record appended after this line lands in the new journal.
    const run = this.durability.writeSnapshot(this.snapshot());
    const tracked: Promise<void> = run.then(() => undefined, () => undefined).finally(() => {
      if (this.checkpointing === tracked) this.checkpointing = undefined;
    });
    this.checkpointing = tracked;
    await run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.failed) await this.checkpoint();
    } finally {
      this.closed = true;
      await this.durability.close();
    }
  }
}
