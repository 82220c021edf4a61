// Receiving one uploaded file (multipart field `file`, as Form.io's url storage sends it) into
// GridFS while checking it: size limit, allowed type, and that the bytes are what the name and
// the declared type say. A refused file is aborted mid-stream and nothing of it stays stored.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { badRequest, tooLarge, unprocessable, type AppError } from '../http/errors';
import type { AttachmentMeta, AttachmentsRepository } from './attachments.repository';
import { claimedType, FILE_TYPES, sniffHead, zipNames, zipKind, type FileTypeId, type UploadPolicy } from './fileTypes';

const HEAD = 8 * 1024;
const TAIL = 256 * 1024; // holds a zip's central directory for any ordinary document

export interface StoredUpload {
  id: string;
  name: string;
  size: number;
  type: string;
}
export type Owner = Pick<AttachmentMeta, 'caseId' | 'taskId' | 'uploadedBy'>;

const mb = (n: number) => `${+(n / 1024 / 1024).toFixed(2)} MB`;

export function receiveUpload(req: Request, repo: AttachmentsRepository, policy: UploadPolicy, owner: Owner): Promise<StoredUpload> {
  const length = Number(req.headers['content-length']);
  if (length > policy.maxBytes + 64 * 1024) return Promise.reject(tooLarge(`文件超过 ${mb(policy.maxBytes)} 上限，未上传`));
  if (!req.is('multipart/form-data')) return Promise.reject(badRequest('请以 multipart/form-data 上传，文件放在字段 file 中'));
  return new Promise<StoredUpload>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8', // Chinese file names
        limits: { files: 1, fileSize: policy.maxBytes + 1, fields: 20, parts: 30, fieldSize: 64 * 1024 },
      });
    } catch {
      reject(badRequest('上传内容格式不正确'));
      return;
    }
    let outcome: Promise<StoredUpload> | undefined;
    // A body cut off mid-part makes busboy emit 'error' on that part's stream; an unheard
    // 'error' event would end the whole process, so every part stream gets a listener first.
    bb.on('file', (field, stream, info) => {
      stream.on('error', () => undefined);
      if (field !== 'file' || outcome) return void stream.resume();
      outcome = storeFile(stream, info.filename ?? '', info.mimeType ?? '', repo, policy, owner);
      outcome.catch(() => undefined); // settled below, after the whole body has been read
    });
    bb.on('close', () => (outcome ? outcome.then(resolve, reject) : reject(badRequest('没有收到文件（字段名应为 file）'))));
    bb.on('error', () => reject(badRequest('上传内容格式不正确')));
    req.on('error', () => reject(badRequest('上传中断，文件未上传')));
    req.pipe(bb);
  });
}

function cleanName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200);
  return name || '附件';
}

async function storeFile(
  stream: Readable, rawName: string, declared: string, repo: AttachmentsRepository, policy: UploadPolicy, owner: Owner,
): Promise<StoredUpload> {
  const name = cleanName(rawName);
  const claim = claimedType(name, declared, policy);
  const refuse = (reason: string) => unprocessable(`文件“${name}”未上传：${reason}`);
  if (typeof claim !== 'string') {
    stream.resume();
    throw refuse(claim.reason);
  }
  const meta: AttachmentMeta = { ...owner, name, type: claim, contentType: FILE_TYPES[claim].mime, sha256: '' };
  const upload = repo.bucket().openUploadStream(name, { metadata: meta });
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer[] | null = [];
  let tail = Buffer.alloc(0);
  const zipBased = claim === 'docx' || claim === 'ofd';

  const checkHead = (bytes: Buffer) => {
    const sniffed = sniffHead(bytes);
    const matches = sniffed === claim || (sniffed === 'zip' && zipBased);
    if (!matches) throw refuse(`文件内容${sniffed && sniffed !== 'zip' ? `是 ${FILE_TYPES[sniffed].label}` : '不是所声明的类型'}，与扩展名和声明的类型不符`);
  };
  const flushHead = async () => {
    const bytes = Buffer.concat(head!);
    head = null;
    checkHead(bytes);
    await write(upload, bytes);
  };

  const oversize = () => tooLarge(`文件“${name}”超过 ${mb(policy.maxBytes)} 上限，未上传`);
  const onChunk = async (chunk: Buffer) => {
    size += chunk.length;
    if (size > policy.maxBytes) throw oversize();
    hash.update(chunk);
    if (zipBased) tail = Buffer.concat([tail, chunk]).subarray(-TAIL);
    if (!head) return write(upload, chunk);
    head.push(chunk);
    if (head.reduce((n, b) => n + b.length, 0) >= HEAD) await flushHead();
  };
  try {
    // Paused while each chunk is written (back-pressure); after a failure the rest of the
    // part is read and discarded, so that the refusal reaches the client.
    let failure: unknown;
    const fail = (err: unknown) => (failure ??= err);
    await new Promise<void>((settle) => {
      stream.on('limit', () => fail(oversize()));
      stream.on('data', (chunk: Buffer) => {
        if (failure) return;
        stream.pause();
        onChunk(chunk).catch(fail).finally(() => stream.resume());
      });
      stream.on('end', settle);
      stream.on('error', (err) => (fail(err), settle()));
    });
    if (failure) throw failure;
    if (size === 0) throw refuse('文件为空');
    if (head) await flushHead();
    if (zipBased && zipKind(zipNames(tail, size) ?? []) !== claim) {
      throw refuse(`文件内容不是有效的 ${FILE_TYPES[claim].label} 文件`);
    }
    await new Promise<void>((ok, fail) => upload.end((err?: unknown) => (err ? fail(err) : ok())));
  } catch (err) {
    await upload.abort().catch(() => undefined);
    await repo.purge(upload.id); // verifies that no chunk of the refused file remains
    throw err as AppError;
  }
  const sha256 = hash.digest('hex');
  await repo.setSha256(upload.id, sha256);
  return { id: String(upload.id), name, size, type: meta.contentType };
}

function write(upload: NodeJS.WritableStream, chunk: Buffer): Promise<void> {
  return new Promise((ok, fail) => {
    upload.write(chunk, (err?: unknown) => (err ? fail(err) : ok()));
  });
}

export type { FileTypeId };
