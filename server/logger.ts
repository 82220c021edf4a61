// Structured JSON logs (pino): one line per event, machine-readable for the court's log system.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'duban' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'password', '*.password'],
  });
}
