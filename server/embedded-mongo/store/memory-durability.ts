// A Durability kept in memory, for tests and throwaway servers. Records and snapshots go
// through BSON (as on disk, int64 read back as Long) so behaviour matches the file-backed one.
// `failAppends` simulates a full disk.
import { BSON } from 'bson';
import type { Durability, JournalRecord, SnapshotCollection } from './durability.types';
import type { Document } from './types';

export interface MemoryDisk {
  snapshot: { head: Buffer; docs: Buffer[] }[];
  journal: Buffer[];
  failAppends?: Error;
  /** A fresh Durability over this disk (one per openStore, like reopening a directory). */
  durability(): Durability;
}

const OPTS = { promoteLongs: false } as const;
const pack = (d: Document) => Buffer.from(BSON.serialize(d));
const unpack = (b: Buffer) => BSON.deserialize(b, OPTS);

export function memoryDisk(): MemoryDisk {
  const disk: MemoryDisk = {
    snapshot: [],
    journal: [],
    durability: () => memoryDurability(disk),
  };
  return disk;
}

function memoryDurability(disk: MemoryDisk): Durability {
  let open = false;
  return {
    async open() {
      if (open) throw new Error('memory durability opened twice');
      open = true;
      return {
        snapshot: disk.snapshot.map((c) => ({ ...unpack(c.head), docs: c.docs.map(unpack) }) as SnapshotCollection),
        records: disk.journal.map((b) => unpack(b) as JournalRecord),
      };
    },
    async append(records) {
      if (!open) throw new Error('memory durability is not open');
      if (disk.failAppends) throw disk.failAppends;
      const packed = records.map(pack);
      await new Promise((r) => setImmediate(r)); // an fsync is never synchronous
      disk.journal.push(...packed);
    },
    async writeSnapshot(collections: Iterable<SnapshotCollection>) {
      const before = disk.journal.length; // records appended after this call stay in the journal
      // One BSON document per stored document: a whole collection may exceed 16 MiB.
      const snap = [...collections].map(({ docs, ...head }) => ({ head: pack(head), docs: docs.map(pack) }));
      await new Promise((r) => setImmediate(r));
      disk.snapshot = snap;
      disk.journal = disk.journal.slice(before);
    },
    journalBytes: () => disk.journal.reduce((n, b) => n + b.length, 0),
    async close() {
      open = false;
    },
  };
}
