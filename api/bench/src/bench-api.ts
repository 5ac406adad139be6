import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { apiEnvSchema, createLogger, loadConfig } from '@sluice/common';
import { AppModule } from '../../dist/app.module.js';
import { runMigrations } from '../../dist/database/migrate.js';
import { GrpcServer } from '../../dist/grpc/grpc-server.js';
import { ROUTING_VIEW, type RoutingView } from '../../dist/modules/routing/routing-view.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The whole API in this process on a throwaway, migrated database and the local Redis. */
export interface BenchApi {
  readonly app: INestApplication;
  readonly grpcAddress: string;
  readonly db: ScratchDatabase;
  close(): Promise<void>;
}

/**
 * AppModule as `startApi` starts it, except that the routing policies come from `routingView`
 * instead of a cluster's informers (there is no cluster here), as the Router's tests do.
 */
async function startApp(databaseUrl: string, routingView: RoutingView): Promise<INestApplication> {
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    API_GRPC_ADDR: '127.0.0.1:0',
    API_HTTP_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, createLogger(config, 'api-bench'))],
  })
    .overrideProvider(ROUTING_VIEW)
    .useValue(routingView)
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  await app.listen(0, '127.0.0.1');
  return app;
}

export async function startBenchApi(routingView: RoutingView): Promise<BenchApi> {
  const db = await createScratchDatabase();
  try {
    await runMigrations(db.url);
    const app = await startApp(db.url, routingView);
    return {
      app,
      grpcAddress: `127.0.0.1:${app.get(GrpcServer).port}`,
      db,
      close: async () => {
        await app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
