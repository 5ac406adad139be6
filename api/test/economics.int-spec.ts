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
import { at, seedDay, type Day } from './support/economics-day.js';
import { openDataSource } from './support/ledger-fixtures.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

// Every expectation below is the day of support/economics-day.ts worked by hand. Self-hosted
// ml/llama cost $48 and served 10000 tokens: $0.0048 a token, of which $36/10000 = $0.0036 idle.

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
    expect(rowsOf(byTeam).map((r) => [r.group, r.cost, r.usage])).toEqual([
      [
        team('b'),
        {
          // rows 8 ($0.005 in + $0.015 out) and 10 ($0.0001 in) + llama 6000 tokens x $0.0048
          totalUsd: '28.8201',
          externalUsd: '0.0201',
          selfHostedUsd: '28.8',
          idleUsd: '21.6', // 6000 x $0.0036
          inputUsd: '21.6051', // 0.005 + 0.0001 + 4500 x 0.0048
          cachedInputUsd: '0',
          outputUsd: '7.215', // 0.015 + 1500 x 0.0048
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
          totalUsd: '9.6198',
          externalUsd: '0.0198',
          selfHostedUsd: '9.6', // 2000 llama tokens x 0.0048
          idleUsd: '7.2',
          inputUsd: '7.6916', // 0.002 + 0.0096 + 1600 x 0.0048
          cachedInputUsd: '0.0002',
          outputUsd: '1.928', // 0.0008 + 0.0072 + 400 x 0.0048
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
          totalUsd: '9.6',
          externalUsd: '0',
          selfHostedUsd: '9.6',
          idleUsd: '7.2',
          inputUsd: '9.6',
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
    // The books balance: the whole $48 of GPU time is in the total, idle $36 included.
    expect(byTeam.total?.cost).toEqual({
      totalUsd: '48.0399',
      externalUsd: '0.0399',
      selfHostedUsd: '48',
      idleUsd: '36',
      inputUsd: '38.8967',
      cachedInputUsd: '0.0002',
      outputUsd: '9.143',
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

    // Team a's token sees its own row only, still carrying its share of the shared GPUs.
    const scoped = await costReport(teamA, { groupBy: ['tag:team'] });
    expect(rowsOf(scoped).map((r) => [r.group, r.cost?.totalUsd])).toEqual([[team('a'), '9.6198']]);
    expect(scoped.total?.cost?.totalUsd).toBe('9.6198');
    // A non-admin of tenant 2 sees tenant 2 only.
    const other = await costReport(tenant2, { groupBy: ['tag:team'] });
    expect(rowsOf(other).map((r) => [r.group, r.cost?.totalUsd])).toEqual([[team('c'), '9.6']]);

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
          idleUsd: '8',
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
      ['', '38.4201'], // b 28.8201 + c 9.6
      ['ml/support', '9.6198'], // a
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
      costUsd: '9.6198',
      costPerQueryUsd: '1.92396', // 9.6198 / 5
      costPerMillionInputTokensUsd: '480.7375', // (7.6916 + 0.0002) x 1e6 / 16000
      costPerMillionOutputTokensUsd: '964', // 1.928 x 1e6 / 2000
      idleCostUsd: '7.2',
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
        costPerOutcomeUsd: '4.8099', // 9.6198 / 2
        // o1: #1 (1200 llama tokens x 0.0048 = 5.76) + #3 (0.003); o2: #5 (0.0168): 5.7798 / 2
        linkedCostPerOutcomeUsd: '2.8899',
      },
    ]);

    const byTeam = await economics.unitEconomics(request({ groupBy: ['tag:team'] }), admin);
    expect(rowsOf(byTeam).map((r) => [r.group, r.outcomes])).toEqual([
      [
        team('b'),
        [
          {
            outcome: 'ticket_resolved',
            count: 1n,
            valueUsd: '2',
            costPerOutcomeUsd: '28.8201',
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
            costPerOutcomeUsd: '4.8099',
            linkedCostPerOutcomeUsd: '2.8899',
          },
        ],
      ],
      [team('c'), []],
    ]);
    expect(byTeam.total?.outcomes).toEqual([
      // 48.0399 / 3 = 16.0133; (5.7798 + 0.02) / 3 = 1.93326666666666.. rounded half up
      {
        outcome: 'ticket_resolved',
        count: 3n,
        valueUsd: '3.5',
        costPerOutcomeUsd: '16.0133',
        linkedCostPerOutcomeUsd: '1.933266666667',
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
      ['a', 5n, '9.6198', '0.1708', '-9.449', '9.6228', '0.003'],
      // c: #11 2000 x $5 = 0.01
      ['c', 1n, '9.6', '0.01', '-9.59', '9.6', '0'],
      // b: #6 0.015 + #7 0.024 + #8 0.02 + #9 0.012 + #10 0.002; the semantic hit #9 on llama: 2000 x 0.0048 = 9.6
      ['b', 5n, '28.8201', '0.073', '-28.7471', '38.4201', '9.6'],
    ]);
    expect(rowsOf(savings)[0]?.savedVsFrontierRatio).toBeCloseTo(-9.449 / 0.1708, 12);
    expect(rowsOf(savings)[2]?.savedByCacheRatio).toBeCloseTo(9.6 / 38.4201, 12);
    const total = savings.total;
    expect([
      total?.queries,
      total?.actualCostUsd,
      total?.frontierBaselineCostUsd,
      total?.savedVsFrontierUsd,
      total?.noCacheCostUsd,
      total?.savedByCacheUsd,
    ]).toEqual([11n, '48.0399', '0.2538', '-47.7861', '57.6429', '9.603']); // 48.0399 + 0.003 + 9.6
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
        idleCostUsd: '36',
        utilization: 0.25, // busy hours 08, 09, 14 of 12 running hours, 2 replicas throughout
        hostedCostUsd: '0.00314', // 8100 x $0.20 + 1900 x $0.80 per 1M
        selfHostedHourlyUsd: '2', // $48 / 24 h
        tokensPerHour: 10000 / 24,
        breakEvenTokensPerHour: 6369426n, // floor(2 x 10000 / 0.00314)
        breakEvenQueriesPerMonth: 2292993n, // floor(6369426 x 720 h x 5 calls / 10000 tokens)
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
      // 2000 tokens x 0.0048; 1600 x 0.2 + 400 x 0.8 per 1M; 9.6/24; 0.4 x 2000 / 0.00064; x 720 x 2 / 2000
      ['9.6', '7.2', '0.00064', '0.4', 1250000n, 900000n],
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
});
