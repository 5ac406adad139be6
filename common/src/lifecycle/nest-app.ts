import { NestFactory, type IEntryNestModule } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { ListenAddress } from '../config/env-fields.js';

/**
 * Creates a Nest application whose own log lines go through pino, and starts its HTTP server
 * (probes and metrics). Signals are handled by `stopOnSignals`, not by Nest's shutdown hooks,
 * so the caller decides what else stops with the app (e.g. embedded PostgreSQL in local mode).
 */
export async function startNestApp(
  module: IEntryNestModule,
  http: ListenAddress,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  await app.listen(http.port, http.host);
  return app;
}

/** The address the HTTP server really listens on (port 0 in tests picks a free one). */
export function httpUrl(app: INestApplication): string {
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
