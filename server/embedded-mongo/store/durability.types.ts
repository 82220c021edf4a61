// The contract between the in-memory data layer and the files that make it durable.
// Records are logical and idempotent by _id, so replaying a journal over a snapshot that
// already contains some of its effects gives the same state.
import type { Document } from 'bson';
import type { IndexSpec } from './types';

export type JournalRecord =
  | { t: 'put'; ns: string; doc: Document } // insert or full replacement, keyed by doc._id
  | { t: 'del'; ns: string; id: unknown }
  | { t: 'createCollection'; ns: string; options: Document }
  | { t: 'dropCollection'; ns: string }
  | { t: 'createIndex'; ns: string; spec: IndexSpec }
  | { t: 'dropIndex'; ns: string; name: string }
  | { t: 'dropDatabase'; db: string };

export interface SnapshotCollection {
  ns: string; // "db.collection"
  options: Document;
  indexes: IndexSpec[]; // without the implicit _id_ index
  docs: Document[];
}

export interface Durability {
  /**
   * Takes the lock file (throws a clear error if another process holds it), loads the newest
   * valid snapshot, and returns it with the journal records written after it, in order. A torn
   * tail (partial last record, bad checksum at the end) is cut; corruption before the tail, a
   * corrupt snapshot or an unwritable directory throws a clear error — never an empty database.
   */
  open(): Promise<{ snapshot: SnapshotCollection[]; records: JournalRecord[] }>;
  /** Appends records as one group; resolves after fdatasync. Concurrent calls share one fsync. */
  append(records: JournalRecord[]): Promise<void>;
  /** Writes a full snapshot (temp file, fsync, rename, fsync dir) and starts a new journal. */
  writeSnapshot(collections: Iterable<SnapshotCollection>): Promise<void>;
  /** Bytes in the journal since the last snapshot (the store checkpoints when it grows). */
  journalBytes(): number;
  close(): Promise<void>;
}
