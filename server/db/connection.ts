// One mongoose connection per process. Without MONGODB_URI the platform starts the embedded
// MongoDB-compatible server on loopback (DESIGN.md decision 1) and connects to it the same way
// it would connect to a real MongoDB, so the application code never knows the difference.
import mongoose from 'mongoose';
import path from 'node:path';
import type { Logger } from '../logger';

export interface Database {
  connection: mongoose.Connection;
  uri: string;
  embedded: boolean;
  /** true while the connection can serve requests (/readyz). */
  ready(): boolean;
  close(): Promise<void>;
}

export async function connectDatabase(opts: {
  mongodbUri?: string;
  dataDir: string;
  logger: Logger;
}): Promise<Database> {
  let uri = opts.mongodbUri;
  let closeEmbedded: (() => Promise<void>) | undefined;
  if (!uri) {
    const { startEmbeddedMongo } = await import('../embedded-mongo');
    const dir = path.join(opts.dataDir, 'db');
    const embedded = await startEmbeddedMongo({ dir, port: 0, host: '127.0.0.1' });
    uri = `${embedded.uri}/duban`;
    closeEmbedded = () => embedded.close();
    opts.logger.info({ dir, uri: `${embedded.safeUri}/duban`, credentials: embedded.credentialsFile }, 'embedded MongoDB-compatible server started');
  }
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    autoIndex: true,
  });
  await connection.asPromise();
  opts.logger.info({ uri: redact(uri), embedded: !!closeEmbedded }, 'database connected');
  return {
    connection,
    uri,
    embedded: !!closeEmbedded,
    ready: () => connection.readyState === 1,
    async close() {
      await connection.close();
      await closeEmbedded?.();
    },
  };
}

const redact = (uri: string) => uri.replace(/\/\/[^@/]*@/, '//***@');
