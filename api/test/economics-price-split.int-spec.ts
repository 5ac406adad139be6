// A model's first price is often recorded mid-hour (the API started, the model was created): the
// rows after it are priced, and Economics must split their cost by token kind with that price,
// not call it all output because the hour's start had no price.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GetCostReportRequestSchema } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { createTenant, migratedDatabase, usage } from './support/ledger-fixtures.js';
import type { TestDatabase } from './support/test-database.js';

const MODEL = { namespace: 'default', name: 'gpt-4o' };

describe('Economics cost split with a price first recorded mid-hour', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('splits input and output at the price that priced the rows', async () => {
    const tenant = await createTenant(dataSource);
    const ledger = new LedgerRepository(dataSource);
    const prices = { provider: 'external' as const, inputPer1M: '2.50', outputPer1M: '10' };
    await ledger.recordPrice(MODEL, prices, new Date('2026-11-02T10:30:00Z'));
    // 1000 input x $2.50/1M = $0.0025; 100 output x $10/1M = $0.001.
    const report = usage(tenant, {
      model: MODEL,
      baselineModel: MODEL,
      inputTokens: 1000,
      outputTokens: 100,
      occurredAt: '2026-11-02T10:45:00Z',
    });
    await new UsageWriter(dataSource, ledger).write([report]);

    const repository = new EconomicsRepository(dataSource);
    const economics = new EconomicsService(new EconomicsLoader(repository), repository);
    const request = create(GetCostReportRequestSchema, {
      window: {
        start: timestampFromDate(new Date('2026-11-02T10:00:00Z')),
        end: timestampFromDate(new Date('2026-11-02T11:00:00Z')),
      },
    });
    const admin = { tenantId: tenant, tenantName: 't', tokenId: 'k', scope: {}, admin: true };
    const reply = await economics.costReport(request, admin);
    expect(reply.total?.cost).toMatchObject({
      totalUsd: '0.0035',
      inputUsd: '0.0025',
      outputUsd: '0.001',
    });
  });

  // The hour read above, and the part of it after the price was recorded.
  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () =>
      ['10:00', '10:30'].map((from) => ({
        start: new Date(`2026-11-02T${from}:00Z`),
        end: new Date('2026-11-02T11:00:00Z'),
      })),
  );
});
