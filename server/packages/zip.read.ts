// Reading an uploaded zip without trusting it. Nothing is written to disk: entries are inflated
// into memory under hard limits, checked against both the sizes the zip declares and the bytes
// actually inflated (a zip bomb can lie about either). Every refusal is a problem; reading goes
// on where it safely can, so the province sees all problems at once.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { PackageFiles, PackageProblem } from './types';

export const ZIP_LIMITS = {
  maxEntries: 200,
  maxFileBytes: 2 * 1024 * 1024, // the definitions API's own limit for one diagram
  maxTotalBytes: 12 * 1024 * 1024, // one package version is one MongoDB document (16 MB)
  maxRatio: 100, // BPMN XML and form JSON compress 5-30×; a bomb compresses 1000×
  ratioMinBytes: 16 * 1024, // tiny files may compress well and harm nobody
};
export type ZipLimits = typeof ZIP_LIMITS;

export interface ZipContents {
  files: PackageFiles;
  dirs: string[];
  problems: PackageProblem[];
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Why a path is unsafe to use as a name, or null. */
export function unsafePath(name: string): string | null {
  if (name.includes('\\')) return '路径含反斜杠（\\）';
  if (/^[a-zA-Z]:/.test(name)) return '路径含盘符（绝对路径）';
  if (name.startsWith('/')) return '绝对路径';
  if (name.split('/').includes('..')) return '路径含「..」，会跳出程序包目录（zip-slip）';
  if (/[\u0000-\u001f]/.test(name)) return '路径含控制字符';
  return null;
}

function isSymlink(entry: Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

export async function readZip(buffer: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipContents> {
  const out: ZipContents = { files: new Map(), dirs: [], problems: [] };
  const add = (file: string | undefined, code: string, message: string) =>
    out.problems.push({ ...(file !== undefined ? { file } : {}), code, message });
  let zip: ZipFile;
  try {
    // decodeStrings: false, so that an unsafe name is reported by us rather than aborting yauzl.
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    add(undefined, 'ZIP_INVALID', `不是有效的 zip 文件：${(err as Error).message}`);
    return out;
  }
  if (zip.entryCount > limits.maxEntries) {
    add(undefined, 'ZIP_TOO_MANY_ENTRIES', `zip 有 ${zip.entryCount} 个条目，超过上限 ${limits.maxEntries}（疑似压缩炸弹），未解压`);
    zip.close();
    return out;
  }
  let declaredTotal = 0;
  let actualTotal = 0;
  let totalExceeded = false;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, true);
      const unsafe = unsafePath(name);
      if (unsafe) { add(name, 'ZIP_UNSAFE_PATH', `不安全的路径「${name}」：${unsafe}`); continue; }
      if (isSymlink(entry)) { add(name, 'ZIP_SYMLINK', `「${name}」是符号链接，程序包中不允许`); continue; }
      if (name.endsWith('/')) { out.dirs.push(name); continue; }
      if (out.files.has(name)) { add(name, 'ZIP_DUPLICATE_ENTRY', `zip 中「${name}」出现了不止一次`); continue; }
      if (entry.isEncrypted()) { add(name, 'ZIP_ENCRYPTED', `「${name}」已加密，无法检查`); continue; }
      if (!entry.canDecodeFileData()) { add(name, 'ZIP_METHOD', `「${name}」使用了不支持的压缩方式（${entry.compressionMethod}）`); continue; }
      if (entry.uncompressedSize > limits.maxFileBytes) {
        add(name, 'FILE_TOO_LARGE', `「${name}」解压后 ${MB(entry.uncompressedSize)}，超过单个文件上限 ${MB(limits.maxFileBytes)}`);
        continue;
      }
      if (entry.uncompressedSize >= limits.ratioMinBytes && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
        add(name, 'ZIP_RATIO', `「${name}」压缩比 ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} 倍，超过上限 ${limits.maxRatio} 倍（疑似压缩炸弹）`);
        continue;
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes || totalExceeded) {
        if (!totalExceeded) add(undefined, 'ZIP_TOO_LARGE', `解压后总大小超过上限 ${MB(limits.maxTotalBytes)}（疑似压缩炸弹），其余条目未解压`);
        totalExceeded = true;
        continue;
      }
      const read = await inflate(zip, entry, limits, limits.maxTotalBytes - actualTotal);
      if ('problem' in read) { add(name, read.code, `「${name}」${read.problem}`); continue; }
      actualTotal += read.data.length;
      out.files.set(name, read.data);
    }
  } catch (err) {
    add(undefined, 'ZIP_INVALID', `zip 文件已损坏或格式不受支持：${(err as Error).message}`);
  } finally {
    zip.close();
  }
  return out;
}

type Inflated = { data: Buffer } | { code: string; problem: string };

/** Inflates one entry, stopping at the first byte beyond what is allowed or declared. */
async function inflate(zip: ZipFile, entry: Entry, limits: ZipLimits, totalLeft: number): Promise<Inflated> {
  const cap = Math.min(limits.maxFileBytes, entry.uncompressedSize, totalLeft);
  const chunks: Buffer[] = [];
  let n = 0;
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      n += chunk.length;
      if (n > cap) {
        stream.destroy();
        return n > entry.uncompressedSize
          ? { code: 'ZIP_SIZE_MISMATCH', problem: `实际解压字节多于声明的 ${entry.uncompressedSize} 字节（疑似压缩炸弹）` }
          : { code: 'FILE_TOO_LARGE', problem: '解压后超过大小上限' };
      }
      if (n >= limits.ratioMinBytes && n / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
        stream.destroy();
        return { code: 'ZIP_RATIO', problem: `实际压缩比超过上限 ${limits.maxRatio} 倍（疑似压缩炸弹）` };
      }
      chunks.push(chunk);
    }
  } catch (err) {
    stream?.destroy();
    // yauzl counts too (validateEntrySizes): a lie about the size is a bomb, not a broken file.
    if (/too (many|few) bytes|size mismatch/.test((err as Error).message)) {
      return { code: 'ZIP_SIZE_MISMATCH', problem: `实际解压字节与声明的 ${entry.uncompressedSize} 字节不符（疑似压缩炸弹）` };
    }
    return { code: 'ZIP_ENTRY_INVALID', problem: `无法解压：${(err as Error).message}` };
  }
  return { data: Buffer.concat(chunks, n) };
}
