// Writing a package zip. The same files always give the same bytes (fixed order, fixed time),
// so an export can be compared, checksummed and re-imported as the same package.
import yazl from 'yazl';
import type { PackageFiles } from './types';

const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

/** manifest.json, articles.json, then diagrams and forms by name. */
export function fileOrder(a: string, b: string): number {
  const rank = (p: string) => (p === 'manifest.json' ? 0 : p === 'articles.json' ? 1 : p.startsWith('processes/') ? 2 : 3);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function writeZip(files: PackageFiles): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const path of [...files.keys()].sort(fileOrder)) {
    zip.addBuffer(files.get(path)!, path, { mtime: FIXED_MTIME, mode: 0o100644, compress: true });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
