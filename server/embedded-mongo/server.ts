// The TCP listener: accepts connections on loopback, gives each a WireConnection driven by the
// command dispatcher, and closes in order (stop accepting, let answered requests finish, end).
import net from 'node:net';
import type { Store } from './store/types';
import type { Logger, ServerInfo } from './commands/context';
import { CursorRegistry } from './commands/cursors';
import { createDispatcher } from './commands/dispatcher';
import type { Credentials } from './commands/auth';
import { WireConnection } from './wire/connection';
import { Limits } from './wire/constants';

export interface StartServerOptions {
  store: Store;
  host?: string;
  port?: number;
  logger?: Logger;
  /** Required SCRAM-SHA-256 credentials; without them the port is open to every local process. */
  credentials?: Credentials;
  /** Bytes held for incomplete messages across all connections before the newest is closed. */
  bufferBudgetBytes?: number;
  /** Idle time after which a cursor is forgotten (tests shorten it). */
  cursorIdleMs?: number;
}

export interface RunningServer {
  port: number;
  uri: string;
  close(): Promise<void>;
}

/** Warnings and errors to stderr; routine events stay quiet unless a logger is given. */
export const stderrLogger: Logger = {
  info: () => {},
  warn: (obj, msg) => console.warn('[embedded-mongo]', msg ?? '', obj),
  error: (obj, msg) => console.error('[embedded-mongo]', msg ?? '', obj),
};

const CLOSE_GRACE_MS = 5_000;

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { store, host = '127.0.0.1', port = 0, logger: log = stderrLogger } = options;
  const cursors = new CursorRegistry(options.cursorIdleMs);
  const connections = new Set<WireConnection>();
  const sockets = new Set<net.Socket>();
  let totalCreated = 0;
  let boundPort = 0;

  const info: ServerInfo = {
    startedAt: new Date(),
    host,
    port: () => boundPort,
    connections: () => ({ current: sockets.size, totalCreated }),
  };
  // Half-received messages of all connections together: 4 × the largest message (DB-16).
  const budget = { used: 0, limit: options.bufferBudgetBytes ?? 4 * Limits.maxMessageSizeBytes };
  const run = createDispatcher({ store, cursors, server: info, log, credentials: options.credentials });

  // allowHalfOpen: a client that sends a truncated message and ends its side still gets an answer.
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const id = ++totalCreated;
    const remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    const info = { id, remoteAddress, ...(options.credentials ? { auth: {} } : {}) };
    const connection = new WireConnection(socket, info, run, log, budget);
    connections.add(connection);
    sockets.add(socket);
    socket.on('close', () => {
      connections.delete(connection);
      sockets.delete(socket);
    });
  });
  server.on('error', (err) => log.error({ err }, 'listener error'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as net.AddressInfo).port;
  log.info({ host, port: boundPort }, 'embedded MongoDB-compatible server listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests already read are answered (their writes are durable) before the sockets end.
      await Promise.race([
        Promise.all([...connections].map((connection) => connection.shutdown())),
        delay(CLOSE_GRACE_MS),
      ]);
      for (const socket of sockets) socket.end();
      await Promise.race([stopped, delay(CLOSE_GRACE_MS)]);
      for (const socket of sockets) socket.destroy();
      cursors.close();
    })());

  return { port: boundPort, uri: `mongodb://${uriHost(host)}:${boundPort}`, close };
}

/** A wildcard listener is reached through loopback; IPv6 literals need brackets in a URI. */
function uriHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
