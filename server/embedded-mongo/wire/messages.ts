// Parsing of OP_MSG / OP_QUERY payloads and encoding of OP_MSG / OP_REPLY replies.
// Every size is checked against the bytes actually present before bson sees them, so malformed
// input becomes a MongoError, never an out-of-range read or a huge allocation.
import { deserialize, serialize, type Document } from 'bson';
import { Codes, MongoError } from '../errors';
import { HEADER_SIZE, KNOWN_REQUIRED_FLAGS, Limits, MAX_COMMAND_BODY_SIZE, MsgFlags, OpCode } from './constants';

export interface ParsedMsg {
  flagBits: number;
  moreToCome: boolean;
  body: Document;
}

export interface ParsedQuery {
  fullCollectionName: string;
  query: Document;
}

const invalidBson = (why: string) =>
  new MongoError(22, `invalid BSON in message: ${why}`, { codeName: 'InvalidBSON' });

/** Reads one BSON document at `offset`, bounded by `end` and `maxSize`. */
function readDocument(buf: Buffer, offset: number, end: number, maxSize: number): { doc: Document; size: number } {
  if (end - offset < 5) throw invalidBson('document truncated');
  const size = buf.readInt32LE(offset);
  if (size > maxSize) {
    throw new MongoError(Codes.BSONObjectTooLarge, `BSON document of ${size} bytes exceeds the ${maxSize} byte limit`);
  }
  if (size < 5 || offset + size > end) throw invalidBson(`document length ${size} does not fit the message`);
  try {
    return { doc: deserialize(buf.subarray(offset, offset + size)), size };
  } catch (err) {
    throw invalidBson((err as Error).message);
  }
}

function readCString(buf: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw invalidBson('unterminated string');
  return { value: buf.toString('utf8', offset, zero), next: zero + 1 };
}

/** OP_MSG: flag bits, one kind-0 body and kind-1 sequences merged into the body by identifier. */
export function parseOpMsg(payload: Buffer): ParsedMsg {
  if (payload.length < 5) throw invalidBson('OP_MSG too short');
  const flagBits = payload.readUInt32LE(0);
  const unknownRequired = flagBits & 0xffff & ~KNOWN_REQUIRED_FLAGS;
  if (unknownRequired) throw new MongoError(Codes.BadValue, `unsupported OP_MSG flag bits ${unknownRequired}`);
  // The CRC-32C checksum is tolerated, not verified: TCP already checksums loopback traffic.
  const end = payload.length - (flagBits & MsgFlags.checksumPresent ? 4 : 0);
  let offset = 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = payload[offset++];
    if (kind === 0) {
      if (body) throw new MongoError(Codes.BadValue, 'OP_MSG has more than one body section');
      const read = readDocument(payload, offset, end, MAX_COMMAND_BODY_SIZE);
      body = read.doc;
      offset += read.size;
    } else if (kind === 1) {
      if (end - offset < 4) throw invalidBson('document sequence truncated');
      const size = payload.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw invalidBson(`document sequence length ${size} does not fit the message`);
      const id = readCString(payload, offset + 4, seqEnd);
      const docs: Document[] = [];
      for (let at = id.next; at < seqEnd; ) {
        const read = readDocument(payload, at, seqEnd, Limits.maxBsonObjectSize);
        docs.push(read.doc);
        at += read.size;
      }
      sequences.push([id.value, docs]);
      offset = seqEnd;
    } else {
      throw new MongoError(Codes.BadValue, `unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new MongoError(Codes.BadValue, 'OP_MSG has no body section');
  for (const [id, docs] of sequences) {
    if (id in body) throw new MongoError(Codes.BadValue, `duplicate field ${id} in OP_MSG body and sequence`);
    body[id] = docs;
  }
  return { flagBits, moreToCome: (flagBits & MsgFlags.moreToCome) !== 0, body };
}

/** OP_QUERY, used by drivers only for the first `hello`/`isMaster` on `admin.$cmd`. */
export function parseOpQuery(payload: Buffer): ParsedQuery {
  if (payload.length < 4) throw invalidBson('OP_QUERY too short');
  const name = readCString(payload, 4, payload.length);
  const docStart = name.next + 8; // numberToSkip, numberToReturn
  if (docStart > payload.length) throw invalidBson('OP_QUERY truncated');
  const { doc } = readDocument(payload, docStart, payload.length, MAX_COMMAND_BODY_SIZE);
  // Drivers wrap the command as {$query: cmd, $readPreference} when a read preference is set.
  const query = doc.$query && typeof doc.$query === 'object' ? (doc.$query as Document) : doc;
  return { fullCollectionName: name.value, query };
}

function header(length: number, requestID: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.allocUnsafe(HEADER_SIZE);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(requestID, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

const serializeReply = (doc: Document) => serialize(doc, { ignoreUndefined: true, checkKeys: false });

export function encodeOpMsg(doc: Document, requestID: number, responseTo: number): Buffer {
  const bson = serializeReply(doc);
  const prefix = Buffer.alloc(5); // flagBits 0, section kind 0
  const length = HEADER_SIZE + prefix.length + bson.length;
  return Buffer.concat([header(length, requestID, responseTo, OpCode.MSG), prefix, bson], length);
}

export function encodeOpReply(doc: Document, requestID: number, responseTo: number): Buffer {
  const bson = serializeReply(doc);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const length = HEADER_SIZE + fields.length + bson.length;
  return Buffer.concat([header(length, requestID, responseTo, OpCode.REPLY), fields, bson], length);
}
