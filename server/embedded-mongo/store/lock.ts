// The data-directory lock (mongod.lock): one process owns a directory at a time.
// Node has no flock(), so the file is created with O_EXCL and holds "pid\nstart-time\n". A lock
// left by a dead process is taken over; the start time (from /proc) tells a live process that
// merely reuses the old pid (common in containers, where the server is often pid 1 or 7).
import { readFileSync } from 'node:fs';
import { open, readFile, rename, unlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { DurabilityError, ioError } from './journal-format';

/** The subset of a pino logger that durability uses. */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const LOCK_FILE = 'mongod.lock';

/** Directories locked by this process: a second open here must fail too, not share the files. */
const held = new Set<string>();

/** fsync a directory so that a create, rename or unlink in it survives a power cut. */
export async function fsyncDir(fileOrDir: string, isDir = false): Promise<void> {
  const fh = await open(isDir ? fileOrDir : path.dirname(fileOrDir), 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); '' off Linux. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/**
 * Field 3 of /proc/<pid>/stat: 'Z' (zombie) and 'X' (dead) processes have exited and hold
 * nothing, but kill(pid, 0) still succeeds until their parent reaps them — in a container
 * whose pid 1 does not reap, for ever (issue 12: a restart after SIGKILL had not come up).
 */
export function exitedButUnreaped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X' || state === 'x';
  } catch {
    return false;
  }
}

function alive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (exitedButUnreaped(pid)) return false;
  const now = startTime(pid);
  return !start || !now || now === start;
}

const inUse = (dir: string, pid: number | string) =>
  new DurabilityError(
    'locked',
    `数据目录 ${dir} 已被进程 ${pid} 使用 (data directory in use by pid ${pid})`,
  );

export interface Lock { release(): Promise<void> }

export async function acquireLock(dir: string, log: Log): Promise<Lock> {
  const key = await realpath(dir);
  if (held.has(key)) throw inUse(dir, `${process.pid} (本进程 this process)`);
  const file = path.join(dir, LOCK_FILE);
  const content = `${process.pid}\n${startTime(process.pid)}\n`;
  held.add(key); // before any await, so two opens racing in this process cannot both pass
  try {
    try {
      await writeLock(file, content, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pidText = '', start = ''] = (await readFile(file, 'utf8')).split('\n');
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && alive(pid, start)) throw inUse(dir, pid);
      log.warn({ file, stalePid: pidText || null }, '接管已退出进程留下的锁文件 (taking over stale lock)');
      // Replace atomically: the file never disappears, so a third process cannot slip in.
      await writeLock(`${file}.${process.pid}.tmp`, content, 'w');
      await rename(`${file}.${process.pid}.tmp`, file);
    }
    await fsyncDir(file);
  } catch (err) {
    held.delete(key);
    if (err instanceof DurabilityError) throw err;
    throw ioError('写入锁文件 (write lock file)', file, err);
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      held.delete(key);
      await unlink(file).catch(() => undefined);
    },
  };
}

async function writeLock(file: string, content: string, flags: string): Promise<void> {
  const fh = await open(file, flags);
  try {
    await fh.writeFile(content);
    await fh.sync(); // a disk that is full fails here, at start, not at the first write
  } catch (err) {
    await unlink(file).catch(() => undefined); // do not leave an empty lock behind
    throw err;
  } finally {
    await fh.close();
  }
}
