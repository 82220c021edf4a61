// Wire-protocol numbers shared by the framing, the parsers and the handshake reply.
export const OpCode = {
  REPLY: 1,
  QUERY: 2004,
  COMPRESSED: 2012,
  MSG: 2013,
} as const;

export const HEADER_SIZE = 16;

export const Limits = {
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
} as const;

// mongod lets a command body exceed the document limit by 16 KiB: a 16 MiB document must still
// fit inside the `findAndModify`/`update` command that carries it.
export const MAX_COMMAND_BODY_SIZE = Limits.maxBsonObjectSize + 16 * 1024;

export const MsgFlags = {
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const;

// Bits 0-15 are "required": a receiver must reject a message with a required bit it does not know.
export const KNOWN_REQUIRED_FLAGS = MsgFlags.checksumPresent | MsgFlags.moreToCome;
