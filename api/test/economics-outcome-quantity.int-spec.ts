// Cost per outcome divides by outcomes, not reports: a ReportOutcome may count several
// (router.proto quantity, e.g. 12 documents processed). The day is support/economics-day.ts.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { GetUnitEconomicsRequestSchema } from '@sluice/proto';
import type { DataSource } from 'typeorm';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { LedgerEventsRepository } from '../src/modules/ledger/ledger-events.repository.js';
import { at, seedDay } from './support/economics-day.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { migratedDatabase } from './support/ledger-fixtures.js';
import type { TestDatabase } from './support/test-database.js';

describe('Unit economics of outcomes reported with a quantity', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('counts the sum of quantities and divides whole and linked cost by it', async () => {
    const day = await seedDay(dataSource);
    const report = (key: string, over: object) => ({
      tenantId: day.tenant1,
      idempotencyKey: key,
      name: 'docs_processed',
      decisionIds: [] as string[],
      tags: { team: 'b' },
      occurredAt: at('17:30'),
      ...over,
    });
    // Twelve documents in one report, linked to row 8 (ml/frontier, $0.02), and one more
    // report without a quantity: 13 outcomes.
    await new LedgerEventsRepository(dataSource).recordOutcomes([
      report('d1', { quantity: 12n, value: '6', decisionIds: [day.decision(8)] }),
      report('d2', {}),
    ]);
    const repository = new EconomicsRepository(dataSource);
    const economics = new EconomicsService(new EconomicsLoader(repository), repository);
    const admin = { tenantId: day.tenant1, tenantName: 'x', tokenId: 'k', scope: {}, admin: true };
    const reply = await economics.unitEconomics(
      create(GetUnitEconomicsRequestSchema, {
        window: {
          start: timestampFromDate(at('00:00')),
          end: timestampFromDate(new Date('2026-11-03T00:00:00Z')),
        },
        groupBy: ['tag:team'],
        outcomes: ['docs_processed'],
      }),
      admin,
    );
    const teamB = (reply.rows ?? []).find((r) => r.group?.[0]?.value === 'b');
    expect(teamB?.outcomes).toEqual([
      {
        outcome: 'docs_processed',
        count: 13n,
        valueUsd: '6',
        // team b cost $0.020100488281 (its used GPU time, economics.int-spec.ts) / 13 =
        // 0.00154619140623..., $0.02 / 13 = 0.00153846153846...
        costPerOutcomeUsd: '0.001546191406',
        linkedCostPerOutcomeUsd: '0.001538461538',
      },
    ]);
    expect(reply.total?.outcomes).toEqual([
      {
        outcome: 'docs_processed',
        count: 13n,
        valueUsd: '6',
        // the day's $48.0399 / 13 = 3.6953769230769230...
        costPerOutcomeUsd: '3.695376923077',
        linkedCostPerOutcomeUsd: '0.001538461538',
      },
    ]);
  });

  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () => [{ start: at('00:00'), end: new Date('2026-11-03T00:00:00Z') }],
  );
});
