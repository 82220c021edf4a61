// What every command handler receives. Handlers are plain functions of (command, context):
// they validate the command, call the Store, and shape the reply.
import type { Document } from 'bson';
import type { Store } from '../store/types';
import type { ConnectionInfo } from '../wire/connection';
import type { CursorRegistry } from './cursors';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Facts about the running server that handshake/status commands report. */
export interface ServerInfo {
  startedAt: Date;
  host: string;
  port(): number;
  connections(): { current: number; totalCreated: number };
}

export interface CommandContext {
  db: string;
  store: Store;
  cursors: CursorRegistry;
  conn: ConnectionInfo;
  server: ServerInfo;
  log: Logger;
}

export type Handler = (cmd: Document, ctx: CommandContext) => Document | Promise<Document>;
export type HandlerTable = Record<string, Handler>;
