// Durability of the embedded server: lock, recovery, group-committed journal, snapshots.
// Files in the data directory (see DURABILITY.md):
//   mongod.lock          pid of the owner
//   CURRENT              "snapshot <G>\n": recovery loads snapshot.<G>.bson (none when G = 0)
//   snapshot.<G>.bson    full state as of the moment journal.<G>.log was started
//   journal.<N>.log      N >= G, replayed in order over the snapshot
// Invariant: every acknowledged record is in a journal >= G or in snapshot G.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { DeserializeOptions } from 'bson';
import type { Durability, JournalRecord, SnapshotCollection } from './durability.types';
import { corrupt, DurabilityError, ioError, toBson } from './journal-format';
import { JournalWriter } from './journal';
import { readJournal } from './journal-reader';
import { acquireLock, fsyncDir, type Lock, type Log } from './lock';
import { readCurrent, readSnapshotFile, snapshotFile, writeCurrent, writeSnapshotFile } from './snapshot';

export { DurabilityError } from './journal-format';

export interface DurabilityOptions {
  /** pino-compatible; defaults to one line on stderr per event. */
  logger?: Log;
  /**
   * How recovery decodes BSON. promoteLongs: false by default so that an int64 comes back as
   * the Long it was (a JS number is never written as int64, so numbers stay numbers).
   */
  bson?: DeserializeOptions;
}

const stderrLog: Log = {
  info: (o, m) => console.error(`[embedded-mongo] ${m} ${JSON.stringify(o)}`),
  warn: (o, m) => console.error(`[embedded-mongo] ${m} ${JSON.stringify(o)}`),
};

const journalFile = (dir: string, gen: number) => path.join(dir, `journal.${gen}.log`);

export function openDurability(dir: string, opts: DurabilityOptions = {}): Durability {
  const log = opts.logger ?? stderrLog;
  const bson: DeserializeOptions = { promoteLongs: false, ...opts.bson };
  let lock: Lock | undefined;
  let writer: JournalWriter | undefined;
  let current = 0; // G: the snapshot recovery starts from
  const closedJournals = new Map<number, number>(); // gen -> bytes, journals >= G no longer written
  let snapshots: Promise<unknown> = Promise.resolve(); // snapshot files are written one at a time
  type Request = { run: Promise<void> };
  let latest: Request | undefined; // the newest writeSnapshot() call
  let state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  let opening: Promise<unknown> = Promise.resolve();
  const fileFor = (gen: number) => journalFile(dir, gen);

  const notOpen = () => new DurabilityError('closed', `持久层未打开 (durability for ${dir} is not open)`);

  async function recover(): Promise<{ snapshot: SnapshotCollection[]; records: JournalRecord[] }> {
    const names = await readdir(dir);
    const gens = (re: RegExp) => names.flatMap((n) => (re.exec(n) ? [Number(re.exec(n)![1])] : [])).sort((a, b) => a - b);
    const journals = gens(/^journal\.(\d+)\.log$/);
    const snaps = gens(/^snapshot\.(\d+)\.bson$/);
    let g = await readCurrent(dir);
    if (g === null) {
      // CURRENT is written before any other file, so data files without it mean damage.
      if (journals.length || snaps.length) {
        throw corrupt(path.join(dir, 'CURRENT'), 0, 'missing although journal/snapshot files exist');
      }
      await writeCurrent(dir, 0);
      g = 0;
    }
    current = g;
    const live = journals.filter((n) => n >= g);
    if (!live.includes(g) && !(g === 0 && live.length === 0)) {
      throw corrupt(journalFile(dir, g), 0, 'the journal that follows the current snapshot is missing');
    }
    live.forEach((n, i) => {
      if (i > 0 && n !== live[i - 1] + 1) throw corrupt(journalFile(dir, live[i - 1] + 1), 0, 'journal generation missing');
    });
    const snapshot = g > 0 ? await readSnapshotFile(snapshotFile(dir, g), g, bson) : [];
    const records: JournalRecord[] = [];
    let lastSize = 0;
    for (const [i, n] of live.entries()) {
      const r = await readJournal(journalFile(dir, n), i === live.length - 1, bson, log);
      for (const rec of r.records) records.push(rec); // spread overflows the stack at ~100k
      if (i < live.length - 1) closedJournals.set(n, r.size);
      else lastSize = r.size;
    }
    const newest = live.length ? live[live.length - 1] : g;
    writer = await JournalWriter.open(fileFor, newest, lastSize, live.length === 0);
    // Only now that recovery succeeded: remove what a crash mid-checkpoint left behind.
    const stale = names.filter((n) => {
      const m = /^(journal|snapshot)\.(\d+)\.(log|bson|tmp)$/.exec(n);
      return n === 'CURRENT.tmp' || (m && (m[3] === 'tmp' || (m[1] === 'journal' ? +m[2] < g : +m[2] !== g)));
    });
    await removeFiles(stale);
    if (records.length || snapshot.length) {
      log.info({ dir, snapshot: g, journals: live, records: records.length }, '数据已恢复 (recovered)');
    }
    return { snapshot, records };
  }

  async function removeFiles(names: string[]): Promise<void> {
    if (!names.length) return;
    for (const n of names) await unlink(path.join(dir, n)).catch(() => undefined);
    await fsyncDir(dir, true).catch(() => undefined); // harmless if lost: recovery deletes again
  }

  async function snapshot(gen: number, colls: Iterable<SnapshotCollection>) {
    await writeSnapshotFile(dir, gen, colls);
    await writeCurrent(dir, gen);
    const gone: string[] = [];
    for (let n = current; n < gen; n++) {
      gone.push(`journal.${n}.log`, `snapshot.${n}.bson`);
      closedJournals.delete(n);
    }
    current = gen;
    await removeFiles(gone);
  }

  async function doOpen() {
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      state = 'closed';
      throw ioError('创建数据目录 (create data directory)', dir, err);
    }
    try {
      lock = await acquireLock(dir, log);
      const result = await recover();
      state = 'open';
      return result;
    } catch (err) {
      state = 'closed';
      await writer?.close();
      await lock?.release();
      throw ioError('打开数据目录 (open data directory)', dir, err);
    }
  }

  return {
    open() {
      if (state !== 'new') {
        return Promise.reject(new DurabilityError('closed', `持久层只能打开一次 (durability for ${dir} opened twice)`));
      }
      state = 'opening';
      const run = doOpen();
      opening = run.catch(() => undefined);
      return run;
    },

    append(records) {
      if (state !== 'open' || !writer) return Promise.reject(notOpen());
      let docs: Buffer[];
      try {
        docs = records.map((r) => toBson(r));
      } catch (err) {
        return Promise.reject(err);
      }
      return writer.append(docs);
    },

    writeSnapshot(collections) {
      if (state !== 'open' || !writer) return Promise.reject(notOpen());
      // The rotation is queued now, synchronously: every append() made after this call lands in
      // the new journal, and the state passed in covers every append() made before it.
      const rotated = writer.rotate();
      rotated.catch(() => undefined); // handled in `step`, which may attach late
      const me: Request = { run: Promise.resolve() };
      latest = me;
      const step = snapshots.then(async (): Promise<Request | void> => {
        const { gen, closedBytes } = await rotated; // journal <gen> exists, all before is synced
        closedJournals.set(gen - 1, closedBytes);
        // A newer request's state includes this one's: write only that one (a burst of
        // checkpoint calls then costs one snapshot, not one each).
        if (latest !== me) return latest;
        await snapshot(gen, collections);
      });
      snapshots = step.catch(() => undefined);
      me.run = step.then((newer) => newer?.run);
      return me.run;
    },

    journalBytes() {
      let n = writer?.size ?? 0;
      for (const b of closedJournals.values()) n += b;
      return n;
    },

    async close() {
      await opening;
      if (state === 'closed' || state === 'new') {
        state = 'closed';
        return;
      }
      state = 'closed';
      await snapshots;
      await writer?.close();
      await lock?.release();
    },
  };
}
