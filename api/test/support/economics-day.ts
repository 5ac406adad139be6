import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LedgerEventsRepository } from '../../src/modules/ledger/ledger-events.repository.js';
import { LedgerRepository } from '../../src/modules/ledger/ledger.repository.js';
import type { UsageReport } from '../../src/modules/ledger/ledger.types.js';
import { UsageWriter } from '../../src/modules/ledger/usage-writer.js';
import { createTenant } from './ledger-fixtures.js';

/**
 * The synthetic day of economics.int-spec.ts, 2026-11-02 UTC. Prices per 1M tokens:
 *   ml/mini      external  in $0.20  cached $0.10  out $0.80 (all day)
 *   ml/frontier  external  in $5     cached $2.50  out $15   until 12:00, then in $4 cached $2 out $12
 *   ml/llama     vLLM      1 GPU per replica at $2/GPU-hour: 2 replicas 06:00-18:00, 0 after
 *                          -> 12 h x 2 x $2 = $48 for the day; model calls only in hours 08, 09,
 *                          14, so 9 idle hours x $4 = $36 idle.
 * Every query's baseline is ml/frontier. Rows (tenant 1 unless noted; in = uncached input):
 *  #  time   team  model     tier      cache     in     cached  out   template
 *  1  08:30  a     llama     small     none      1000   0       200   faq
 *  2  09:15  a     llama     small     none      600    0       200   faq
 *  3  10:00  a     mini      small     none      10000  2000    1000  faq
 *  4  11:00  a     mini      small     exact     10000  2000    1000  faq   (source of #3's counts)
 *  5  13:00  a     frontier  frontier  none      2400   0       600   faq
 *  6  08:45  b     llama     small     none      1500   0       500   summarize
 *  7  14:30  b     llama     small     none      3000   0       1000  summarize
 *  8  11:30  b     frontier  frontier  none      1000   0       1000  summarize
 *  9  15:00  b     llama     small     semantic  1500   0       500   summarize
 * 10  16:00  b     mini      small     none      500    0       0     summarize (status error)
 * 11  09:00  c     llama     small     none      2000   0       0     -  (tenant 2)
 * llama served 1200 + 800 + 2000 + 4000 + 2000 = 10000 tokens (hits serve none): $0.0048 a token.
 */
export const DAY = '2026-11-02';
export const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00Z`);
export const LLAMA = { namespace: 'ml', name: 'llama' };
export const MINI = { namespace: 'ml', name: 'mini' };
export const FRONTIER = { namespace: 'ml', name: 'frontier' };

type Row = [string, string, typeof LLAMA, string, UsageReport['cacheKind'], number, number, number];
const ROWS: Row[] = [
  ['08:30', 'a', LLAMA, 'small', 'none', 1000, 0, 200],
  ['09:15', 'a', LLAMA, 'small', 'none', 600, 0, 200],
  ['10:00', 'a', MINI, 'small', 'none', 10000, 2000, 1000],
  ['11:00', 'a', MINI, 'small', 'exact', 10000, 2000, 1000],
  ['13:00', 'a', FRONTIER, 'frontier', 'none', 2400, 0, 600],
  ['08:45', 'b', LLAMA, 'small', 'none', 1500, 0, 500],
  ['14:30', 'b', LLAMA, 'small', 'none', 3000, 0, 1000],
  ['11:30', 'b', FRONTIER, 'frontier', 'none', 1000, 0, 1000],
  ['15:00', 'b', LLAMA, 'small', 'semantic', 1500, 0, 500],
  ['16:00', 'b', MINI, 'small', 'none', 500, 0, 0],
  ['09:00', 'c', LLAMA, 'small', 'none', 2000, 0, 0],
];
const TEMPLATES: Record<string, string> = { a: 'faq', b: 'summarize' };

export interface Day {
  readonly tenant1: string;
  readonly tenant2: string;
  /** Decision ids by row number (1-based). */
  readonly decision: (row: number) => string;
}

async function recordPricesAndCapacity(ledger: LedgerRepository): Promise<void> {
  const start = at('00:00');
  await ledger.recordPrice(
    MINI,
    { provider: 'external', inputPer1M: '0.20', cachedInputPer1M: '0.10', outputPer1M: '0.80' },
    start,
  );
  await ledger.recordPrice(
    FRONTIER,
    { provider: 'external', inputPer1M: '5', cachedInputPer1M: '2.50', outputPer1M: '15' },
    start,
  );
  await ledger.recordPrice(
    FRONTIER,
    { provider: 'external', inputPer1M: '4', cachedInputPer1M: '2', outputPer1M: '12' },
    at('12:00'),
  );
  await ledger.recordPrice(LLAMA, { provider: 'vllm', gpuHourlyUSD: '2' }, start);
  const capacity = (readyReplicas: number) => ({
    readyReplicas,
    gpusPerReplica: 1,
    gpuHourlyUSD: '2',
  });
  await ledger.recordCapacity(LLAMA, { observedAt: at('06:00'), ...capacity(2) });
  await ledger.recordCapacity(LLAMA, { observedAt: at('18:00'), ...capacity(0) });
}

/** Writes the day through the ledger's own writer (so rows are priced as ingest prices them). */
export async function seedDay(dataSource: DataSource): Promise<Day> {
  const ledger = new LedgerRepository(dataSource);
  await recordPricesAndCapacity(ledger);
  const tenant1 = await createTenant(dataSource);
  const tenant2 = await createTenant(dataSource);
  const ids = ROWS.map(() => randomUUID());
  const reports: UsageReport[] = ROWS.map(
    ([time, team, model, tier, cacheKind, input, cached, output], i) => ({
      tenantId: team === 'c' ? tenant2 : tenant1,
      idempotencyKey: `row-${i + 1}`,
      decisionId: ids[i] ?? '',
      model,
      tier,
      cacheKind,
      baselineModel: FRONTIER,
      inputTokens: input,
      cachedInputTokens: cached,
      outputTokens: output,
      latencyMs: 100,
      status: i === 9 ? 'error' : 'ok',
      tags: { team },
      ...(TEMPLATES[team] === undefined ? {} : { template: TEMPLATES[team] }),
      occurredAt: at(time).toISOString(),
    }),
  );
  await new UsageWriter(dataSource, ledger).write(reports);
  await seedOutcomes(dataSource, tenant1, (row) => ids[row - 1] ?? '');
  await seedDecisions(dataSource, reports.slice(0, 5));
  return { tenant1, tenant2, decision: (row) => ids[row - 1] ?? '' };
}

/** Team a's rows were routed by RoutingPolicy ml/support; the others have no decision row. */
const seedDecisions = (dataSource: DataSource, reports: readonly UsageReport[]) =>
  recordDecisionsOf(dataSource, reports, () => 'support');

/** The route decisions behind usage reports, under RoutingPolicy ml/<policyOf(report, index)>. */
export async function recordDecisionsOf(
  dataSource: DataSource,
  reports: readonly UsageReport[],
  policyOf: (report: UsageReport, index: number) => string,
): Promise<void> {
  await new LedgerEventsRepository(dataSource).recordDecisions(
    reports.map((r, i) => ({
      decisionId: r.decisionId,
      tenantId: r.tenantId,
      policy: { namespace: 'ml', name: policyOf(r, i) },
      rule: 'default',
      tier: r.tier,
      model: r.model,
      complexity: 'simple',
      cacheKind: r.cacheKind,
      tags: r.tags,
      promptTokens: r.inputTokens,
      createdAt: new Date(r.occurredAt),
    })),
  );
}

/** Team a resolved two tickets (linked to rows 1+3, and 5), team b one (row 8). */
async function seedOutcomes(dataSource: DataSource, tenantId: string, id: (row: number) => string) {
  const outcome = (key: string, team: string, rows: number[], value?: string) => ({
    tenantId,
    idempotencyKey: key,
    name: 'ticket_resolved',
    ...(value === undefined ? {} : { value }),
    decisionIds: rows.map(id),
    tags: { team },
    occurredAt: at('17:00'),
  });
  await new LedgerEventsRepository(dataSource).recordOutcomes([
    outcome('o1', 'a', [1, 3], '1.50'),
    outcome('o2', 'a', [5]),
    outcome('o3', 'b', [8], '2'),
  ]);
}
