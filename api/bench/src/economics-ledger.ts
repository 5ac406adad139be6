// The ledger `make bench-economics` reads: 20 models (3 self-hosted), 2 tenants, 8 teams over
// 30 days, generated inside PostgreSQL. Server-side generation writes the same rows a COPY would
// (same table, same indexes) without shipping gigabytes of text through a 2-core client.
import type { DataSource } from 'typeorm';
import { DELETE_HOURS, REBUILD_HOURS } from '../../dist/modules/ledger/usage-rollup.sql.js';

export const MODELS = 20;
/** model-17 .. model-19 run on GPUs (capacity_history); the rest are priced per token. */
export const SELF_HOSTED_FROM = 17;
export const TEAMS = 8;
export const DAYS = 30;
const DAY_MS = 86_400_000;

export interface BenchLedger {
  /** Where the generated usage starts and ends: [start, end). */
  readonly start: Date;
  readonly end: Date;
  /** Teams 0-5 are tenant A's, 6-7 tenant B's. */
  readonly tenantA: string;
  readonly tenantB: string;
}

const tierOf = (m: number) => (m < 5 ? 'frontier' : m < 12 ? 'mid' : 'small');
const name = (m: number) => `model-${String(m).padStart(2, '0')}`;

/** Prices, capacity (a replica change every day) and the two tenants. */
export async function seedLedger(db: DataSource, end: Date): Promise<BenchLedger> {
  const start = new Date(end.getTime() - DAYS * DAY_MS);
  const before = new Date(start.getTime() - DAY_MS);
  const [a, b] = await db.query<Array<{ id: string }>>(
    `INSERT INTO tenants (id, name) VALUES (gen_random_uuid(), 'bench-a'), (gen_random_uuid(), 'bench-b')
     RETURNING id`,
  );
  for (let m = 0; m < MODELS; m++) {
    if (m >= SELF_HOSTED_FROM) {
      await db.query(
        `INSERT INTO model_prices (model_namespace, model_name, effective_from, provider, gpu_hourly_usd)
         VALUES ('bench', $1, $2, 'vllm', 0.8)`,
        [name(m), before],
      );
      await db.query(
        `INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
           gpus_per_replica, gpu_hourly_usd, tier, max_concurrency)
         SELECT 'bench', $1, $2::timestamptz + d * interval '1 day', 2 + d % 2, 1, 0.8, $3, 64
         FROM generate_series(0, $4) d`,
        [name(m), before, tierOf(m), DAYS + 1],
      );
    } else {
      const input = (0.15 + m * 0.35).toFixed(6);
      await db.query(
        `INSERT INTO model_prices (model_namespace, model_name, effective_from, provider,
           input_per_1m, cached_input_per_1m, output_per_1m)
         VALUES ('bench', $1, $2, 'external', $3, $3::numeric / 2, $3::numeric * 4)`,
        [name(m), before, input],
      );
    }
  }
  return { start, end, tenantA: a?.id ?? '', tenantB: b?.id ?? '' };
}

/**
 * Rebuilds usage_hourly for every closed hour with the rollup's own statements. Rows of closed
 * hours are written already claimed (rolled_up_at set) by fillUsage: the rollup's UPDATE of
 * every row would take longer than the fill and end in the same rows; the open hour stays raw.
 */
export async function buildRollups(db: DataSource): Promise<void> {
  await db.transaction(async (manager) => {
    const hours = await manager.query<Array<{ hour: Date }>>(
      `SELECT generate_series(date_trunc('hour', min(occurred_at), 'UTC'),
         date_trunc('hour', max(occurred_at), 'UTC'), interval '1 hour') AS hour
       FROM usage_records WHERE rolled_up_at IS NOT NULL`,
    );
    const list = hours.map((h) => h.hour);
    await manager.query(DELETE_HOURS, [list]);
    await manager.query(REBUILD_HOURS, [list]);
  });
}

/**
 * `count` usage rows spread evenly over [start, end), written in time order as an append-only
 * ledger is (the price join would shuffle them, and BRIN on occurred_at relies on it), with
 * keys from `first`. The key space per hour (team x model x cache kind, a few shadow calls) is
 * the same at any row count (about 400 cells an hour), so 10M rows have about as many hourly
 * cells as 1M. Rows of closed hours come claimed by the rollup (see buildRollups).
 */
export async function fillUsage(
  db: DataSource,
  ledger: BenchLedger,
  first: number,
  count: number,
): Promise<void> {
  await db.query(
    `WITH g AS (
       SELECT i, $3::timestamptz + (($4::timestamptz - $3::timestamptz) * (i - $1)::float8 / $2) AS at,
         i % ${MODELS} AS m, (i / ${MODELS}) % ${TEAMS} AS team, i / ${MODELS * TEAMS} AS k
       FROM generate_series($1::bigint, $1::bigint + $2 - 1) i),
     r AS (
       SELECT g.*, CASE WHEN k % 10 = 0 THEN 'exact' WHEN k % 37 = 1 THEN 'semantic' ELSE 'none' END AS cache_kind,
         200 + (i * 37) % 900 AS input, CASE WHEN i % 5 = 0 THEN 100 ELSE 0 END AS cached,
         20 + (i * 17) % 300 AS output, k % 61 = 7 AS shadow,
         p.input_per_1m AS pin, p.cached_input_per_1m AS pc, p.output_per_1m AS pout
       FROM g JOIN model_prices p ON p.model_name = 'model-' || lpad(g.m::text, 2, '0')),
     f AS (SELECT input_per_1m AS bin, cached_input_per_1m AS bc, output_per_1m AS bout
           FROM model_prices WHERE model_name = 'model-00')
     INSERT INTO usage_records (tenant_id, idempotency_key, decision_id, model_namespace, model_name,
       tier, cache_kind, baseline_model_namespace, baseline_model_name, input_tokens,
       cached_input_tokens, output_tokens, latency_ms, status, pricing, cost_usd, baseline_cost_usd,
       no_cache_cost_usd, tags, template, shadow, occurred_at, rolled_up_at)
     SELECT CASE WHEN team < 6 THEN $5::uuid ELSE $6::uuid END, 'bench-' || i, gen_random_uuid(),
       'bench', 'model-' || lpad(m::text, 2, '0'),
       CASE WHEN m < 5 THEN 'frontier' WHEN m < 12 THEN 'mid' ELSE 'small' END,
       cache_kind, 'bench', 'model-00', input, cached, output, 80 + (i * 29) % 900,
       CASE WHEN i % 100 = 3 THEN 'error' ELSE 'ok' END,
       CASE WHEN m >= ${SELF_HOSTED_FROM} THEN 'capacity' ELSE 'token' END,
       CASE WHEN m >= ${SELF_HOSTED_FROM} OR cache_kind <> 'none' THEN 0
         ELSE round((input * pin + cached * pc + output * pout) / 1000000, 12) END,
       round((input * bin + cached * bc + output * bout) / 1000000, 12),
       CASE WHEN cache_kind = 'none' THEN NULL WHEN m >= ${SELF_HOSTED_FROM} THEN 0
         ELSE round((input * pin + cached * pc + output * pout) / 1000000, 12) END,
       jsonb_build_object('team', 'team-' || team), 'tpl-' || (m % 3), shadow, at,
       CASE WHEN at < date_trunc('hour', $4::timestamptz, 'UTC') THEN now() END
     FROM r, f ORDER BY i`,
    [first, count, ledger.start, ledger.end, ledger.tenantA, ledger.tenantB],
  );
}
