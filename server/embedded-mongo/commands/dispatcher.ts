// Maps a command (its name is the body's first key) to its handler, applies the refusals that
// concern every command, and turns any failure into an error reply. A handler bug answers
// {ok: 0, code: 1} and is logged; it never reaches the socket or the process.
import type { Document } from 'bson';
import { Codes, MongoError, notImplemented } from '../errors';
import type { Store } from '../store/types';
import type { CommandRunner, ConnectionInfo } from '../wire/connection';
import { adminCommands } from './admin';
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
}

export function createDispatcher(deps: DispatcherDeps): CommandRunner {
  return async (db: string, body: Document, conn: ConnectionInfo): Promise<Document> => {
    const name = Object.keys(body)[0] ?? '';
    try {
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
