// `npm start`: configuration from the environment, the platform, an HTTP listener, and a
// graceful shutdown on SIGTERM/SIGINT (stop taking requests, finish in-flight ones, flush the
// store, exit 0).
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createPlatform } from './platform/createPlatform';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const platform = await createPlatform(config, logger);
  const server = platform.app.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    logger.info({ port }, `督办平台已启动 http://localhost:${port}`);
  });
  server.on('error', (err) => {
    logger.fatal({ err }, '无法监听端口');
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out after 20 s, exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await platform.shutdown(server);
      logger.info('shutdown complete');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error('督办平台启动失败 (start-up failed):', err?.message ?? err);
  process.exit(1);
});
