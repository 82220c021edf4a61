// A raw-socket wire client for tests that send what no driver would: it writes bytes and
// collects reply frames until the server answers, closes the socket, or a quiet period passes.
import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';

/** bson 7 serializes to a Uint8Array; the raw tests want Buffer methods. */
export const bsonBytes = (doc: Document): Buffer => Buffer.from(serialize(doc));

export interface Exchange {
  replies: { responseTo: number; opCode: number; doc: Document }[];
  closed: boolean;
}

export function header(length: number, requestID: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestID, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** An OP_MSG with a body and optional kind-1 sequences, given as raw BSON buffers. */
export function opMsg(requestID: number, body: Document | Buffer, sequences: [string, Buffer[]][] = [], flags = 0): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4), Buffer.from([0]), Buffer.isBuffer(body) ? body : bsonBytes(body)];
  parts[0].writeUInt32LE(flags, 0);
  for (const [id, docs] of sequences) {
    const name = Buffer.from(`${id}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + name.length + docs.reduce((n, d) => n + d.length, 0), 0);
    parts.push(Buffer.from([1]), size, name, ...docs);
  }
  const payload = Buffer.concat(parts);
  return Buffer.concat([header(16 + payload.length, requestID, 2013), payload]);
}

/** An OP_QUERY on `ns` with one command document. */
export function opQuery(requestID: number, ns: string, cmd: Document): Buffer {
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.from(`${ns}\0`), Buffer.alloc(8), bsonBytes(cmd)]);
  return Buffer.concat([header(16 + payload.length, requestID, 2004), payload]);
}

function parseReplies(data: Buffer): Exchange['replies'] {
  const replies: Exchange['replies'] = [];
  let at = 0;
  while (data.length - at >= 16 && data.readInt32LE(at) <= data.length - at) {
    const length = data.readInt32LE(at);
    const opCode = data.readInt32LE(at + 12);
    const bodyAt = at + 16 + (opCode === 1 ? 20 : 5);
    replies.push({ responseTo: data.readInt32LE(at + 8), opCode, doc: deserialize(data.subarray(bodyAt, at + length)) });
    at += length;
  }
  return replies;
}

/**
 * Sends `chunks` (optionally half-closing afterwards) and resolves once `expectReplies` replies
 * arrived and the quiet period passed, or the server closed the socket.
 */
export function exchange(port: number, chunks: Buffer[], options: { end?: boolean; expectReplies?: number; quietMs?: number } = {}): Promise<Exchange> {
  const { end = false, expectReplies = 1, quietMs = 150 } = options;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const received: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ replies: parseReplies(Buffer.concat(received)), closed });
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(false), parseReplies(Buffer.concat(received)).length >= expectReplies ? quietMs : 3_000);
    };
    socket.on('data', (chunk) => {
      received.push(chunk);
      arm();
    });
    socket.on('end', () => finish(true));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? finish(true) : reject(err)));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (end) socket.end();
      arm();
    });
  });
}
