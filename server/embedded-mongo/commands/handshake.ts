// The handshake and the small informational commands drivers and tools send. The hello reply
// describes a standalone MongoDB 7.0 (wire version 21) that supports sessions but neither
// compression nor replica-set features (no setName, no topologyVersion: see FINDINGS.md).
import os from 'node:os';
import type { Document } from 'bson';
import { Limits } from '../wire/constants';
import type { CommandContext, HandlerTable } from './context';

export const SERVER_VERSION = '7.0.0-duban';

function hello(cmd: Document, ctx: CommandContext): Document {
  return {
    ...(cmd.helloOk ? { helloOk: true } : {}),
    isWritablePrimary: true,
    ismaster: true,
    maxBsonObjectSize: Limits.maxBsonObjectSize,
    maxMessageSizeBytes: Limits.maxMessageSizeBytes,
    maxWriteBatchSize: Limits.maxWriteBatchSize,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.conn.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'duban-embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: Limits.maxBsonObjectSize,
    storageEngines: ['duban-journal'],
    javascriptEngine: 'none',
    ok: 1,
  };
}

function getParameter(cmd: Document): Document {
  const reply: Document = { ok: 1 };
  if (cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === '*') {
    reply.featureCompatibilityVersion = { version: '7.0' };
  }
  return reply;
}

function hostInfo(): Document {
  return {
    system: {
      currentTime: new Date(),
      hostname: os.hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(os.totalmem() / 1024 / 1024),
      numCores: os.cpus().length,
      cpuArch: os.arch(),
    },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
    ok: 1,
  };
}

function serverStatus(_cmd: Document, ctx: CommandContext): Document {
  const { current, totalCreated } = ctx.server.connections();
  const uptimeMillis = Date.now() - ctx.server.startedAt.getTime();
  return {
    host: `${os.hostname()}:${ctx.server.port()}`,
    version: SERVER_VERSION,
    process: 'duban-embedded-mongo',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    localTime: new Date(),
    connections: { current, available: 1_000_000 - current, totalCreated },
    metrics: { cursor: { open: { total: ctx.cursors.size } } },
    mem: { resident: Math.round(process.memoryUsage().rss / 1024 / 1024) },
    ok: 1,
  };
}

function listDatabases(cmd: Document, ctx: CommandContext): Document {
  const databases = ctx.store.listDatabases();
  if (cmd.nameOnly) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  const totalSize = databases.reduce((sum, db) => sum + db.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1024 / 1024), ok: 1 };
}

const ok = () => ({ ok: 1 });

export const handshakeCommands: HandlerTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  hostInfo,
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.conn.remoteAddress, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  serverStatus,
  listDatabases,
  // Sessions live only in the driver: there is no server-side session state to end.
  endSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  refreshSessions: ok,
};
