import type { Logger } from 'pino';
import { PinoLogger } from 'nestjs-pino';

/**
 * nestjs-pino's PinoLogger (the class our services inject) bound to one app's logger.
 *
 * nestjs-pino itself logs through one pino-http instance per process (its rootLogger.js keeps the
 * first one built), so with two Nest apps in one process, as in local mode, every PinoLogger
 * wrote with the first app's logger and `component`. Given per app by loggingModule, this one
 * cannot. What it gives up, nestjs-pino's request-scoped child logger, we had no use for: our
 * only HTTP routes are probes and metrics, and gRPC calls never had it.
 */
export class AppPinoLogger extends PinoLogger {
  constructor(private readonly appLogger: Logger) {
    // Hands nestjs-pino this app's logger for the process-wide root it still builds once (and
    // no one here reads); useExisting keeps PinoLogger.root from pointing at it.
    super({ pinoHttp: { logger: appLogger }, useExisting: true });
  }

  override get logger(): Logger {
    return this.appLogger;
  }
}
