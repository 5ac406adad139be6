/**
 * SQL of the hourly rollup. Hours are UTC (date_trunc with a zone, PostgreSQL 12+), so the result
 * never depends on the session's TimeZone. The per-row and per-group expressions are written once
 * and used by both the rollup and the reader, so the two can only agree.
 */
const HOUR = `date_trunc('hour', occurred_at, 'UTC')`;

/** The group key, as usage_hourly stores it ('' for no template, md5 of the canonical jsonb). */
export const GROUP_KEY = `tenant_id, model_namespace, model_name, tier, cache_kind,
  coalesce(template, '') AS template, md5(tags::text) AS tags_hash, shadow, tags`;

/** Sums of raw rows, named as usage_hourly's columns. */
const RAW_SUMS = `count(*) AS requests,
  count(*) FILTER (WHERE status <> 'ok') AS failed_requests,
  coalesce(sum(input_tokens), 0) AS input_tokens,
  coalesce(sum(cached_input_tokens), 0) AS cached_input_tokens,
  coalesce(sum(output_tokens), 0) AS output_tokens,
  coalesce(sum(latency_ms), 0) AS latency_ms_sum,
  coalesce(sum(cost_usd), 0) AS cost_usd,
  coalesce(sum(baseline_cost_usd), 0) AS baseline_cost_usd,
  count(baseline_cost_usd) AS baseline_requests,
  coalesce(sum(no_cache_cost_usd), 0) AS no_cache_cost_usd`;

/**
 * Step 1: claim the raw rows of complete hours not yet absorbed, returning their hours. Rows
 * committed by ingest after this statement's snapshot stay unclaimed and are read as tail.
 */
export const CLAIM_ROWS = `
  WITH claimed AS (
    UPDATE usage_records SET rolled_up_at = now()
    WHERE rolled_up_at IS NULL AND occurred_at < $1
    RETURNING ${HOUR} AS hour)
  SELECT DISTINCT hour FROM claimed ORDER BY hour`;

/**
 * Step 2: rebuild those hours from every claimed row in them, old and new. Recomputing whole
 * hours (not adding deltas) is what makes a re-roll give the same rows.
 */
export const DELETE_HOURS = `DELETE FROM usage_hourly WHERE hour = ANY($1::timestamptz[])`;

export const REBUILD_HOURS = `
  INSERT INTO usage_hourly (hour, tenant_id, model_namespace, model_name, tier, cache_kind,
    template, tags_hash, shadow, tags, requests, failed_requests, input_tokens, cached_input_tokens,
    output_tokens, latency_ms_sum, cost_usd, baseline_cost_usd, baseline_requests, no_cache_cost_usd)
  SELECT ${HOUR}, ${GROUP_KEY}, ${RAW_SUMS}
  FROM usage_records
  WHERE rolled_up_at IS NOT NULL AND ${HOUR} = ANY($1::timestamptz[])
    AND occurred_at >= (SELECT min(h) FROM unnest($1::timestamptz[]) h)
    AND occurred_at < (SELECT max(h) FROM unnest($1::timestamptz[]) h) + interval '1 hour'
  GROUP BY ${HOUR}, tenant_id, model_namespace, model_name, tier, cache_kind,
    coalesce(template, ''), md5(tags::text), shadow, tags`;

/** Summed columns of usage_hourly, for the reader's outer sum. */
export const SUM_COLUMNS = [
  'requests',
  'failed_requests',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'latency_ms_sum',
  'cost_usd',
  'baseline_cost_usd',
  'baseline_requests',
  'no_cache_cost_usd',
] as const;

/**
 * Totals for [$2, $3) of tenant $1 whose tags contain $6, as ONE statement (one snapshot):
 * rollup rows for the whole hours [$4, $5) plus raw rows that are either unclaimed or in a
 * partial hour at the window's edges. Every raw row is counted exactly once.
 */
export const READ_TOTALS = `
  SELECT model_namespace, model_name, tier, cache_kind, template,
    ${SUM_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
  FROM (
    SELECT model_namespace, model_name, tier, cache_kind, template,
      ${SUM_COLUMNS.join(', ')}
    FROM usage_hourly
    WHERE tenant_id = $1 AND hour >= $4 AND hour < $5 AND tags @> $6::jsonb
    UNION ALL
    SELECT model_namespace, model_name, tier, cache_kind, template, ${RAW_SUMS}
    FROM (SELECT ${GROUP_KEY}, status, input_tokens, cached_input_tokens, output_tokens,
            latency_ms, cost_usd, baseline_cost_usd, no_cache_cost_usd
          FROM usage_records
          WHERE tenant_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND tags @> $6::jsonb
            AND (rolled_up_at IS NULL OR occurred_at < $4 OR occurred_at >= $5)) raw
    GROUP BY model_namespace, model_name, tier, cache_kind, template
  ) parts
  GROUP BY model_namespace, model_name, tier, cache_kind, template
  ORDER BY model_namespace, model_name, tier, cache_kind, template`;
