// The whole API in this process, for the CLI's integration tests and the benchmarks: AppModule as
// `startApi` starts it, except for a few providers. No cluster (not even one a kubeconfig in $HOME
// names), so the routing policies come from `view` instead of informers, as in the Router's
// tests; and usage goes to a queue of its own, since the default one may be another local API's,
// whose reports this API's worker would take and fail to book here.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { apiEnvSchema, createLogger, loadConfig } from '@sluice/common';
import { AppModule } from '../app.module.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { KubeClients } from '../kube/kube-clients.js';
import { EconomicsRepository } from '../modules/economics/economics.repository.js';
import { USAGE_INGEST_SETTINGS } from '../modules/ledger/ledger.module.js';
import { UsageIngestQueue } from '../modules/ledger/usage-ingest.queue.js';
import { ROUTING_VIEW, type RoutingView } from '../modules/routing/routing-view.js';
import { REDIS } from '../queue/redis.module.js';

export interface InProcessApiOptions {
  /** A migrated database of the caller's. */
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly view: RoutingView;
  readonly queueName: string;
  /** The `name` of its log lines. */
  readonly logName: string;
  /** false: usage is written to PostgreSQL before its ack on a Redis without AOF. */
  readonly volatileAck?: boolean;
  /** More settings, as the environment would give them (the soak bench's memory bounds). */
  readonly env?: Readonly<Record<string, string>>;
  /** Economics' "now" (GPU time after it has not run yet): a test's fake clock. */
  readonly economicsClock?: () => Date;
}

/** Listens on free ports of 127.0.0.1; `close()` it. */
export async function startInProcessApi(options: InProcessApiOptions): Promise<INestApplication> {
  const { view, queueName } = options;
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    // The test Redis persists nothing: usage may wait in the queue while PostgreSQL is down.
    USAGE_VOLATILE_ACK: options.volatileAck === false ? 'false' : 'true',
    API_GRPC_ADDR: '127.0.0.1:0',
    API_HTTP_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    ...options.env,
  });
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot(config, createLogger(config, options.logName))],
  });
  const clock = options.economicsClock;
  // ECONOMICS_CLOCK is optional and provided by no module: the repository is built with it.
  if (clock !== undefined)
    builder.overrideProvider(EconomicsRepository).useFactory({
      inject: [getDataSourceToken()],
      factory: (dataSource: DataSource) => new EconomicsRepository(dataSource, clock),
    });
  const moduleRef = await builder
    .overrideProvider(KubeClients)
    .useValue({ connection: undefined })
    .overrideProvider(ROUTING_VIEW)
    .useValue(view)
    .overrideProvider(USAGE_INGEST_SETTINGS)
    .useFactory({
      inject: [API_CONFIG],
      factory: (c: ApiConfig) => ({ queueName, redisUrl: c.REDIS_URL }),
    })
    .overrideProvider(UsageIngestQueue)
    .useFactory({
      inject: [REDIS],
      factory: (redis: Redis) => new UsageIngestQueue(redis, queueName),
    })
    .compile();
  // Nest's own start-up lines go through the (silent) pino logger too, not to the console.
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  await app.listen(0, '127.0.0.1');
  return app;
}
