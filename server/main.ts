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
  lastLineOfDefence(logger);
  const platform = await createPlatform(config, logger);
  const server = platform.app.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    logger.info({ port, pid: process.pid }, `督办平台已启动 http://localhost:${port}`);
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

/**
 * The last line of defence: every stream and socket has its own error handler, so an uncaught
 * exception here is a bug whose effect on in-memory state (the embedded store lives in this
 * process) is unknown. It is logged with its stack and the process exits 70, without a graceful
 * flush that could write half-changed state; the journal replays acknowledged writes at the next
 * start, and the supervisor (server/supervise.ts or systemd, README) starts it again. A rejected
 * promise nobody awaited is logged and the process keeps serving: it cannot leave a synchronous
 * change half-done.
 */
function lastLineOfDefence(logger: ReturnType<typeof createLogger>) {
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin }, '未处理的异常，进程退出后由守护进程重启 (uncaught exception)');
    logger.flush?.();
    process.exit(70);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, '未处理的 Promise 拒绝 (unhandled rejection)');
  });
}

main().catch((err) => {
  console.error('督办平台启动失败 (start-up failed):', err?.message ?? err);
  process.exit(1);
});
