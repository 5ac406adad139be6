import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import { RollupScheduler } from '../src/modules/economics/rollup-scheduler.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { createTenant, openDataSource, usage } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Polls `read` until it returns something truthy, or gives up after `ms`. */
async function eventually<T>(read: () => Promise<T>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('RollupScheduler (real Redis and PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let producer: Redis;
  let worker: Redis;
  const queueName = `test-rollup-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    producer = new Redis(REDIS_URL);
    worker = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    const queue = new Queue(queueName, { connection: producer });
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    worker.disconnect();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('rolls complete hours up on its schedule, without anyone calling rollupHours', async () => {
    const tenant = await createTenant(dataSource);
    const writer = new UsageWriter(dataSource, new LedgerRepository(dataSource));
    await writer.write([
      usage(tenant, { occurredAt: '2026-11-01T10:15:00Z' }),
      usage(tenant, { occurredAt: '2026-11-01T10:45:00Z', outputTokens: 7 }),
      usage(tenant, { occurredAt: '2026-11-01T12:00:00Z' }),
    ]);
    const scheduler = new RollupScheduler({ producer, worker }, new UsageRollup(dataSource), {
      queueName,
      everyMs: 200,
    });
    await scheduler.start();
    await scheduler.start(); // a second replica upserting the same schedule changes nothing
    try {
      const unrolled = () =>
        dataSource.query<unknown[]>(
          'SELECT 1 FROM usage_records WHERE tenant_id = $1 AND rolled_up_at IS NULL',
          [tenant],
        );
      await expect(eventually(async () => (await unrolled()).length === 0)).resolves.toBe(true);
      const hours = await dataSource.query<Array<{ hour: Date; requests: string; output: string }>>(
        `SELECT hour, requests::text, output_tokens::text AS output FROM usage_hourly
         WHERE tenant_id = $1 ORDER BY hour`,
        [tenant],
      );
      expect(hours).toEqual([
        { hour: new Date('2026-11-01T10:00:00Z'), requests: '2', output: '107' },
        { hour: new Date('2026-11-01T12:00:00Z'), requests: '1', output: '100' },
      ]);
      const queue = new Queue(queueName, { connection: producer });
      await expect(queue.getJobSchedulers()).resolves.toHaveLength(1);
      await queue.close();
    } finally {
      await scheduler.close();
    }
  });

  // The hours the scheduler rolled up, read from usage_hourly by the service.
  // KNOWN DIFFERENCE (fails; reported to the owner, not bent): ml/gpt-frontier has no
  // price and no capacity row. Grouped by provider the service puts its rows under "" (its
  // providerLookup: no price, no provider), the audit under "external" (audit-atoms.sql.ts:
  // coalesce(provider, 'external')). economics.proto lists only "vllm" and "external".
  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () => [{ start: new Date('2026-11-01T10:00:00Z'), end: new Date('2026-11-01T13:00:00Z') }],
  );
});
