import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../src/database/migrate.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import type { UsageReport } from '../src/modules/ledger/ledger.types.js';
import { UsageIngestProcessor } from '../src/modules/ledger/usage-ingest.processor.js';
import { UsageIngestQueue } from '../src/modules/ledger/usage-ingest.queue.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { GrpcStatus } from '../src/grpc/sluice-error.js';
import { createRedisConnection } from '../src/queue/redis-connection.js';
import { createTenant, openDataSource, usage } from './support/ledger-fixtures.js';
import { tcpProxy } from './support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FAST_RETRY = { initialMs: 50, maxMs: 400 };

async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The real writer, noting the size of each batch it was given. */
class CountingWriter extends UsageWriter {
  readonly batches: number[] = [];
  override write(reports: readonly UsageReport[]): Promise<number> {
    this.batches.push(reports.length);
    return super.write(reports);
  }
}

describe('usage ingest through BullMQ', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const cleanup: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
  });

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  function redis(role: 'producer' | 'worker'): Redis {
    const connection = createRedisConnection(REDIS_URL, role, `sluice-it-ledger-${role}`);
    connection.on('error', () => undefined);
    cleanup.push(async () => connection.quit().catch(() => connection.disconnect()));
    return connection;
  }

  /** A queue of its own and a worker on it that writes through `writer`. */
  async function pipeline(writer: UsageWriter): Promise<UsageIngestQueue> {
    const name = `sluice-it-usage-${randomUUID()}`;
    const producer = redis('producer');
    // A producer fails fast until it is connected (no offline queue), as in production.
    await eventually(() => Promise.resolve(producer.status === 'ready'));
    const queue = new UsageIngestQueue(producer, name);
    cleanup.push(() => queue.close());
    cleanup.push(() => queue.queue.obliterate({ force: true }));
    const processor = new UsageIngestProcessor(redis('worker'), writer, {
      queueName: name,
      batchSize: 10,
      maxWaitMs: 50,
      retryBackoff: FAST_RETRY,
    });
    cleanup.push(() => processor.close());
    return queue;
  }

  const rows = async (tenantId: string): Promise<number> => {
    const [row] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM usage_records WHERE tenant_id = $1`,
      [tenantId],
    );
    return row?.n ?? -1;
  };

  it('writes reports in batches and counts duplicates once, however they arrive', async () => {
    const writer = new CountingWriter(dataSource, new LedgerRepository(dataSource));
    const queue = await pipeline(writer);
    const tenant = await createTenant(dataSource);
    const reports = Array.from({ length: 30 }, () => usage(tenant));
    const twice = usage(tenant);

    await Promise.all(reports.map((report) => queue.report(report)));
    // Concurrent duplicates, and a retry after the first was surely written.
    await Promise.all(Array.from({ length: 5 }, () => queue.report(twice)));
    await eventually(async () => (await rows(tenant)) === 31);
    await queue.report(twice);
    await queue.report({ ...twice, outputTokens: 1 });

    await eventually(
      async () => (await queue.queue.getJobCounts('active', 'waiting')).waiting === 0,
    );
    await expect(queue.queue.getJobCounts('completed', 'failed')).resolves.toEqual({
      completed: 31,
      failed: 0,
    });
    expect(await rows(tenant)).toBe(31);
    // 31 reports, at most 10 per statement: batched, not one insert each.
    expect(Math.max(...writer.batches)).toBeGreaterThan(1);
    expect(writer.batches.reduce((a, b) => a + b, 0)).toBe(31);
  });

  it('rejects an invalid report before enqueueing it, naming the fields', async () => {
    const queue = await pipeline(new UsageWriter(dataSource, new LedgerRepository(dataSource)));
    const tenant = await createTenant(dataSource);

    await expect(
      queue.report(usage(tenant, { outputTokens: -1, decisionId: 'x' })),
    ).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      violations: [{ field: 'decisionId' }, { field: 'outputTokens' }],
    });
    await expect(queue.queue.getJobCounts('waiting')).resolves.toEqual({ waiting: 0 });
  });

  it('fails a report PostgreSQL refuses by itself, and writes the rest of its batch', async () => {
    const queue = await pipeline(new UsageWriter(dataSource, new LedgerRepository(dataSource)));
    const tenant = await createTenant(dataSource);
    const stranger = usage(randomUUID());
    const good = Array.from({ length: 4 }, () => usage(tenant));

    const ids = await Promise.all([...good, stranger].map((report) => queue.report(report)));

    await eventually(async () => (await queue.queue.getJobCounts('failed')).failed === 1);
    await eventually(async () => (await rows(tenant)) === 4);
    const poison = await queue.queue.getJob(ids[4] ?? '');
    expect(poison?.attemptsMade).toBe(1);
    expect(poison?.failedReason).toMatch(/usage_records_tenant_id_fkey/);
  });

  it('fails a malformed job at once instead of retrying it', async () => {
    const queue = await pipeline(new UsageWriter(dataSource, new LedgerRepository(dataSource)));
    // As an older producer might have left it: no model at all.
    const job = await queue.queue.add('usage', { tenantId: 'x' } as unknown as UsageReport, {
      attempts: 5,
    });

    await eventually(async () => (await queue.queue.getJobCounts('failed')).failed === 1);
    const failed = await queue.queue.getJob(job.id ?? '');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/malformed/);
  });

  it('keeps reports queued while PostgreSQL is down and writes them once it is back', async () => {
    const target = new URL(db.url);
    const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cleanup.push(() => proxy.close());
    await proxy.open();
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const proxied = await openDataSource(viaProxy.toString(), 2);
    cleanup.push(() => proxied.destroy());
    const queue = await pipeline(new UsageWriter(proxied, new LedgerRepository(proxied)));
    const tenant = await createTenant(dataSource);

    await proxy.close(); // PostgreSQL goes away: open connections drop, new ones are refused.
    const ids = await Promise.all(Array.from({ length: 12 }, () => queue.report(usage(tenant))));
    const attempts = async () =>
      Promise.all(ids.map(async (id) => (await queue.queue.getJob(id))?.attemptsMade ?? 0));
    await eventually(async () => (await attempts()).every((made) => made >= 2));

    expect(await rows(tenant)).toBe(0);
    await expect(queue.queue.getJobCounts('failed', 'completed')).resolves.toEqual({
      failed: 0,
      completed: 0,
    });

    await proxy.open();
    await eventually(async () => (await rows(tenant)) === 12, 20_000);
    await eventually(async () => (await queue.queue.getJobCounts('completed')).completed === 12);
    await expect(queue.queue.getJobCounts('failed')).resolves.toEqual({ failed: 0 });
  }, 30_000);
});
