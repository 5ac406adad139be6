import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetCostReportRequestSchema,
  GetCrossoverRequestSchema,
  GetSavingsRequestSchema,
  GetUnitEconomicsRequestSchema,
  Granularity,
} from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { Caller } from '../src/grpc/auth/caller.js';
import { GrpcStatus } from '../src/grpc/sluice-error.js';
import { runMigrations } from '../src/database/migrate.js';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { UsageRollup } from '../src/modules/ledger/usage-rollup.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { at, seedDay, type Day } from './support/economics-day.js';
import { openDataSource } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

// Every expectation below is the day of support/economics-day.ts worked by hand, with the
// allocation of README "Allocation": ml/llama costs $4 an hour (2 replicas x $2) from 06:00 to
// 18:00, $48; K = 2 replicas x 256 (the default maxNumSeqs) x 3 600 000 ms = 1 843 200 000 ms
// an hour. Its calls take 100 ms each: used = $4 x D / K, half up, in picodollars:
//   08:00 D 200 S 3200 (a #1 1200, b #6 2000): used 434028; a 162760, b 271267 (floors)
//   09:00 D 200 S 2800 (a #2 800, c #11 2000): used 434028; a 124008, c 310020
//   14:00 D 100 S 4000 (b #7 4000):            used 217014; b 217014
// Teams: a 286768, b 488281, c 310020; used 1085069; idle line $48 - that = 47.999998914931.
// Kinds (input floored, output the rest per cell): a in 135633 + 93006 = 228639, out 58129;
// b in 203450 + 162760 = 366210, out 122071; c in 310020. The hit #9 at 15:00 (no calls in
// that hour, S = 0) is priced 0 for no-cache.

const window = (from = '00:00', to?: string) => ({
  start: timestampFromDate(at(from)),
  end: timestampFromDate(to === undefined ? new Date('2026-11-03T00:00:00Z') : at(to)),
});
const team = (value: string) => [{ dimension: 'tag:team', value }];
/** Service replies are init shapes: every field optional. */
const rowsOf = <T>(reply: { rows?: T[] | undefined }): T[] => reply.rows ?? [];
const zeroUsage = {
  queries: 0n,
  modelCalls: 0n,
  cacheHits: 0n,
  failedCalls: 0n,
  inputTokens: 0n,
  cachedInputTokens: 0n,
  outputTokens: 0n,
};

describe('EconomicsService on a synthetic day', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let economics: EconomicsService;
  let day: Day;
  let admin: Caller;
  let teamA: Caller;
  let tenant2: Caller;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations(db.url);
    dataSource = await openDataSource(db.url);
    const repository = new EconomicsRepository(dataSource);
    economics = new EconomicsService(new EconomicsLoader(repository), repository);
    day = await seedDay(dataSource);
    const caller = (tenantId: string, over: Partial<Caller>): Caller => ({
      tenantId,
      tenantName: 'x',
      tokenId: 'k',
      scope: {},
      admin: false,
      ...over,
    });
    admin = caller(day.tenant1, { admin: true });
    teamA = caller(day.tenant1, { scope: { team: 'a' } });
    tenant2 = caller(day.tenant2, {});
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const costReport = (caller: Caller | undefined, init: object) =>
    economics.costReport(create(GetCostReportRequestSchema, { window: window(), ...init }), caller);

  async function expectCostReports() {
    const byTeam = await costReport(admin, { groupBy: ['tag:team'] });
    expect(byTeam.truncated).toBe(false);
    const noShare = { sharedIdleUsd: '0' };
    expect(rowsOf(byTeam).map((r) => [r.group, r.cost, r.usage])).toEqual([
      [
        // The idle line: no tenant's, an unscoped admin's; its token kind is output.
        team(''),
        {
          totalUsd: '47.999998914931',
          externalUsd: '0',
          selfHostedUsd: '47.999998914931',
          usedUsd: '0',
          idleUsd: '47.999998914931',
          ...noShare,
          inputUsd: '0',
          cachedInputUsd: '0',
          outputUsd: '47.999998914931',
        },
        zeroUsage,
      ],
      [
        team('b'),
        {
          // rows 8 ($0.005 in + $0.015 out) and 10 ($0.0001 in) + llama used 488281
          totalUsd: '0.020100488281',
          externalUsd: '0.0201',
          selfHostedUsd: '0.000000488281',
          usedUsd: '0.000000488281',
          idleUsd: '0',
          ...noShare,
          inputUsd: '0.00510036621', // 0.005 + 0.0001 + 366210
          cachedInputUsd: '0',
          outputUsd: '0.015000122071', // 0.015 + 122071
        },
        // rows 6-10: 4 calls, #9 a hit, #10 failed; input 1500+3000+1000+500, output 500+1000+1000
        {
          queries: 5n,
          modelCalls: 4n,
          cacheHits: 1n,
          failedCalls: 1n,
          inputTokens: 6000n,
          cachedInputTokens: 0n,
          outputTokens: 2500n,
        },
      ],
      [
        team('a'),
        {
          // #3 mini 10000x0.2 + 2000x0.1 + 1000x0.8 = $0.003; #5 frontier after 12:00 2400x4 + 600x12 = $0.0168
          totalUsd: '0.019800286768',
          externalUsd: '0.0198',
          selfHostedUsd: '0.000000286768',
          usedUsd: '0.000000286768',
          idleUsd: '0',
          ...noShare,
          inputUsd: '0.011600228639', // 0.002 + 0.0096 + 228639
          cachedInputUsd: '0.0002',
          outputUsd: '0.008000058129', // 0.0008 + 0.0072 + 58129
        },
        // input counts cached tokens too (ADR 0004): 1000 + 600 + 12000 + 2400
        {
          queries: 5n,
          modelCalls: 4n,
          cacheHits: 1n,
          failedCalls: 0n,
          inputTokens: 16000n,
          cachedInputTokens: 2000n,
          outputTokens: 2000n,
        },
      ],
      [
        team('c'),
        {
          totalUsd: '0.00000031002',
          externalUsd: '0',
          selfHostedUsd: '0.00000031002',
          usedUsd: '0.00000031002',
          idleUsd: '0',
          ...noShare,
          inputUsd: '0.00000031002',
          cachedInputUsd: '0',
          outputUsd: '0',
        },
        {
          queries: 1n,
          modelCalls: 1n,
          cacheHits: 0n,
          failedCalls: 0n,
          inputTokens: 2000n,
          cachedInputTokens: 0n,
          outputTokens: 0n,
        },
      ],
    ]);
    // The books balance: the whole $48 of GPU time is in the total, used + idle.
    expect(byTeam.total?.cost).toEqual({
      totalUsd: '48.0399',
      externalUsd: '0.0399',
      selfHostedUsd: '48',
      usedUsd: '0.000001085069',
      idleUsd: '47.999998914931',
      ...noShare,
      inputUsd: '0.016700904869', // 0.0167 external + 228639 + 366210 + 310020
      cachedInputUsd: '0.0002',
      outputUsd: '48.022999095131', // 0.023 external + 58129 + 122071 + the idle line
    });
    expect(byTeam.total?.usage).toEqual({
      queries: 11n,
      modelCalls: 9n,
      cacheHits: 2n,
      failedCalls: 1n,
      inputTokens: 24000n,
      cachedInputTokens: 2000n,
      outputTokens: 4500n,
    });

    // Team a's token sees its own row only, the same figures, and no idle line.
    const scoped = await costReport(teamA, { groupBy: ['tag:team'] });
    expect(rowsOf(scoped).map((r) => [r.group, r.cost?.totalUsd])).toEqual([
      [team('a'), '0.019800286768'],
    ]);
    expect(scoped.total?.cost?.totalUsd).toBe('0.019800286768');
    // A non-admin of tenant 2 sees tenant 2 only.
    const other = await costReport(tenant2, { groupBy: ['tag:team'] });
    expect(rowsOf(other).map((r) => [r.group, r.cost?.totalUsd])).toEqual([
      [team('c'), '0.00000031002'],
    ]);

    // 06:00-08:00: llama ran 2 replicas (2 h x 2 x $2 = $8) and served nobody. The admin sees it
    // under the model with empty values elsewhere; team a's token sees none of it.
    const idle = await costReport(admin, {
      window: window('06:00', '08:00'),
      groupBy: ['model', 'tier'],
    });
    expect(rowsOf(idle).map((r) => [r.group, r.cost, r.usage])).toEqual([
      [
        [
          { dimension: 'model', value: 'ml/llama' },
          { dimension: 'tier', value: '' },
        ],
        {
          totalUsd: '8',
          externalUsd: '0',
          selfHostedUsd: '8',
          usedUsd: '0',
          idleUsd: '8',
          sharedIdleUsd: '0',
          inputUsd: '0',
          cachedInputUsd: '0',
          outputUsd: '8',
        },
        zeroUsage,
      ],
    ]);
    const idleScoped = await costReport(teamA, {
      window: window('06:00', '08:00'),
      groupBy: ['model'],
    });
    expect([idleScoped.rows, idleScoped.total?.cost?.totalUsd]).toEqual([[], '0']);

    // Policy lives on the decision: rows 1-5 were routed by ml/support, the rest have none.
    const byPolicy = await costReport(admin, { groupBy: ['policy'] });
    expect(rowsOf(byPolicy).map((r) => [r.group?.[0]?.value, r.cost?.totalUsd])).toEqual([
      ['', '48.020099713232'], // b + c + the idle line
      ['ml/support', '0.019800286768'], // a
    ]);

    // Hourly buckets of frontier spend: #8 at 11:30 before the price change, #5 at 13:00 after.
    const hourly = await costReport(admin, {
      groupBy: ['model'],
      filters: [{ dimension: 'model', values: ['ml/frontier'] }],
      granularity: Granularity.HOUR,
    });
    expect(rowsOf(hourly).map((r) => [r.bucketStart, r.cost?.totalUsd])).toEqual([
      [timestampFromDate(at('11:00')), '0.02'], // 1000 x $5 + 1000 x $15 per 1M
      [timestampFromDate(at('13:00')), '0.0168'], // 2400 x $4 + 600 x $12 per 1M
    ]);
    expect(hourly.total?.cost?.totalUsd).toBe('0.0368');
  }

  async function expectUnitEconomics() {
    const request = (init: object) =>
      create(GetUnitEconomicsRequestSchema, { window: window(), ...init });
    const faq = await economics.unitEconomics(request({ groupBy: ['template'] }), teamA);
    expect(rowsOf(faq)).toHaveLength(1);
    expect(rowsOf(faq)[0]).toEqual({
      group: [{ dimension: 'template', value: 'faq' }],
      usage: {
        queries: 5n,
        modelCalls: 4n,
        cacheHits: 1n,
        failedCalls: 0n,
        inputTokens: 16000n,
        cachedInputTokens: 2000n,
        outputTokens: 2000n,
      },
      costUsd: '0.019800286768',
      costPerQueryUsd: '0.003960057354', // / 5, half up
      costPerMillionInputTokensUsd: '0.737514289938', // (0.011600228639 + 0.0002) x 1e6 / 16000
      costPerMillionOutputTokensUsd: '4.0000290645', // 0.008000058129 x 1e6 / 2000
      idleCostUsd: '0',
      meanInputTokens: 4000, // 16000 / 4 calls
      meanOutputTokens: 500,
      cache: {
        exactHits: 1n,
        semanticHits: 0n,
        exactHitRate: 0.2,
        semanticHitRate: 0,
        hitRate: 0.2,
      },
      routing: [
        {
          tier: 'small', // #1, #2 on llama, #3 and the hit #4 on mini
          queries: 4n,
          share: 0.8,
          models: [
            { model: { namespace: 'ml', name: 'llama' }, queries: 2n, share: 0.5 },
            { model: { namespace: 'ml', name: 'mini' }, queries: 2n, share: 0.5 },
          ],
        },
        {
          tier: 'frontier',
          queries: 1n,
          share: 0.2,
          models: [{ model: { namespace: 'ml', name: 'frontier' }, queries: 1n, share: 1 }],
        },
      ],
      outcomes: [], // outcomes carry no template: only the total has them
    });
    expect(faq.total?.outcomes).toEqual([
      {
        outcome: 'ticket_resolved',
        count: 2n,
        valueUsd: '1.5',
        costPerOutcomeUsd: '0.009900143384', // 0.019800286768 / 2
        // o1: #1 + #3 (0.003); o2: #5 (0.0168). #1's 1200 llama tokens are charged as a cell of
        // the window: floor(used 1085070 x 1200 / S 10000) = 130208. 0.019800130208 / 2
        linkedCostPerOutcomeUsd: '0.009900065104',
      },
    ]);

    const byTeam = await economics.unitEconomics(request({ groupBy: ['tag:team'] }), admin);
    expect(rowsOf(byTeam).map((r) => [r.group, r.outcomes])).toEqual([
      [team(''), []], // the idle line: no tag, no outcome
      [
        team('b'),
        [
          {
            outcome: 'ticket_resolved',
            count: 1n,
            valueUsd: '2',
            costPerOutcomeUsd: '0.020100488281',
            linkedCostPerOutcomeUsd: '0.02',
          },
        ],
      ],
      [
        team('a'),
        [
          {
            outcome: 'ticket_resolved',
            count: 2n,
            valueUsd: '1.5',
            costPerOutcomeUsd: '0.009900143384',
            linkedCostPerOutcomeUsd: '0.009900065104',
          },
        ],
      ],
      [team('c'), []],
    ]);
    expect(byTeam.total?.outcomes).toEqual([
      // 48.0399 / 3 = 16.0133; (0.019800130208 + 0.02) / 3 = 0.0132667100693.. half up
      {
        outcome: 'ticket_resolved',
        count: 3n,
        valueUsd: '3.5',
        costPerOutcomeUsd: '16.0133',
        linkedCostPerOutcomeUsd: '0.013266710069',
      },
    ]);
    expect(byTeam.total?.cache).toEqual({
      exactHits: 1n,
      semanticHits: 1n,
      exactHitRate: 1 / 11,
      semanticHitRate: 1 / 11,
      hitRate: 2 / 11,
    });
  }

  async function expectSavings() {
    const savings = await economics.savings(
      create(GetSavingsRequestSchema, { window: window(), groupBy: ['tag:team'] }),
      admin,
    );
    // Baselines are ml/frontier at each row's time: $5/$2.50/$15 before 12:00, $4/$2/$12 after.
    expect(
      rowsOf(savings).map((r) => [
        r.group?.[0]?.value,
        r.queries,
        r.actualCostUsd,
        r.frontierBaselineCostUsd,
        r.savedVsFrontierUsd,
        r.noCacheCostUsd,
        r.savedByCacheUsd,
      ]),
    ).toEqual([
      // a: #1 0.008 + #2 0.006 + #3 0.07 + #4 0.07 + #5 0.0168; the exact hit #4 would have cost #3's $0.003
      ['a', 5n, '0.019800286768', '0.1708', '0.150999713232', '0.022800286768', '0.003'],
      // b: #6 0.015 + #7 0.024 + #8 0.02 + #9 0.012 + #10 0.002; the semantic hit #9 on llama
      // fell in 15:00, an hour without calls (S = 0): priced 0
      ['b', 5n, '0.020100488281', '0.073', '0.052899511719', '0.020100488281', '0'],
      // c: #11 2000 x $5 = 0.01
      ['c', 1n, '0.00000031002', '0.01', '0.00999968998', '0.00000031002', '0'],
      // the idle line: no query, no baseline
      ['', 0n, '47.999998914931', '0', '-47.999998914931', '47.999998914931', '0'],
    ]);
    // a's marginal is its cost; fully loaded adds its share of idle (as share_idle would), per
    // cell: floor(I x 1200 / 10000) + floor(I x 800 / 10000) = 9.599999782985, I = 47.999998914931.
    expect(rowsOf(savings)[0]).toMatchObject({
      savedVsFrontierRatio: expect.closeTo(0.150999713232 / 0.1708, 12) as number,
      savedByCacheRatio: expect.closeTo(0.003 / 0.022800286768, 12) as number,
      marginalCostUsd: '0.019800286768',
      fullyLoadedCostUsd: '9.619800069753',
    });
    const total = savings.total;
    expect([
      total?.queries,
      total?.actualCostUsd,
      total?.frontierBaselineCostUsd,
      total?.savedVsFrontierUsd,
      total?.noCacheCostUsd,
      total?.savedByCacheUsd,
    ]).toEqual([11n, '48.0399', '0.2538', '-47.7861', '48.0429', '0.003']); // 48.0399 + 0.003
  }

  async function expectCrossover() {
    const crossover = await economics.crossover(
      create(GetCrossoverRequestSchema, { window: window() }),
      admin,
    );
    expect(crossover.rows).toEqual([
      {
        model: { namespace: 'ml', name: 'llama' },
        tier: 'small',
        hostedReference: { namespace: 'ml', name: 'mini' }, // the external model of tier small
        // #1 #2 #6 #7 #11 and the hit #9: 1000+600+1500+3000+2000 in, 200+200+500+1000 out
        usage: {
          queries: 6n,
          modelCalls: 5n,
          cacheHits: 1n,
          failedCalls: 0n,
          inputTokens: 8100n,
          cachedInputTokens: 0n,
          outputTokens: 1900n,
        },
        selfHostedCostUsd: '48',
        idleCostUsd: '47.999998914931',
        // sum of min(D, K) / sum of K: 500 ms of request time over 12 hours of 2 x 256 slots
        utilization: 500 / (12 * 1_843_200_000),
        hostedCostUsd: '0.00314', // 8100 x $0.20 + 1900 x $0.80 per 1M
        selfHostedHourlyUsd: '4', // $48 over the 12 hours it ran (06:00-18:00), not the 24 asked
        tokensPerHour: 10000 / 12,
        breakEvenTokensPerHour: 12738853n, // floor(4 x 10000 / 0.00314)
        breakEvenQueriesPerMonth: 4585987n, // floor(12738853 x 720 h x 5 calls / 10000 tokens)
        runHours: 12,
        replicaHours: 24,
        gpuCostUsd: '48',
        // 500 ms of requests in its busiest hour fit one replica: 1 x 1 GPU x $2 an hour, against
        // the reference's $0.00314 over 12 running hours = $0.000261666667 (half up)
        neededReplicas: 1,
        neededReplicasHourlyUsd: '2',
        hostedHourlyUsd: '0.000261666667',
        cheaper: 'hosted',
      },
    ]);
    const scoped = await economics.crossover(
      create(GetCrossoverRequestSchema, { window: window() }),
      teamA,
    );
    expect(
      rowsOf(scoped).map((r) => [
        r.selfHostedCostUsd,
        r.idleCostUsd,
        r.hostedCostUsd,
        r.selfHostedHourlyUsd,
        r.breakEvenTokensPerHour,
        r.breakEvenQueriesPerMonth,
      ]),
    ).toEqual([
      // a's used 286768; 1600 x 0.2 + 400 x 0.8 per 1M; the model's $48 over 12 running hours
      // whoever asks; floor(4 x 2000 / 0.00064); floor(12500000 x 720 x 2 calls / 2000 tokens)
      ['0.000000286768', '0', '0.00064', '4', 12500000n, 9000000n],
    ]);
  }

  const expectEverything = async () => {
    await expectCostReports();
    await expectUnitEconomics();
    await expectSavings();
    await expectCrossover();
  };

  it('answers every figure as worked by hand, the same before and after the hourly rollup', async () => {
    await expectEverything();
    const rolled = await new UsageRollup(dataSource).rollupHours(new Date('2026-11-03T01:00:00Z'));
    // Every hour with usage is now read from usage_hourly instead of the raw rows.
    expect(rolled).toEqual(
      ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'].map(at),
    );
    await expectEverything();
  });

  it('keeps team a out of team b and checks the request', async () => {
    await expect(
      costReport(teamA, { filters: [{ dimension: 'tag:team', values: ['b'] }] }),
    ).rejects.toMatchObject({
      code: GrpcStatus.PERMISSION_DENIED,
    });
    await expect(costReport(undefined, {})).rejects.toMatchObject({
      code: GrpcStatus.UNAUTHENTICATED,
    });
    await expect(costReport(admin, { window: window('10:00', '09:00') })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      violations: [{ field: 'window.end', description: 'must be after window.start' }],
    });
    await expect(costReport(admin, { groupBy: ['colour'] })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      violations: [expect.objectContaining({ field: 'group_by[0]' })],
    });
    await expect(costReport(admin, { limit: 10_001 })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    const limited = await costReport(admin, { groupBy: ['tag:team'], limit: 1 });
    expect([rowsOf(limited).length, limited.truncated, limited.total?.cost?.totalUsd]).toEqual([
      1,
      true,
      '48.0399',
    ]);
  });

  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () => [
      { start: at('00:00'), end: new Date('2026-11-03T00:00:00Z') },
      { start: at('06:00'), end: at('08:00') },
    ],
  );
});
