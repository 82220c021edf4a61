// The file types an attachment may have, recognised by their BYTES (magic numbers), never by
// the name or the browser's declared type alone: both must agree with what the bytes are.
export const FILE_TYPES = {
  pdf: { label: 'PDF', mime: 'application/pdf', aliases: ['application/x-pdf'], exts: ['pdf'] },
  ofd: { label: 'OFD', mime: 'application/ofd', aliases: ['application/zip', 'application/x-zip-compressed'], exts: ['ofd'] },
  doc: { label: 'Word（doc）', mime: 'application/msword', aliases: [], exts: ['doc'] },
  docx: {
    label: 'Word（docx）',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    aliases: ['application/zip', 'application/x-zip-compressed'],
    exts: ['docx'],
  },
  jpeg: { label: 'JPEG', mime: 'image/jpeg', aliases: ['image/jpg', 'image/pjpeg'], exts: ['jpg', 'jpeg'] },
  png: { label: 'PNG', mime: 'image/png', aliases: [], exts: ['png'] },
} as const;
export type FileTypeId = keyof typeof FILE_TYPES;
export const DEFAULT_TYPES: FileTypeId[] = ['pdf', 'ofd', 'doc', 'docx', 'jpeg', 'png'];

/** A declared type that claims nothing (browsers send it for unknown extensions, e.g. .ofd). */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export interface UploadPolicy {
  maxBytes: number;
  types: FileTypeId[];
}

/** `DUBAN_UPLOAD_TYPES` (comma list; `jpg` means jpeg) → ids; unknown ids stop the start. */
export function parseTypes(list: string | undefined): FileTypeId[] {
  if (!list) return DEFAULT_TYPES;
  const ids = list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).map((s) => (s === 'jpg' ? 'jpeg' : s));
  const unknown = ids.filter((s) => !(s in FILE_TYPES));
  if (unknown.length) {
    throw new Error(`DUBAN_UPLOAD_TYPES 含有不支持的类型：${unknown.join(', ')}（可用：${Object.keys(FILE_TYPES).join(', ')}）`);
  }
  return [...new Set(ids)] as FileTypeId[];
}

export const extensionOf = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toLowerCase();

/** The allowed type the name and declared type claim, or a Chinese reason. */
export function claimedType(name: string, declared: string, policy: UploadPolicy): FileTypeId | { reason: string } {
  const ext = extensionOf(name);
  const allowed = policy.types.map((t) => FILE_TYPES[t].label).join('、');
  const id = policy.types.find((t) => (FILE_TYPES[t].exts as readonly string[]).includes(ext));
  if (!id) return { reason: `不接受扩展名为 .${ext || '（无）'} 的文件；可上传：${allowed}` };
  const d = declared.split(';')[0].trim().toLowerCase();
  const t = FILE_TYPES[id];
  if (!GENERIC.has(d) && d !== t.mime && !(t.aliases as readonly string[]).includes(d)) {
    return { reason: `文件声明的类型 ${d} 与扩展名 .${ext} 不符` };
  }
  return id;
}

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What the first bytes say; zip-based types need the entry names (see zipNames). */
export function sniffHead(head: Buffer): FileTypeId | 'zip' | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

/** A zip is a docx when it holds word/document.xml, an OFD when it holds OFD.xml at its root. */
export function zipKind(names: string[]): FileTypeId | null {
  if (names.includes('word/document.xml') && names.includes('[Content_Types].xml')) return 'docx';
  if (names.some((n) => n.toLowerCase() === 'ofd.xml')) return 'ofd';
  return null;
}

/**
 * Entry names from a zip's central directory, read from the file's last bytes
 * (end-of-central-directory record → directory). Null when the tail holds no valid directory.
 */
export function zipNames(tail: Buffer, totalSize: number): string[] | null {
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > tail.length) return null;
  const count = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  const tailStart = totalSize - tail.length;
  let at = offset - tailStart;
  if (at < 0 || offset + size > totalSize) return null;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > tail.length || tail.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLen = tail.readUInt16LE(at + 28);
    const extra = tail.readUInt16LE(at + 30);
    const comment = tail.readUInt16LE(at + 32);
    names.push(tail.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + extra + comment;
  }
  return names;
}
