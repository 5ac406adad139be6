/**
 * SQL of the economics reads. Cells are the rollup's group key plus the UTC hour, read the way
 * usage-rollup.sql.ts reads totals: usage_hourly for whole hours of the window, raw rows for
 * partial hours and rows not absorbed yet, in ONE statement, so the answer is the raw rows' sums
 * before, during and after a rollup. $1 window start, $2 end, $3/$4 whole hours inside it,
 * $5 tenant (NULL: every tenant, for admins), $6 tags the usage must contain (the token scope).
 */
const HOUR = `date_trunc('hour', occurred_at, 'UTC')`;

const SUMS = `sum(requests) AS requests, sum(failed_requests) AS failed_requests,
  sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
  sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd,
  sum(baseline_cost_usd) AS baseline_cost_usd, sum(baseline_requests) AS baseline_requests,
  sum(no_cache_cost_usd) AS no_cache_cost_usd, sum(latency_ms_sum) AS latency_ms_sum`;

const SUM_NAMES = `requests, failed_requests, input_tokens, cached_input_tokens, output_tokens,
  cost_usd, baseline_cost_usd, baseline_requests, no_cache_cost_usd, latency_ms_sum`;

const RAW_SUMS = `count(*) AS requests, count(*) FILTER (WHERE status <> 'ok') AS failed_requests,
  sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
  sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd,
  coalesce(sum(baseline_cost_usd), 0) AS baseline_cost_usd,
  count(baseline_cost_usd) AS baseline_requests,
  coalesce(sum(no_cache_cost_usd), 0) AS no_cache_cost_usd,
  coalesce(sum(latency_ms), 0) AS latency_ms_sum`;

const KEY = `hour, tenant_id, model_namespace, model_name, tier, cache_kind, template, shadow,
  tags`;

const RAW_WHERE = `occurred_at >= $1 AND occurred_at < $2
  AND ($5::uuid IS NULL OR u.tenant_id = $5) AND u.tags @> $6::jsonb`;

const MODELS_WHERE = `($7::text[] IS NULL OR u.model_namespace || '/' || u.model_name = ANY($7::text[]))`;
const HOURLY_WHERE = `hour >= $3 AND hour < $4 AND ($5::uuid IS NULL OR u.tenant_id = $5)
  AND u.tags @> $6::jsonb AND ${MODELS_WHERE}`;
const HOURLY_COLUMNS = `${KEY}, ${SUM_NAMES}`;

/**
 * The hourly cells READ_CELLS returns; $7 "ns/name" models to keep, all when NULL. Raw rows are
 * read as three ranges (the window's two partial edge hours, the unrolled tail inside), each one
 * an index range (BRIN on occurred_at, or tenant and time), not one OR that only a sequential
 * scan of the ledger can answer. usage_hourly rows are one per key already: only those of hours
 * that also have raw rows are summed with them; the rest pass through unsorted.
 */
const HOURLY_CELLS = `
  WITH raw AS (
    SELECT ${HOUR} AS hour, tenant_id, model_namespace, model_name, tier, cache_kind,
      coalesce(template, '') AS template, shadow, tags, ${RAW_SUMS}
    FROM (
      SELECT * FROM usage_records u WHERE ${RAW_WHERE} AND ${MODELS_WHERE} AND occurred_at < $3
      UNION ALL
      SELECT * FROM usage_records u WHERE ${RAW_WHERE} AND ${MODELS_WHERE} AND occurred_at >= $4
      UNION ALL
      SELECT * FROM usage_records u WHERE ${RAW_WHERE} AND ${MODELS_WHERE}
        AND rolled_up_at IS NULL AND occurred_at >= $3 AND occurred_at < $4) u
    GROUP BY ${HOUR}, tenant_id, model_namespace, model_name, tier, cache_kind,
      coalesce(template, ''), shadow, tags),
  raw_hours AS MATERIALIZED (SELECT array_agg(DISTINCT hour) AS hours FROM raw)
  SELECT ${HOURLY_COLUMNS} FROM usage_hourly u
  WHERE ${HOURLY_WHERE} AND hour <> ALL (coalesce((SELECT hours FROM raw_hours), '{}'))
  UNION ALL
  SELECT ${KEY}, ${SUMS} FROM (
    SELECT ${HOURLY_COLUMNS} FROM usage_hourly u
    WHERE ${HOURLY_WHERE} AND hour = ANY ((SELECT hours FROM raw_hours)::timestamptz[])
    UNION ALL
    SELECT * FROM raw) parts
  GROUP BY ${KEY}`;

export const READ_CELLS = `
  SELECT ${KEY}, '' AS policy, ${SUM_NAMES} FROM (${HOURLY_CELLS}) c`;

/**
 * READ_CELLS merged towards the answer's grain where no figure can tell the difference, so a
 * 30-day report does not hand ~300k hourly cells to JS. $8 text[]: models whose cells stay
 * hourly (the self-hosted ones: GPU time is allocated per hourly cell, README "Allocation" 2);
 * $9 the bucketing; $10 keep templates; $11 keep tags (a dimension reads them).
 *
 * Every other cell is merged with cells of the same bucket, model, tier, cache kind, shadow
 * mark, price period (and template and tags when kept) only where its cost splits by token kind
 * linearly (group-sums.ts externalSplit): no token price in its hour, no cost, or cost_usd
 * equal to its tokens at that price. The split of a sum is then the sum of the splits; any other
 * cell (a price change inside its hour, cost not at list price) stays hourly and whole. A merged
 * cell's hour is its first one: in the same bucket and the same price period.
 */
export const READ_MERGED_CELLS = `
  WITH c AS (${HOURLY_CELLS}),
  periods AS (
    SELECT model_namespace, model_name, effective_from AS price_from,
      lead(effective_from) OVER (PARTITION BY model_namespace, model_name
        ORDER BY effective_from) AS price_until,
      provider, input_per_1m, cached_input_per_1m, output_per_1m
    FROM (SELECT model_namespace, model_name, '-infinity'::timestamptz AS effective_from,
            NULL::text AS provider, NULL::numeric AS input_per_1m,
            NULL::numeric AS cached_input_per_1m, NULL::numeric AS output_per_1m
          FROM model_prices WHERE effective_from < $2 GROUP BY 1, 2
          UNION ALL
          SELECT model_namespace, model_name, effective_from, provider, input_per_1m,
            cached_input_per_1m, output_per_1m
          FROM model_prices WHERE effective_from < $2) all_prices),
  graded AS (
    SELECT c.*, p.price_from,
      (p.price_until IS NOT NULL AND p.price_until < c.hour + interval '1 hour')
      OR NOT (p.provider IS DISTINCT FROM 'external' OR c.cost_usd = 0
        OR c.cost_usd * 1000000 = c.input_tokens * p.input_per_1m
          + c.cached_input_tokens * coalesce(p.cached_input_per_1m, p.input_per_1m)
          + c.output_tokens * p.output_per_1m
        OR c.input_tokens * p.input_per_1m
          + c.cached_input_tokens * coalesce(p.cached_input_per_1m, p.input_per_1m)
          + c.output_tokens * p.output_per_1m = 0) AS hourly
    FROM c LEFT JOIN periods p
      ON p.model_namespace = c.model_namespace AND p.model_name = c.model_name
      AND p.price_from <= c.hour AND (p.price_until IS NULL OR c.hour < p.price_until)
    WHERE NOT c.model_namespace || '/' || c.model_name = ANY($8::text[]))
  SELECT ${KEY}, '' AS policy, ${SUM_NAMES} FROM c
  WHERE c.model_namespace || '/' || c.model_name = ANY($8::text[])
  UNION ALL
  SELECT min(hour) AS hour, tenant_id, model_namespace, model_name, tier, cache_kind, template,
    shadow, tags, '' AS policy, ${SUMS}
  FROM (
    SELECT hourly, price_from,
      CASE WHEN hourly OR $9 = 'hour' THEN hour WHEN $9 = 'none' THEN 'epoch'::timestamptz
        ELSE date_trunc($9, hour, 'UTC') END AS grain,
      hour, CASE WHEN hourly THEN tenant_id ELSE NULL END AS tenant_id,
      model_namespace, model_name, tier, cache_kind,
      CASE WHEN hourly OR $10 THEN template ELSE '' END AS template, shadow,
      CASE WHEN hourly OR $11 THEN tags ELSE '{}'::jsonb END AS tags,
      ${SUM_NAMES}
    FROM graded) g
  GROUP BY hourly, price_from, grain, tenant_id, model_namespace, model_name, tier, cache_kind,
    template, shadow, tags`;

/**
 * The policy is on the route decision, which usage_hourly does not keep: grouping or filtering
 * by policy reads the raw rows (always kept, SPEC 4) joined with their decisions.
 */
export const READ_CELLS_WITH_POLICY = `
  SELECT ${HOUR} AS hour, u.tenant_id, u.model_namespace, u.model_name, u.tier, u.cache_kind,
    coalesce(u.template, '') AS template, u.tags,
    coalesce(d.policy_namespace || '/' || d.policy_name, '') AS policy, u.shadow, ${RAW_SUMS}
  FROM usage_records u LEFT JOIN route_decisions d
    ON d.decision_id = u.decision_id AND d.tenant_id = u.tenant_id
  WHERE ${RAW_WHERE} AND $3::timestamptz IS NOT NULL AND $4::timestamptz IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;

/**
 * READ_CELLS_WITH_POLICY split where the price of one model ($7 namespace, $8 name) changed:
 * `baseline_from` is when the price in effect at the rows took effect (NULL before the first),
 * so a GetSavings baseline_model prices each part exactly, even when it changed within an hour.
 */
export const READ_CELLS_PRICED_ON = `
  SELECT ${HOUR} AS hour, u.tenant_id, u.model_namespace, u.model_name, u.tier, u.cache_kind,
    coalesce(u.template, '') AS template, u.tags,
    coalesce(d.policy_namespace || '/' || d.policy_name, '') AS policy, u.shadow,
    p.baseline_from, ${RAW_SUMS}
  FROM usage_records u LEFT JOIN route_decisions d
    ON d.decision_id = u.decision_id AND d.tenant_id = u.tenant_id
  LEFT JOIN LATERAL (
    SELECT max(effective_from) AS baseline_from FROM model_prices
    WHERE model_namespace = $7 AND model_name = $8 AND effective_from <= u.occurred_at) p ON true
  WHERE ${RAW_WHERE} AND $3::timestamptz IS NOT NULL AND $4::timestamptz IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;

/** Capacity points of every self-hosted model from the last one at or before $1 until $2. */
export const READ_CAPACITY = `
  SELECT model_namespace, model_name, observed_at, ready_replicas, gpus_per_replica, gpu_hourly_usd,
    tier, max_concurrency
  FROM capacity_history c
  WHERE observed_at < $2 AND observed_at >= coalesce((
    SELECT max(observed_at) FROM capacity_history p
    WHERE p.model_namespace = c.model_namespace AND p.model_name = c.model_name
      AND p.observed_at <= $1), '-infinity')
  ORDER BY model_namespace, model_name, observed_at`;

export const READ_PRICES = `SELECT * FROM model_prices WHERE effective_from < $1`;

/**
 * Outcomes in the window with, per model, what their linked decisions' usage cost ($3 names,
 * empty for all; $4 tenant, $5 scope): token-priced cost, and tokens of model calls to spread self-hosted cost on.
 * The linked usage must be within the scope too: an outcome of one team that names another
 * team's decisions must not show a scoped reader that team's cost.
 */
export const READ_OUTCOMES = `
  WITH o AS (
    SELECT tenant_id, idempotency_key, name, value, tags, decision_ids, quantity FROM outcomes u
    WHERE occurred_at >= $1 AND occurred_at < $2 AND ($4::uuid IS NULL OR tenant_id = $4)
      AND tags @> $5::jsonb AND (cardinality($3::text[]) = 0 OR name = ANY($3::text[]))),
  linked AS (
    SELECT o.tenant_id, o.idempotency_key, r.model_namespace || '/' || r.model_name AS model,
      sum(r.cost_usd) AS cost_usd,
      sum(r.input_tokens + r.cached_input_tokens + r.output_tokens)
        FILTER (WHERE r.cache_kind = 'none') AS tokens
    FROM o JOIN usage_records r ON r.tenant_id = o.tenant_id AND r.decision_id = ANY(o.decision_ids)
      AND r.tags @> $5::jsonb
    GROUP BY 1, 2, 3)
  SELECT o.name, o.value, o.tags, o.quantity,
    coalesce(jsonb_agg(jsonb_build_object('model', l.model, 'cost', l.cost_usd::text,
      'tokens', coalesce(l.tokens, 0)::text)) FILTER (WHERE l.model IS NOT NULL), '[]') AS linked
  FROM o LEFT JOIN linked l USING (tenant_id, idempotency_key)
  GROUP BY o.tenant_id, o.idempotency_key, o.name, o.value, o.tags, o.quantity`;
