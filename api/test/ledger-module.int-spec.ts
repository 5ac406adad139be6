import { Test, type TestingModule } from '@nestjs/testing';
import {
  apiEnvSchema,
  createLogger,
  loadConfig,
  loggingModule,
  ObservabilityModule,
} from '@sluice/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiConfigModule } from '../src/config/api-config.js';
import { DatabaseModule } from '../src/database/database.module.js';
import { runMigrations } from '../src/database/migrate.js';
import { LedgerModule } from '../src/modules/ledger/ledger.module.js';
import { UsageIngestQueue } from '../src/modules/ledger/usage-ingest.queue.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { RedisModule } from '../src/queue/redis.module.js';
import { createTenant, openDataSource, usage } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('LedgerModule', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let moduleRef: TestingModule | undefined;
  const queueName = `sluice-it-usage-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('wires the queue, the worker and the rollup, and shuts down cleanly', async () => {
    const config = loadConfig(apiEnvSchema, {
      DATABASE_URL: db.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ApiConfigModule.forRoot(config),
        loggingModule(createLogger(config, 'api-test')),
        ObservabilityModule.forRoot('api'),
        DatabaseModule,
        RedisModule,
        LedgerModule.forRoot({ queueName, maxWaitMs: 20 }),
      ],
    }).compile();
    await moduleRef.init();
    const queue = moduleRef.get(UsageIngestQueue);
    const tenant = await createTenant(dataSource);
    const report = usage(tenant, { occurredAt: '2026-11-01T10:15:00Z' });

    await eventually(async () =>
      queue.report(report).then(
        () => true,
        () => false, // the producer connection may still be connecting
      ),
    );
    const totals = () =>
      moduleRef!.get(UsageRollup).totals({
        tenantId: tenant,
        from: new Date('2026-11-01T10:00:00Z'),
        to: new Date('2026-11-01T11:00:00Z'),
      });
    await eventually(async () => (await totals()).length === 1);
    expect((await totals())[0]?.requests).toBe(1n);

    await queue.queue.obliterate({ force: true });
    await moduleRef.close();
    moduleRef = undefined;
  });
});
