import { EconomicsService } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { RunningApi } from '../../src/bootstrap.js';
import { createUnaryClient, type UnaryClient } from '../../src/grpc/grpc-client.js';
import { seedDay, type Day } from './economics-day.js';
import { filledLater } from './filled-later.js';
import { migratedDatabase } from './ledger-fixtures.js';
import { startTestApi } from './test-api.js';
import type { TestDatabase } from './test-database.js';

export interface EconomicsApi {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  readonly day: Day;
  readonly api: RunningApi;
  readonly client: UnaryClient<(typeof EconomicsService)['method']>;
}

/**
 * economics-day.ts's day in a migrated database of its own, then `prepare` (more rows, the
 * tokens the test calls with), then the whole API on it and an EconomicsService client; closed
 * and dropped after the file. Registers the beforeAll/afterAll of the calling describe.
 */
export function economicsApi(
  prepare: (dataSource: DataSource, day: Day) => Promise<void>,
): EconomicsApi {
  const { fixture, parts } = filledLater<EconomicsApi>('economicsApi');

  beforeAll(async () => {
    const { db, dataSource } = await migratedDatabase();
    Object.assign(parts, { db, dataSource });
    parts.day = await seedDay(dataSource);
    await prepare(dataSource, parts.day);
    parts.api = await startTestApi(db.url);
    parts.client = createUnaryClient(EconomicsService, parts.api.grpcAddress);
  });

  afterAll(async () => {
    parts.client?.close();
    await parts.api?.app.close();
    await parts.dataSource?.destroy();
    await parts.db?.drop();
  });
  return fixture;
}
