import { pino, type Logger, type LoggerOptions } from 'pino';
import type { LoggingEnv } from '../config/schemas.js';

export type { Logger } from 'pino';

function wantsPretty(format: LoggingEnv['LOG_FORMAT']): boolean {
  if (format === 'auto') return process.stdout.isTTY === true;
  return format === 'pretty';
}

/**
 * The process-wide root logger: JSON lines for machines, pino-pretty on a terminal.
 * `component` (api, operator, cli) is bound to every line so mixed local-mode output stays readable.
 */
export function createLogger(env: LoggingEnv, component: string): Logger {
  const options: LoggerOptions = {
    level: env.LOG_LEVEL,
    base: { component },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets must never reach logs, whichever object carries them.
    redact: ['*.password', '*.token', 'req.headers.authorization', 'DATABASE_URL'],
  };
  if (!wantsPretty(env.LOG_FORMAT)) return pino(options);
  return pino(
    options,
    pino.transport({
      target: 'pino-pretty',
      options: { ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' },
    }),
  );
}
