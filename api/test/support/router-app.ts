import { randomBytes } from 'node:crypto';
import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  apiEnvSchema,
  createLogger,
  loadConfig,
  loggingModule,
  ObservabilityModule,
} from '@sluice/common';
import { RouterService } from '@sluice/proto';
import { ApiConfigModule } from '../../src/config/api-config.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { createUnaryClient } from '../../src/grpc/grpc-client.js';
import { GrpcModule } from '../../src/grpc/grpc.module.js';
import { GrpcServer } from '../../src/grpc/grpc-server.js';
import { ApiTokensRepository } from '../../src/modules/apitokens/api-tokens.repository.js';
import { RouterModule } from '../../src/modules/router/router.module.js';
import type { RoutingView } from '../../src/modules/routing/routing-view.js';
import { InMemoryRoutingModule } from '../../src/modules/routing/testing/in-memory-routing.module.js';
import { TenantsModule } from '../../src/modules/tenants/tenants.module.js';
import { RedisModule } from '../../src/queue/redis.module.js';

const routerClient = (address: string) => createUnaryClient(RouterService, address);
export type RouterClient = ReturnType<typeof routerClient>;

export interface RouterApp {
  readonly moduleRef: TestingModule;
  readonly address: string;
  readonly client: RouterClient;
  close(): Promise<void>;
}

/**
 * The API's RouterService as AppModule wires it (real PostgreSQL, Redis, BullMQ worker, gRPC
 * server on a free port), with the informers replaced by `view` and a usage queue of its own.
 * `volatileAck: false` makes it write usage to PostgreSQL before acking on a Redis without AOF.
 */
export async function startRouterApp(
  urls: { database: string; redis: string },
  view: RoutingView,
  options: {
    unknownDecisionGraceMs?: number;
    imports?: ModuleMetadata['imports'];
    volatileAck?: boolean;
  } = {},
): Promise<RouterApp> {
  const { imports = [], volatileAck = true, ...router } = options;
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: urls.database,
    REDIS_URL: urls.redis,
    // CI's Redis persists nothing; tests of the queue fallback (PostgreSQL down) accept that.
    USAGE_VOLATILE_ACK: String(volatileAck),
    API_GRPC_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const queueName = `usage-it-${randomBytes(6).toString('hex')}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'api-test')),
      ObservabilityModule.forRoot('api'),
      DatabaseModule,
      RedisModule,
      GrpcModule,
      TenantsModule,
      RouterModule.forRoot({
        views: [InMemoryRoutingModule.forRoot(view)],
        ingest: { queueName, maxWaitMs: 20, retryBackoff: { initialMs: 100, maxMs: 500 } },
        ...router,
      }),
      ...imports,
    ],
  }).compile();
  await moduleRef.init();
  const address = `127.0.0.1:${moduleRef.get(GrpcServer).port}`;
  const client = routerClient(address);
  return {
    moduleRef,
    address,
    client,
    close: async () => {
      client.close();
      await moduleRef.close();
    },
  };
}

/** A token for `tenantId`, as the API issues it; the plaintext is what a client sends. */
export async function issueToken(
  app: RouterApp,
  tenantId: string,
  options: { scope?: Record<string, string>; expiresAt?: Date; admin?: boolean } = {},
): Promise<{ token: string; tokenId: string; bearer: { authorization: string } }> {
  const issued = await app.moduleRef
    .get(ApiTokensRepository, { strict: false })
    .issue({ tenantId, name: `t-${randomBytes(3).toString('hex')}`, ...options });
  return {
    token: issued.token,
    tokenId: issued.record.id,
    bearer: { authorization: `Bearer ${issued.token}` },
  };
}

/** Polls `read` until `done` holds (state, not time, decides); fails after `attempts`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  attempts = 200,
): Promise<T> {
  let value = await read();
  for (let i = 0; i < attempts && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
