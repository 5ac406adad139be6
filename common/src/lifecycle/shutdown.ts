import type { Logger } from 'pino';

export interface ShutdownOptions {
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Runs `stop` once on the first SIGTERM/SIGINT, then exits 0. A stop that overruns the timeout,
 * or a second signal (an impatient Ctrl-C), exits 1 at once: Kubernetes would SIGKILL us anyway.
 */
export function stopOnSignals(stop: () => Promise<void>, options: ShutdownOptions): void {
  const { logger, timeoutMs, signals = ['SIGTERM', 'SIGINT'] } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'Received a second signal; exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, 'Received signal; shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    stop().then(
      () => {
        logger.info('Stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
}
