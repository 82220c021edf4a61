// Errors the embedded server answers with. Codes and code names are MongoDB's own, so that the
// official driver raises the same MongoServerError a real mongod would cause.
export const Codes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  AuthenticationFailed: 18,
  MechanismUnavailable: 334,
  Overflow: 15,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  CannotIndexParallelArrays: 171,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  NotImplemented: 238,
  Location40324: 40324, // unrecognised pipeline stage
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
} as const;

const names: Record<number, string> = Object.fromEntries(
  Object.entries(Codes).map(([name, code]) => [code, name]),
);

export class MongoError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** Extra fields copied into the reply (keyPattern, keyValue, ...). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get codeName(): string {
    return names[this.code] ?? 'UnknownError';
  }

  /** The reply document: {ok: 0, errmsg, code, codeName, ...extra}. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The writeErrors[] entry for batch writes. */
  toWriteError(index: number): WriteError {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [extra: string]: unknown;
}

export const notImplemented = (what: string) =>
  new MongoError(Codes.NotImplemented, `${what} is not implemented by the Duban embedded server`);
