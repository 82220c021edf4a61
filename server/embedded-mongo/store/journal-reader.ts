// Reads a journal file at start-up and decides, for a bad frame, torn tail or corruption.
// The writer syncs each frame before writing the next, so only the newest file's last frame
// can be incomplete after a crash; a bad frame with an intact one after it is real damage.
import { open, type FileHandle } from 'node:fs/promises';
import type { DeserializeOptions } from 'bson';
import type { JournalRecord } from './durability.types';
import { BlockReader, corrupt, decodePayload, intactFrameAfter, ioError, readFrame } from './journal-format';
import type { Log } from './lock';

/**
 * Reads one journal file. A bad frame with nothing intact after it is a torn write of the last,
 * unacknowledged batch: in the newest file it is cut off (and logged). Anything else throws.
 */
export async function readJournal(
  path: string, newest: boolean, opts: DeserializeOptions, log: Log,
): Promise<{ records: JournalRecord[]; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, newest ? 'r+' : 'r');
  } catch (err) {
    throw ioError('打开日志文件 (open journal)', path, err);
  }
  try {
    const r = new BlockReader(fh, (await fh.stat()).size);
    const records: JournalRecord[] = [];
    for (let pos = 0; ; ) {
      const f = await readFrame(r, pos);
      if (!f) return { records, size: pos };
      if (f.ok) {
        for (const doc of decodePayload(f.payload, path, pos, opts)) {
          if (typeof doc.t !== 'string') throw corrupt(path, pos, 'record without a type');
          records.push(doc as JournalRecord);
        }
        pos = f.end;
        continue;
      }
      const later = await intactFrameAfter(r, pos);
      if (later !== null) throw corrupt(path, pos, `${f.why}, but an intact record follows at ${later}`);
      if (!newest) throw corrupt(path, pos, `${f.why} at the end of a journal that is not the newest`);
      log.warn(
        { file: path, offset: pos, droppedBytes: r.size - pos, why: f.why },
        '日志尾部不完整（崩溃时未确认的写入），已截断 (torn journal tail cut)',
      );
      try {
        await fh.truncate(pos);
        await fh.datasync();
      } catch (err) {
        throw ioError('截断日志尾部 (truncate torn journal tail)', path, err);
      }
      return { records, size: pos };
    }
  } finally {
    await fh.close();
  }
}
