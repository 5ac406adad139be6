import { NestFactory, type IEntryNestModule } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { ListenAddress } from '../config/env-fields.js';
import {
  AppLogSlot,
  inAppLogContext,
  perAppNestLogger,
  setAppLogger,
} from '../logging/per-app-nest-logger.js';

/**
 * Creates a Nest application whose own log lines go through its pino logger, and starts its HTTP
 * server (probes and metrics). Signals are handled by `stopOnSignals`, not by Nest's shutdown
 * hooks, so the caller decides what else stops with the app (e.g. embedded PostgreSQL in local
 * mode). Start-up and close run in the app's logging context (per-app-nest-logger.ts), so Nest's
 * lines carry the app's component even when another app shares the process.
 */
export function startNestApp(
  module: IEntryNestModule,
  http: ListenAddress,
): Promise<INestApplication> {
  const slot = new AppLogSlot();
  return inAppLogContext(slot, async () => {
    const app = await NestFactory.create(module, { bufferLogs: true });
    setAppLogger(slot, app.get(NestPinoLogger));
    app.useLogger(perAppNestLogger);
    await app.listen(http.port, http.host);
    return closingInContext(app, slot);
  });
}

/** Nest's app object is a Proxy that ignores assignments, so close() is wrapped by another. */
function closingInContext(app: INestApplication, slot: AppLogSlot): INestApplication {
  const close = () => inAppLogContext(slot, () => app.close());
  return new Proxy(app, {
    get: (target, property, receiver): unknown =>
      property === 'close' ? close : Reflect.get(target, property, receiver),
  });
}

/** The address the HTTP server really listens on (port 0 in tests picks a free one). */
export function httpUrl(app: INestApplication): string {
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
