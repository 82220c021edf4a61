// `npm run db -- --port 27017 --dir ./data/db`: runs the embedded server on its own, e.g. to
// look at the data with mongosh or Compass. Ctrl-C (SIGINT) or SIGTERM closes it cleanly.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startEmbeddedMongo } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dir: { type: 'string', default: process.env.DATA_DIR ? `${process.env.DATA_DIR}/db` : './data/db' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const logger = pino({ name: 'embedded-mongo' });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.error(`invalid --port ${values.port}`);
  process.exit(2);
}

try {
  const db = await startEmbeddedMongo({ dir: values.dir!, port, host: values.host, logger });
  logger.info({ uri: db.safeUri, dir: values.dir, credentials: db.credentialsFile }, `embedded MongoDB-compatible server at ${db.safeUri}`);
  // The operator's own terminal: how to connect, with the password from the 0600 file.
  console.log(`\n连接方式 (connect with): mongosh '${db.uri}/duban'\n凭据文件 (credentials): ${db.credentialsFile}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await db.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  logger.error({ err }, 'embedded server failed to start');
  process.exit(1);
}
