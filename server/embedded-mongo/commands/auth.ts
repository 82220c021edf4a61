// Authentication as MongoDB does it: SCRAM-SHA-256 (RFC 5802/7677) over saslStart/saslContinue,
// so the official driver, mongosh and Compass sign in with an ordinary
// `mongodb://user:password@host:port` URI. One user, valid on every database (the store has no
// per-database users or roles: whoever holds the credentials holds the data, as the platform's
// own connection does). Until a connection has signed in, only the handshake and the
// authentication commands answer; everything else is error 13 Unauthorized, as mongod says it.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Binary, type Document } from 'bson';
import { saslprep } from '@mongodb-js/saslprep';
import { Codes, MongoError } from '../errors';
import type { ConnectionInfo } from '../wire/connection';

export interface Credentials {
  username: string;
  password: string;
}

const ITERATIONS = 15_000; // mongod's default for SCRAM-SHA-256
const MECHANISM = 'SCRAM-SHA-256';

/** Commands a connection may send before signing in (mongod's "does not require auth" set). */
export const OPEN_COMMANDS = new Set([
  'hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'saslStart', 'saslContinue', 'endSessions', 'logout',
]);

interface Verifier {
  username: string;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

interface Conversation {
  clientFirstBare: string;
  serverFirst: string;
  nonce: string;
  step: 'proof' | 'done';
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

/** The server keeps only the SCRAM verifier (salted, hashed), never uses the password itself. */
export function verifierFor(c: Credentials): Verifier {
  const salt = randomBytes(28);
  const salted = pbkdf2Sync(saslprep(c.password), salt, ITERATIONS, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return {
    username: c.username,
    salt,
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: hmac(salted, 'Server Key'),
  };
}

const failed = () => new MongoError(Codes.AuthenticationFailed, 'Authentication failed.');
const text = (payload: unknown): string => {
  if (payload instanceof Binary) return Buffer.from(payload.buffer.subarray(0, payload.position)).toString('utf8');
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString('utf8');
  if (typeof payload === 'string') return payload;
  throw new MongoError(Codes.BadValue, 'SASL payload must be binary data');
};
const attrs = (s: string) => Object.fromEntries(s.split(',').map((p) => [p.slice(0, 1), p.slice(2)]));
const bin = (s: string) => new Binary(Buffer.from(s, 'utf8'));

export function authCommands(verifier: Verifier) {
  return {
    saslStart(cmd: Document, conn: ConnectionInfo): Document {
      if (cmd.mechanism !== MECHANISM) {
        throw new MongoError(Codes.MechanismUnavailable, `Received authentication for mechanism ${String(cmd.mechanism)} which is unknown or not enabled`);
      }
      const first = text(cmd.payload);
      // gs2 header "n,," (no channel binding, no authzid), then "n=<user>,r=<client nonce>"
      if (!first.startsWith('n,,')) throw failed();
      const clientFirstBare = first.slice(3);
      const a = attrs(clientFirstBare);
      if (!a.n || !a.r || a.r.length < 8) throw failed();
      const nonce = a.r + randomBytes(24).toString('base64');
      const serverFirst = `r=${nonce},s=${verifier.salt.toString('base64')},i=${ITERATIONS}`;
      const conversation: Conversation = { clientFirstBare, serverFirst, nonce, step: 'proof' };
      conn.auth = { ...conn.auth, conversation };
      // The user name is checked with the proof, so an unknown name and a wrong password
      // fail alike (no user enumeration).
      (conversation as Conversation & { user: string }).user = a.n.replace(/=2C/g, ',').replace(/=3D/g, '=');
      return { conversationId: 1, done: false, payload: bin(serverFirst), ok: 1 };
    },

    saslContinue(cmd: Document, conn: ConnectionInfo): Document {
      const conversation = conn.auth?.conversation as (Conversation & { user: string }) | undefined;
      if (!conversation) throw new MongoError(Codes.BadValue, 'No SASL session state found');
      if (conversation.step === 'done') {
        conn.auth = { user: conn.auth?.user };
        return { conversationId: 1, done: true, payload: bin(''), ok: 1 };
      }
      conn.auth = { user: conn.auth?.user }; // one proof per conversation
      const final = text(cmd.payload);
      const proofAt = final.lastIndexOf(',p=');
      if (proofAt < 0) throw failed();
      const withoutProof = final.slice(0, proofAt);
      const a = attrs(final);
      if (a.r !== conversation.nonce || a.c !== 'biws') throw failed();
      const authMessage = `${conversation.clientFirstBare},${conversation.serverFirst},${withoutProof}`;
      const proof = Buffer.from(final.slice(proofAt + 3), 'base64');
      const signature = hmac(verifier.storedKey, authMessage);
      if (proof.length !== signature.length) throw failed();
      const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]));
      const stored = createHash('sha256').update(clientKey).digest();
      const userOk = conversation.user === verifier.username;
      if (!timingSafeEqual(stored, verifier.storedKey) || !userOk) throw failed();
      const serverSignature = hmac(verifier.serverKey, authMessage).toString('base64');
      const skipEmpty = (cmd.options as Document | undefined)?.skipEmptyExchange === true;
      if (skipEmpty) {
        conn.auth = { user: verifier.username };
        return { conversationId: 1, done: true, payload: bin(`v=${serverSignature}`), ok: 1 };
      }
      conn.auth = { user: verifier.username, conversation: { ...conversation, step: 'done' } };
      return { conversationId: 1, done: false, payload: bin(`v=${serverSignature}`), ok: 1 };
    },
  };
}

export const unauthorized = (name: string) => new MongoError(Codes.Unauthorized, `Command ${name} requires authentication`);
