import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { httpUrl, startNestApp, type Logger } from '@sluice/common';
import { AppModule } from './app.module.js';
import type { ApiConfig } from './config/api-config.js';
import { GrpcServer } from './grpc/grpc-server.js';

export interface RunningApi {
  readonly app: INestApplication;
  readonly httpUrl: string;
  readonly grpcAddress: string;
}

/** Starts the API (HTTP probes and metrics, gRPC) and returns where it listens. */
export async function startApi(config: ApiConfig, logger: Logger): Promise<RunningApi> {
  const app = await startNestApp(AppModule.forRoot(config, logger), config.API_HTTP_ADDR);
  const grpcAddress = `${config.API_GRPC_ADDR.host}:${app.get(GrpcServer).port}`;
  const running = { app, httpUrl: httpUrl(app), grpcAddress };
  logger.info({ http: running.httpUrl, grpc: grpcAddress }, 'API started');
  return running;
}
