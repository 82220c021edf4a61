// Maps a command (its name is the body's first key) to its handler, applies the refusals that
// concern every command, and turns any failure into an error reply. A handler bug answers
// {ok: 0, code: 1} and is logged; it never reaches the socket or the process.
import type { Document } from 'bson';
import { Codes, MongoError, notImplemented } from '../errors';
import type { Store } from '../store/types';
import type { CommandRunner, ConnectionInfo } from '../wire/connection';
import { adminCommands } from './admin';
import { authCommands, OPEN_COMMANDS, unauthorized, verifierFor, type Credentials } from './auth';
import type { CommandContext, Handler, HandlerTable, Logger, ServerInfo } from './context';
import { crudCommands } from './crud';
import type { CursorRegistry } from './cursors';
import { explainCommands } from './explain';
import { refuseTransactions, transactionsRefused } from './guards';
import { handshakeCommands } from './handshake';
import { queryCommands } from './query';

const refused = (what: string): Handler => () => {
  throw notImplemented(what);
};
const refuseTransaction: Handler = () => {
  throw transactionsRefused();
};

// Commands a MongoDB client may reasonably send that we deliberately do not implement; the
// message says what is missing instead of a bare "no such command".
const refusedCommands: HandlerTable = {
  commitTransaction: refuseTransaction,
  abortTransaction: refuseTransaction,
  mapReduce: refused('mapReduce'),
  mapreduce: refused('mapReduce'),
  convertToCapped: refused('capped collections'),
  cloneCollectionAsCapped: refused('capped collections'),
  collMod: refused('collMod'),
  renameCollection: refused('renameCollection'),
  geoSearch: refused('geospatial search'),
  eval: refused('server-side JavaScript'),
  $eval: refused('server-side JavaScript'),
};

const handlers: HandlerTable = Object.assign(
  Object.create(null) as HandlerTable,
  handshakeCommands,
  crudCommands,
  queryCommands,
  explainCommands,
  adminCommands,
  refusedCommands,
);

export interface DispatcherDeps {
  store: Store;
  cursors: CursorRegistry;
  server: ServerInfo;
  log: Logger;
  /** When given, every connection must sign in with SCRAM-SHA-256 first (commands/auth.ts). */
  credentials?: Credentials;
}

export function createDispatcher(deps: DispatcherDeps): CommandRunner {
  const verifier = deps.credentials ? verifierFor(deps.credentials) : undefined;
  const auth = verifier ? authCommands(verifier) : undefined;
  return async (db: string, body: Document, conn: ConnectionInfo): Promise<Document> => {
    const name = Object.keys(body)[0] ?? '';
    try {
      if (auth) {
        if (name === 'saslStart') return auth.saslStart(body, conn);
        if (name === 'saslContinue') return auth.saslContinue(body, conn);
        if (name === 'logout') {
          conn.auth = undefined;
          return { ok: 1 };
        }
        const known = name in handlers || name.toLowerCase() === 'ismaster';
        if (known && !conn.auth?.user && !OPEN_COMMANDS.has(name)) throw unauthorized(name);
        if ((name === 'hello' || name.toLowerCase() === 'ismaster') && typeof body.saslSupportedMechs === 'string') {
          return { ...(await handlers.hello(body, { db, conn, ...deps })), saslSupportedMechs: ['SCRAM-SHA-256'] };
        }
      }
      const handler = handlers[name] ?? (name.toLowerCase() === 'ismaster' ? handlers.ismaster : undefined);
      if (!handler) throw new MongoError(Codes.CommandNotFound, `no such command: '${name}'`);
      refuseTransactions(body);
      const ctx: CommandContext = { db, conn, ...deps };
      return await handler(body, ctx);
    } catch (err) {
      if (err instanceof MongoError) return err.toReply();
      deps.log.error({ err, command: name, db, connectionId: conn.id }, 'command failed unexpectedly');
      const message = err instanceof Error ? err.message : String(err);
      return { ok: 0, errmsg: `internal error in ${name}: ${message}`, code: Codes.InternalError, codeName: 'InternalError' };
    }
  };
}
