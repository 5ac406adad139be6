/**
 * The audit's own reading of the ledger (README "Allocation"), written apart from the economics
 * module's TypeScript so the two can disagree. Money is integer picodollars in numeric; the only
 * roundings are the README's: half up once per model hour (C, used), floor per cell (shares).
 * $1 = window start, $2 = window end (closed: the capacity step function is known until $2).
 * Temporary tables live for the audit's transaction only.
 */

/** Half up a / b for a >= 0, b > 0, exactly (numeric div truncates). */
export const halfUp = (a: string, b: string) => `div(2 * (${a}) + (${b}), 2 * (${b}))`;
/** floor(a / b) for a >= 0, 0 when b = 0. */
export const floorOr0 = (a: string, b: string) =>
  `CASE WHEN (${b}) = 0 THEN 0 ELSE div(${a}, ${b}) END`;

/** Models whose cost is GPU time: any capacity row or vLLM price before the window's end. */
export const AUDIT_MODELS = `
CREATE TEMP TABLE audit_models ON COMMIT DROP AS
SELECT model_namespace || '/' || model_name AS model, 'vllm'::text AS provider
FROM capacity_history WHERE observed_at < $2 AND $1::timestamptz < $2
UNION
SELECT model_namespace || '/' || model_name, 'vllm' FROM model_prices
WHERE provider = 'vllm' AND effective_from < $2`;

/** Raw usage rows of the window, with the dimensions every grouping reads. */
export const AUDIT_RAW = `
CREATE TEMP TABLE audit_raw ON COMMIT DROP AS
SELECT u.tenant_id, u.model_namespace || '/' || u.model_name AS model, u.tier, u.cache_kind,
  coalesce(u.template, '') AS template, u.shadow, u.tags, u.status, u.latency_ms,
  u.input_tokens, u.cached_input_tokens, u.output_tokens,
  u.input_tokens + u.cached_input_tokens + u.output_tokens AS tokens,
  (u.cost_usd * 1000000000000)::numeric(38, 0) AS cost,
  (u.baseline_cost_usd * 1000000000000)::numeric(38, 0) AS baseline,
  (u.no_cache_cost_usd * 1000000000000)::numeric(38, 0) AS no_cache, u.decision_id,
  date_trunc('hour', u.occurred_at, 'UTC') AS hour,
  coalesce(m.provider, (
    SELECT p.provider FROM model_prices p
    WHERE p.model_namespace = u.model_namespace AND p.model_name = u.model_name
      AND p.effective_from < $2
    ORDER BY p.effective_from DESC LIMIT 1), '') AS provider
FROM usage_records u
LEFT JOIN (SELECT DISTINCT model, provider FROM audit_models) m
  ON m.model = u.model_namespace || '/' || u.model_name
WHERE u.occurred_at >= $1 AND u.occurred_at < $2`;

/**
 * Model hours: each UTC hour of the window (clipped to it) against the capacity step function
 * (each row holds until the next, the last until the window's end). C is in picodollars:
 * replicas x GPUs x price (micro$/h) x ms / 3 600 000 ms x 1e6 = ... x ms x 10 / 36, half up.
 */
export const AUDIT_MODEL_HOURS = `
CREATE TEMP TABLE audit_model_hours ON COMMIT DROP AS
WITH cap AS (
  SELECT model_namespace || '/' || model_name AS model, observed_at, ready_replicas,
    gpus_per_replica, gpu_hourly_usd, max_concurrency, tier,
    lead(observed_at) OVER (PARTITION BY model_namespace, model_name ORDER BY observed_at)
      AS next_at
  FROM capacity_history WHERE observed_at < $2
), spans AS (
  SELECT h AS hour, greatest(h, $1::timestamptz) AS span_from,
    least(h + interval '1 hour', $2::timestamptz) AS span_to
  FROM generate_series(date_trunc('hour', $1::timestamptz, 'UTC'),
    $2::timestamptz - interval '1 microsecond', interval '1 hour') AS h
), segs AS (
  SELECT c.*, s.hour, s.span_from, s.span_to,
    (extract(epoch FROM least(coalesce(c.next_at, 'infinity'), s.span_to))
      - extract(epoch FROM greatest(c.observed_at, s.span_from))) * 1000 AS ms
  FROM cap c JOIN spans s
    ON c.observed_at < s.span_to AND coalesce(c.next_at, 'infinity') > s.span_from
), hours AS (
  SELECT model, hour, min(span_from) AS span_from, max(span_to) AS span_to,
    ${halfUp('sum(ready_replicas * gpus_per_replica * gpu_hourly_usd * 1000000 * ms) * 10', '36')}
      AS c,
    sum(ready_replicas * gpus_per_replica * gpu_hourly_usd * 1000000 * ms) * 10 AS c36,
    sum(ready_replicas * ms) AS r, sum(ready_replicas * max_concurrency * ms) AS k,
    coalesce(sum(ms) FILTER (WHERE ready_replicas > 0), 0) AS run
  FROM segs GROUP BY model, hour
), traffic AS (
  SELECT model, hour, sum(latency_ms) AS d, sum(tokens) AS s
  FROM audit_raw WHERE cache_kind = 'none' GROUP BY model, hour
)
SELECT h.*, coalesce(t.d, 0) AS d, coalesce(t.s, 0) AS s,
  CASE WHEN coalesce(t.s, 0) = 0 OR h.k = 0 THEN 0
    ELSE ${halfUp('h.c36 * least(t.d, h.k)', '36 * h.k')} END AS used,
  (SELECT c2.tier FROM cap c2 WHERE c2.model = h.model AND c2.observed_at < h.span_to
    ORDER BY c2.observed_at DESC LIMIT 1) AS tier
FROM hours h LEFT JOIN traffic t USING (model, hour)
WHERE h.r > 0 OR h.c > 0`;

/** Outcome reports of the window (every tenant: the audit reads as an unscoped admin). */
export const AUDIT_OUTCOMES = `
CREATE TEMP TABLE audit_outcomes ON COMMIT DROP AS
SELECT name, quantity, (coalesce(value, 0) * 1000000000000)::numeric(38, 0) AS value, tags
FROM outcomes WHERE occurred_at >= $1 AND occurred_at < $2`;
