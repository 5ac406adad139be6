// README "Allocation", worked example, booked through the ledger's writer and read on a fake
// clock: a team's cost is its used GPU time, idle is a line of its own, and a closed window
// reads the same whenever it is read.
import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GetCostReportRequestSchema,
  GetSavingsRequestSchema,
  GetUnitEconomicsRequestSchema,
} from '@sluice/proto';
import type { DataSource } from 'typeorm';
import type { Caller } from '../src/grpc/auth/caller.js';
import { EconomicsLoader } from '../src/modules/economics/economics-loader.js';
import { EconomicsRepository } from '../src/modules/economics/economics.repository.js';
import { EconomicsService } from '../src/modules/economics/economics.service.js';
import { LedgerRepository } from '../src/modules/ledger/ledger.repository.js';
import type { UsageReport } from '../src/modules/ledger/ledger.types.js';
import { UsageWriter } from '../src/modules/ledger/usage-writer.js';
import { itBalancesItsBooks } from './support/books-balance.js';
import { recordDecisionsOf } from './support/economics-day.js';
import { createTenant, migratedDatabase } from './support/ledger-fixtures.js';
import type { TestDatabase } from './support/test-database.js';

const at = (hhmm: string, day = '2026-03-01') => new Date(`${day}T${hhmm}:00Z`);
const L4 = { namespace: 'ml', name: 'l4' };
const FRONTIER = { namespace: 'ml', name: 'frontier' };

/** 1 replica of 1 L4 at $0.80/h, maxNumSeqs 4, from 10:00; frontier $5 in / $15 out per 1M. */
async function recordModels(dataSource: DataSource): Promise<void> {
  const ledger = new LedgerRepository(dataSource);
  await ledger.recordPrice(L4, { provider: 'vllm', gpuHourlyUSD: '0.80' }, at('00:00'));
  await ledger.recordPrice(
    FRONTIER,
    { provider: 'external', inputPer1M: '5', outputPer1M: '15' },
    at('00:00'),
  );
  // As CapacityRecorder writes it (capacity.sql.ts): with the spec's tier and maxNumSeqs.
  await dataSource.query(
    `INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
       gpus_per_replica, gpu_hourly_usd, tier, max_concurrency)
     VALUES ($1, $2, $3, 1, 1, 0.80, 'small', 4)`,
    [L4.namespace, L4.name, at('10:00')],
  );
}

/**
 * 10:00-11:00: team a 2 calls (60 000 ms, 1 000 tokens), team b 1 (90 000 ms, 3 000). Team a's
 * calls were routed by two policies, ml/p1 and ml/p2, so a read by policy splits its cell.
 */
async function bookCalls(dataSource: DataSource, tenantId: string): Promise<void> {
  const call = (team: string, time: string, tokens: number[], latencyMs: number) => ({
    tenantId,
    idempotencyKey: `${team}-${time}`,
    decisionId: randomUUID(),
    model: L4,
    tier: 'small',
    cacheKind: 'none' as const,
    baselineModel: FRONTIER,
    inputTokens: tokens[0] ?? 0,
    cachedInputTokens: 0,
    outputTokens: tokens[1] ?? 0,
    latencyMs,
    status: 'ok' as const,
    tags: { team },
    occurredAt: at(time).toISOString(),
  });
  const reports: UsageReport[] = [
    call('a', '10:10', [400, 100], 30_000),
    call('a', '10:20', [400, 100], 30_000),
    call('b', '10:30', [2000, 1000], 90_000),
  ];
  await new UsageWriter(dataSource, new LedgerRepository(dataSource)).write(reports);
  await recordDecisionsOf(dataSource, reports, (_r, i) => (i === 1 ? 'p2' : 'p1'));
}

describe('the allocation of GPU time, read on a fake clock', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenantId: string;
  let now = at('12:00');
  let economics: EconomicsService;

  beforeAll(async () => {
    ({ db, dataSource } = await migratedDatabase());
    tenantId = await createTenant(dataSource);
    await recordModels(dataSource);
    await bookCalls(dataSource, tenantId);
    const repository = new EconomicsRepository(dataSource, () => now);
    economics = new EconomicsService(new EconomicsLoader(repository), repository);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const caller = (scope: Record<string, string>, admin = false): Caller => ({
    tenantId,
    tenantName: 't',
    tokenId: 'k',
    scope,
    admin,
  });
  const admin = () => caller({}, true);
  const window = (to = at('12:00')) => ({
    start: timestampFromDate(at('10:00')),
    end: timestampFromDate(to),
  });

  /** Per team (the idle line under ''): total, used, shared idle, idle. */
  async function costs(who: Caller, shareIdle: boolean, to?: Date) {
    const request = create(GetCostReportRequestSchema, {
      window: window(to),
      groupBy: ['tag:team'],
      shareIdle,
    });
    const report = await economics.costReport(request, who);
    const rows = (report.rows ?? []).map((r) => [
      r.group?.[0]?.value,
      r.cost?.totalUsd,
      r.cost?.usedUsd,
      r.cost?.sharedIdleUsd,
      r.cost?.idleUsd,
    ]);
    return { rows, total: report.total?.cost?.totalUsd };
  }

  async function expectTheReadmeTable() {
    // used 0.008333333333 at 10:00: a floor(x 1/4), b floor(x 3/4); idle 0.791666666668 + 0.8.
    await expect(costs(admin(), false)).resolves.toEqual({
      rows: [
        ['', '1.591666666668', '0', '0', '1.591666666668'],
        ['b', '0.006249999999', '0.006249999999', '0', '0'],
        ['a', '0.002083333333', '0.002083333333', '0', '0'],
      ],
      total: '1.6',
    });
    // share_idle, T = 4 000: a floor(1.591666666668 x 1/4), b floor(x 3/4), nothing left.
    await expect(costs(admin(), true)).resolves.toEqual({
      rows: [
        ['b', '1.2', '0.006249999999', '1.193750000001', '1.193750000001'],
        ['a', '0.4', '0.002083333333', '0.397916666667', '0.397916666667'],
      ],
      total: '1.6',
    });
    // A team's token sees its own row, the same figures, and no idle line.
    await expect(costs(caller({ team: 'a' }), false)).resolves.toEqual({
      rows: [['a', '0.002083333333', '0.002083333333', '0', '0']],
      total: '0.002083333333',
    });
    await expect(costs(caller({ team: 'b' }), true)).resolves.toEqual({
      rows: [['b', '1.2', '0.006249999999', '1.193750000001', '1.193750000001']],
      total: '1.2',
    });
  }

  it('reads the README table to the picodollar, the same at 12:00, 12:05 and a day later', async () => {
    for (const instant of [at('12:00'), at('12:05'), at('12:00', '2026-03-02')]) {
      now = instant;
      await expectTheReadmeTable();
    }
  });

  it('reports savings marginal and fully loaded, whatever share_idle says', async () => {
    now = at('12:00', '2026-03-02');
    const savings = async (shareIdle: boolean) => {
      const request = create(GetSavingsRequestSchema, { window: window(), shareIdle });
      const reply = await economics.savings(request, caller({ team: 'a' }));
      const t = reply.total;
      return [
        t?.actualCostUsd,
        t?.frontierBaselineCostUsd,
        t?.marginalCostUsd,
        t?.fullyLoadedCostUsd,
        t?.savedMarginalUsd,
        t?.savedFullyLoadedUsd,
      ];
    };
    // Frontier: 2 x (400 x $5 + 100 x $15 per 1M) = $0.007.
    await expect(savings(false)).resolves.toEqual([
      '0.002083333333',
      '0.007',
      '0.002083333333',
      '0.4',
      '0.004916666667',
      '-0.393',
    ]);
    await expect(savings(true)).resolves.toEqual([
      '0.4',
      '0.007',
      '0.002083333333',
      '0.4',
      '0.004916666667',
      '-0.393',
    ]);
  });

  it('charges GetUnitEconomics the same, and splits a cell over its policies by tokens', async () => {
    now = at('12:00', '2026-03-02');
    const request = create(GetUnitEconomicsRequestSchema, {
      window: window(),
      groupBy: ['tag:team'],
      shareIdle: true,
    });
    const unit = await economics.unitEconomics(request, caller({ team: 'a' }));
    expect([unit.total?.costUsd, unit.total?.idleCostUsd, unit.total?.costPerQueryUsd]).toEqual([
      '0.4',
      '0.397916666667',
      '0.2', // 2 queries
    ]);
    // By policy: a's cell (u 2083333333: input 1666666666, output 416666667) goes half to each
    // part per kind, floored, ml/p2 (last by name) taking the rests: ml/p1 1041666666, ml/p2
    // 1041666667. With share_idle a's share 397916666667 (input 318333333333, output
    // 79583333334) splits 198958333333 / 198958333334. ml/p1 also has all of b.
    const byPolicy = async (shareIdle: boolean) => {
      const init = { window: window(), groupBy: ['policy'], shareIdle };
      const reply = await economics.costReport(create(GetCostReportRequestSchema, init), admin());
      const rows = (reply.rows ?? []).map((r) => [r.group?.[0]?.value, r.cost?.totalUsd]);
      return { rows, total: reply.total?.cost?.totalUsd };
    };
    await expect(byPolicy(false)).resolves.toEqual({
      rows: [
        ['', '1.591666666668'],
        ['ml/p1', '0.007291666665'],
        ['ml/p2', '0.001041666667'],
      ],
      total: '1.6',
    });
    await expect(byPolicy(true)).resolves.toEqual({
      rows: [
        ['ml/p1', '1.399999999999'],
        ['ml/p2', '0.200000000001'],
      ],
      total: '1.6',
    });
  });

  it('grows only the idle line of an open window while nobody calls', async () => {
    const open = at('13:00');
    now = at('12:20');
    const early = await costs(admin(), false, open);
    now = at('12:40');
    const later = await costs(admin(), false, open);
    // 12:00-12:20 of $0.80/h is 0.266666666667 (half up), 12:00-12:40 0.533333333333.
    expect(early.rows[0]).toEqual(['', '1.858333333335', '0', '0', '1.858333333335']);
    expect(later.rows[0]).toEqual(['', '2.125000000001', '0', '0', '2.125000000001']);
    expect(later.rows.slice(1)).toEqual(early.rows.slice(1));
    expect(later.rows.slice(1)).toEqual([
      ['b', '0.006249999999', '0.006249999999', '0', '0'],
      ['a', '0.002083333333', '0.002083333333', '0', '0'],
    ]);
  });

  // The open reads above, at 12:20 of a window to 13:00, are the closed 10:00-12:20 today.
  itBalancesItsBooks(
    () => ({ url: db.url, dataSource }),
    () => [at('12:00'), at('12:20'), at('13:00')].map((end) => ({ start: at('10:00'), end })),
  );
});
