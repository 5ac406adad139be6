import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  apiEnvSchema,
  createLogger,
  loadConfig,
  loggingModule,
  ObservabilityModule,
  Probes,
} from '@sluice/common';
import { SystemService } from '@sluice/proto';
import { ApiConfigModule } from '../config/api-config.js';
import { ApiTokensRepository } from '../modules/apitokens/api-tokens.repository.js';
import { createUnaryClient } from './grpc-client.js';
import { GrpcModule } from './grpc.module.js';
import { GrpcServer } from './grpc-server.js';
import { GrpcService, type ImplementationOf } from './grpc-service.decorator.js';

/** A SystemService whose GetStatus is held open until the test releases it. */
@GrpcService(SystemService)
@Injectable()
class HeldSystem implements ImplementationOf<typeof SystemService> {
  release: () => void = () => {};
  // Declared before `started`, whose initializer assigns it: field initializers run in order.
  private markStarted: () => void = () => {};
  readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  getStatus() {
    this.markStarted();
    return new Promise<{ version: string }>(
      (resolve) => (this.release = () => resolve({ version: 'drained' })),
    );
  }
}

async function startServer() {
  const config = loadConfig(apiEnvSchema, {
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    API_GRPC_ADDR: '127.0.0.1:0',
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ApiConfigModule.forRoot(config),
      loggingModule(createLogger(config, 'test')),
      ObservabilityModule.forRoot('api'),
      GrpcModule,
    ],
    providers: [HeldSystem],
  })
    // SystemService is public: the token store is never asked, so it needs no database here.
    .overrideProvider(ApiTokensRepository)
    .useValue({})
    .compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  return app;
}

describe('GrpcServer', () => {
  it('discovers @GrpcService providers, then on shutdown turns unready and drains in-flight calls', async () => {
    const app = await startServer();
    const held = app.get(HeldSystem);
    const probes = app.get(Probes);
    const client = createUnaryClient(SystemService, `127.0.0.1:${app.get(GrpcServer).port}`);
    try {
      const inFlight = client.getStatus({});
      await held.started;
      await expect(probes.readiness()).resolves.toMatchObject({ ready: true });

      const closing = app.close();
      await new Promise((resolve) => setImmediate(resolve));
      await expect(probes.readiness()).resolves.toMatchObject({ ready: false });
      held.release();

      await expect(inFlight).resolves.toMatchObject({ version: 'drained' });
      await closing;
      // Closed: nothing listens any more.
      await expect(client.getStatus({}, { timeoutMs: 500 })).rejects.toMatchObject({ code: 14 });
    } finally {
      client.close();
    }
  });
});
