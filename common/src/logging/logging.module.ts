import {
  Global,
  Inject,
  Module,
  RequestMethod,
  Scope,
  type DynamicModule,
  type FactoryProvider,
  type MiddlewareConsumer,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { getLoggerToken, LoggerModule, Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppPinoLogger } from './app-pino-logger.js';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const APP_LOGGER = Symbol('APP_LOGGER');

/** Requests to every path; path-to-regexp v8's spelling of "all", as nestjs-pino mounts it. */
const ALL_ROUTES = { path: '{/*splat}', method: RequestMethod.ALL };

/**
 * What nestjs-pino's LoggerModule provides (PinoLogger, @InjectPinoLogger tokens, the Nest
 * Logger, request logging), but on this app's own logger: nestjs-pino's module shares one root
 * logger across every app in the process (see AppPinoLogger), which mislabelled local mode's.
 */
@Global()
@Module({})
export class AppLoggingModule implements NestModule {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  /** Probe and scrape requests are not logged: they are constant noise. */
  configure(consumer: MiddlewareConsumer): void {
    const ignore = (req: { url?: string }) => QUIET_PATHS.has((req.url ?? '').split('?')[0] ?? '');
    consumer
      .apply(pinoHttp({ logger: this.logger, autoLogging: { ignore } }))
      .forRoutes(ALL_ROUTES);
  }
}

export function loggingModule(logger: Logger): DynamicModule {
  const providers: Provider[] = [
    { provide: APP_LOGGER, useValue: logger },
    // Transient: each consumer sets its own context (setContext) on its own instance.
    { provide: PinoLogger, scope: Scope.TRANSIENT, useFactory: () => new AppPinoLogger(logger) },
    {
      provide: NestPinoLogger,
      useFactory: () => new NestPinoLogger(new AppPinoLogger(logger), {}),
    },
    ...namedLoggerProviders(),
  ];
  return {
    module: AppLoggingModule,
    global: true,
    providers,
    exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)),
  };
}

/**
 * The `@InjectPinoLogger(context)` tokens, as nestjs-pino builds them (it does not export its
 * list): each injects PinoLogger, which resolves to this module's AppPinoLogger.
 */
function namedLoggerProviders(): FactoryProvider[] {
  const prefix = getLoggerToken('');
  return (LoggerModule.forRoot().providers ?? []).filter(
    (p): p is FactoryProvider =>
      typeof p === 'object' && typeof p.provide === 'string' && p.provide.startsWith(prefix),
  );
}
