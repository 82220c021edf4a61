// One client socket: frames messages, runs their commands one at a time (a connection is a
// sequential conversation, and a w:0 write must be applied before the read that follows it),
// writes replies. Whatever a client sends, the worst outcome is an error reply or this socket
// closing; the process and the other connections carry on.
import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { Codes, MongoError } from '../errors';
import { Limits, OpCode } from './constants';
import { FrameReader, type FrameEvent, type MessageHeader } from './frameReader';
import { encodeOpMsg, encodeOpReply, parseOpMsg, parseOpQuery } from './messages';

export interface ConnectionInfo {
  id: number;
  remoteAddress: string;
  /** SCRAM state of this connection (commands/auth.ts); absent on a server without credentials. */
  auth?: { user?: string; conversation?: unknown };
}

export interface WireLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Runs one command; must always resolve with a reply document (ok: 1 or an error reply). */
export type CommandRunner = (db: string, body: Document, conn: ConnectionInfo) => Promise<Document>;

// Only the handshake may use the legacy opcode, as on mongod 6+.
const OP_QUERY_COMMANDS = new Set(['hello', 'ismaster']);
// Stop reading from a client that pipelines faster than we answer (fire-and-forget writes).
const PAUSE_AT = 64;
const RESUME_AT = 8;

let nextRequestID = 1;
const replyID = () => (nextRequestID = (nextRequestID % 0x7fffffff) + 1);

/** Bytes that may be held for incomplete messages across all connections (security probe DB-16). */
export interface BufferBudget {
  used: number;
  limit: number;
}
/** Before signing in, a message is a handshake or a SASL step: a few kilobytes at most. */
const UNAUTHENTICATED_MAX_MESSAGE = 64 * 1024;

export class WireConnection {
  private readonly reader = new FrameReader(() =>
    this.info.auth && !this.info.auth.user ? UNAUTHENTICATED_MAX_MESSAGE : Limits.maxMessageSizeBytes);
  private held = 0;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private closing = false;

  constructor(
    private readonly socket: Socket,
    readonly info: ConnectionInfo,
    private readonly run: CommandRunner,
    private readonly log: WireLogger,
    private readonly budget: BufferBudget = { used: 0, limit: Infinity },
  ) {
    socket.on('close', () => this.account(0));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err) => {
      log.warn({ err, connectionId: info.id }, 'client socket error');
      socket.destroy();
    });
  }

  /**
   * Server shutdown: stops reading (a request that arrives now is never executed, so the
   * client's network error does not hide a write that happened) and resolves once every
   * request already read has been answered.
   */
  shutdown(): Promise<void> {
    this.closing = true;
    this.socket.resume(); // keep reading (and discarding) so the peer's FIN is seen
    return this.queue;
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    const events = this.reader.push(chunk);
    this.account(this.reader.bufferedBytes);
    for (const event of events) this.enqueue(event);
    if (this.budget.used > this.budget.limit && this.held > 0) {
      // The server holds too many half-received messages: this one goes first.
      this.account(0);
      this.closing = true;
      this.log.warn({ connectionId: this.info.id, held: this.held }, 'closing connection: server-wide buffer budget exceeded');
      this.socket.destroy();
    }
  }

  private account(bytes: number): void {
    this.budget.used += bytes - this.held;
    this.held = bytes;
  }

  private onEnd(): void {
    if (this.closing) return this.finish();
    // A message cut short by the client closing its side: answer it if we know whom to answer.
    const truncated = this.reader.truncated();
    if (truncated) {
      const reason = 'message truncated: the connection ended before the declared length';
      this.enqueue({ kind: 'fatal', requestID: truncated.requestID, reason });
    } else {
      this.queue = this.queue.then(() => this.finish());
    }
  }

  private enqueue(event: FrameEvent): void {
    if (++this.pending >= PAUSE_AT) this.socket.pause();
    this.queue = this.queue.then(async () => {
      try {
        if (event.kind === 'fatal') return this.fatal(event.requestID, event.reason);
        await this.handle(event.header, event.payload);
      } catch (err) {
        this.log.error({ err, connectionId: this.info.id }, 'unexpected failure handling a message');
        this.socket.destroy();
      } finally {
        if (--this.pending <= RESUME_AT && !this.closing) this.socket.resume();
      }
    });
  }

  private async handle(header: MessageHeader, payload: Buffer): Promise<void> {
    if (header.opCode === OpCode.MSG) {
      let parsed;
      try {
        parsed = parseOpMsg(payload);
      } catch (err) {
        return this.send(encodeOpMsg(toErrorReply(err), replyID(), header.requestID));
      }
      const db = typeof parsed.body.$db === 'string' ? parsed.body.$db : '';
      const reply = db
        ? await this.run(db, parsed.body, this.info)
        : new MongoError(Codes.BadValue, 'OP_MSG command body has no $db field').toReply();
      if (!parsed.moreToCome) this.reply(encodeOpMsg, reply, header.requestID);
      return;
    }
    if (header.opCode === OpCode.QUERY) {
      let reply: Document;
      try {
        const { fullCollectionName, query } = parseOpQuery(payload);
        reply = await this.runLegacy(fullCollectionName, query);
      } catch (err) {
        reply = toErrorReply(err);
      }
      return this.reply(encodeOpReply, reply, header.requestID);
    }
    const why =
      header.opCode === OpCode.COMPRESSED
        ? new MongoError(Codes.NotImplemented, 'OP_COMPRESSED is not supported: compression was not negotiated')
        : new MongoError(Codes.BadValue, `unsupported wire protocol opcode ${header.opCode}`);
    this.send(encodeOpMsg(why.toReply(), replyID(), header.requestID));
  }

  private runLegacy(fullCollectionName: string, query: Document): Promise<Document> {
    const dot = fullCollectionName.indexOf('.');
    const name = Object.keys(query)[0] ?? '';
    if (dot <= 0 || fullCollectionName.slice(dot + 1) !== '$cmd' || !OP_QUERY_COMMANDS.has(name.toLowerCase())) {
      const what = `${fullCollectionName} ${name}`.trim();
      throw new MongoError(352, `Unsupported OP_QUERY command: ${what}. Use OP_MSG.`, {
        codeName: 'UnsupportedOpQueryCommand',
      });
    }
    return this.run(fullCollectionName.slice(0, dot), query, this.info);
  }

  private fatal(requestID: number | undefined, reason: string): void {
    this.log.warn({ connectionId: this.info.id, reason }, 'closing connection after bad input');
    if (requestID !== undefined && this.socket.writable) {
      const reply = new MongoError(Codes.InvalidLength, reason).toReply();
      this.socket.write(encodeOpMsg(reply, replyID(), requestID));
    }
    this.finish();
  }

  private finish(): void {
    this.closing = true;
    this.socket.end();
    // A peer that never reads could keep a half-closed socket forever.
    setTimeout(() => this.socket.destroy(), 2_000).unref();
  }

  /** Encodes and sends a reply; a reply that cannot be encoded becomes an error reply. */
  private reply(encode: typeof encodeOpMsg, doc: Document, responseTo: number): void {
    let message: Buffer;
    try {
      message = encode(doc, replyID(), responseTo);
    } catch (err) {
      this.log.error({ err, connectionId: this.info.id }, 'reply could not be encoded');
      const why = new MongoError(Codes.BSONObjectTooLarge, `reply could not be encoded: ${(err as Error).message}`);
      message = encode(why.toReply(), replyID(), responseTo);
    }
    this.send(message);
  }

  private send(message: Buffer): void {
    if (this.socket.writable) this.socket.write(message);
  }
}

function toErrorReply(err: unknown): Document {
  if (err instanceof MongoError) return err.toReply();
  return { ok: 0, code: Codes.InternalError, codeName: 'InternalError', errmsg: String((err as Error)?.message ?? err) };
}
