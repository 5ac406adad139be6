import { LoggerModule } from 'nestjs-pino';
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** nestjs-pino on our root logger; probe and scrape requests are not logged (they are constant noise). */
export function loggingModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger,
      autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0] ?? '') },
    },
  });
}
