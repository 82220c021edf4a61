// GridFS attachments (DESIGN: GridFS `attachments`) work through plain CRUD and cursors.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridFSBucket, openTarget, type Target } from './helpers/harness';

let target: Target;
beforeAll(async () => {
  target = await openTarget('gridfs');
});
afterAll(() => target?.close());

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('GridFS', () => {
  it('uploads and downloads a 3 MB file byte for byte', async () => {
    const bucket = new GridFSBucket(target.db, { bucketName: 'attachments' });
    const data = randomBytes(3 * 1024 * 1024 + 123);
    const upload = bucket.openUploadStream('材料.pdf', { metadata: { caseId: 'c1' } });
    await pipeline(Readable.from([data.subarray(0, 1_000_000), data.subarray(1_000_000)]), upload);

    const [file] = await bucket.find({ filename: '材料.pdf' }).toArray();
    expect(file.length).toBe(data.length);
    expect(file.metadata).toEqual({ caseId: 'c1' });
    expect(await target.db.collection('attachments.chunks').countDocuments({ files_id: file._id })).toBe(
      Math.ceil(data.length / file.chunkSize),
    );

    const back = await readAll(bucket.openDownloadStream(upload.id));
    expect(back.equals(data)).toBe(true);
    const byName = await readAll(bucket.openDownloadStreamByName('材料.pdf', { start: 10, end: 20 }));
    expect(byName.equals(data.subarray(10, 20))).toBe(true);
  });

  it('deletes a file and its chunks', async () => {
    const bucket = new GridFSBucket(target.db, { bucketName: 'attachments' });
    const upload = bucket.openUploadStream('small.txt');
    await pipeline(Readable.from([Buffer.from('你好')]), upload);
    await bucket.delete(upload.id);
    expect(await bucket.find({ _id: upload.id }).toArray()).toEqual([]);
    expect(await target.db.collection('attachments.chunks').countDocuments({ files_id: upload.id })).toBe(0);
  });
});
