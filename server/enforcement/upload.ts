// Receives one spreadsheet (multipart field `file`, optional field `mode`) into a temporary
// file: an import of 100,000 rows is never held in memory, and the reader streams it later.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import busboy from 'busboy';
import { badRequest, tooLarge } from '../http/errors';

export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export interface ReceivedFile {
  path: string;
  name: string;
  fields: Record<string, string>;
}

export async function receiveSpreadsheet(req: Request, maxBytes = IMPORT_MAX_BYTES): Promise<ReceivedFile> {
  if (Number(req.headers['content-length']) > maxBytes + 64 * 1024) throw tooLarge(`文件超过 ${maxBytes / 1024 / 1024} MB 上限`);
  if (!req.is('multipart/form-data')) throw badRequest('请以 multipart/form-data 上传，文件放在字段 file 中');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-import-'));
  const target = path.join(dir, 'upload');
  const fields: Record<string, string> = {};
  try {
    const name = await new Promise<string>((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: maxBytes + 1, fields: 10, fieldSize: 1024 } });
      } catch {
        return reject(badRequest('上传内容格式不正确'));
      }
      let written: Promise<string> | undefined;
      bb.on('field', (k, v) => (fields[k] = v));
      bb.on('file', (field, stream, info) => {
        stream.on('error', () => undefined);
        if (field !== 'file' || written) return void stream.resume();
        let size = 0;
        stream.on('data', (d: Buffer) => (size += d.length));
        written = pipeline(stream, createWriteStream(target)).then(() => {
          if (size > maxBytes || (stream as { truncated?: boolean }).truncated) throw tooLarge(`文件超过 ${maxBytes / 1024 / 1024} MB 上限`);
          if (!size) throw badRequest('文件是空的');
          return (info.filename ?? '').split(/[\\/]/).pop()!.slice(-200) || '未命名文件';
        });
        written.catch(() => undefined);
      });
      bb.on('close', () => (written ? written.then(resolve, reject) : reject(badRequest('没有收到文件（字段名应为 file）'))));
      bb.on('error', () => reject(badRequest('上传内容格式不正确')));
      req.on('error', () => reject(badRequest('上传中断')));
      req.pipe(bb);
    });
    return { path: target, name, fields };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
