import type { z } from 'zod';
import { loadConfigOrExit } from '../config/load-config.js';
import type { LoggingEnv } from '../config/schemas.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { stopOnSignals } from './shutdown.js';

export interface ProcessSpec<
  S extends z.ZodType<LoggingEnv & { SHUTDOWN_TIMEOUT_SECONDS: number }>,
> {
  /** Name printed before a configuration error, e.g. `sluice-api`. */
  readonly program: string;
  /** Bound to every log line, e.g. `api`. */
  readonly component: string;
  readonly schema: S;
  readonly start: (
    config: Readonly<z.output<S>>,
    logger: Logger,
  ) => Promise<{ app: { close(): Promise<void> } }>;
}

/**
 * The whole life of a Sluice process: validate the environment (exit 78 on a bad value), start,
 * then stop cleanly on SIGTERM/SIGINT. A failed start logs why and exits 1.
 */
export async function runProcess<
  S extends z.ZodType<LoggingEnv & { SHUTDOWN_TIMEOUT_SECONDS: number }>,
>(spec: ProcessSpec<S>): Promise<void> {
  const config = loadConfigOrExit(spec.schema, spec.program);
  const logger = createLogger(config, spec.component);
  try {
    const { app } = await spec.start(config, logger);
    stopOnSignals(() => app.close(), { logger, timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000 });
  } catch (error) {
    logger.fatal({ err: error }, `${spec.program} failed to start`);
    process.exitCode = 1;
  }
}
