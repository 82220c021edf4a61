// Cuts a TCP byte stream into wire-protocol messages. It never trusts the length prefix beyond
// the advertised limit, so a hostile or broken client cannot make the server buffer 2 GiB.
import { HEADER_SIZE, Limits } from './constants';

export interface MessageHeader {
  messageLength: number;
  requestID: number;
  responseTo: number;
  opCode: number;
}

export type FrameEvent =
  | { kind: 'message'; header: MessageHeader; payload: Buffer }
  /** The stream cannot be framed any more: reply if requestID is known, then close. */
  | { kind: 'fatal'; requestID?: number; reason: string };

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failed = false;

  /** `maxLength()` is asked per message: a connection that has not signed in gets a small one. */
  constructor(private readonly maxLength: () => number = () => Limits.maxMessageSizeBytes) {}

  /** Bytes held for a message not yet complete (the server-wide budget counts them). */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Feeds bytes in; returns every complete message (and at most one fatal event, last). */
  push(chunk: Buffer): FrameEvent[] {
    if (this.failed) return [];
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const events: FrameEvent[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(Math.min(this.buffered, HEADER_SIZE));
      const messageLength = head.readInt32LE(0);
      if (messageLength < HEADER_SIZE || messageLength > this.maxLength()) {
        // Bytes 4..8 hold the requestID; with fewer bytes there is nobody to answer.
        const requestID = head.length >= 8 ? head.readInt32LE(4) : undefined;
        this.fail();
        events.push({ kind: 'fatal', requestID, reason: `invalid message length ${messageLength}` });
        break;
      }
      if (this.buffered < messageLength) break;
      const message = this.take(messageLength);
      events.push({
        kind: 'message',
        header: {
          messageLength,
          requestID: message.readInt32LE(4),
          responseTo: message.readInt32LE(8),
          opCode: message.readInt32LE(12),
        },
        payload: message.subarray(HEADER_SIZE),
      });
    }
    return events;
  }

  /** Describes a message cut short by the end of the stream, if any. */
  truncated(): { requestID?: number } | null {
    if (this.failed || this.buffered === 0) return null;
    const head = this.peek(Math.min(this.buffered, 8));
    return { requestID: head.length >= 8 ? head.readInt32LE(4) : undefined };
  }

  private fail(): void {
    this.failed = true;
    this.chunks = [];
    this.buffered = 0;
  }

  /** The first n buffered bytes, joining chunks only when a message straddles them. */
  private peek(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    const out = this.peek(n);
    const first = this.chunks[0];
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}
