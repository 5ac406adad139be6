import { floorOr0 } from './audit-ledger.sql.js';

/** A cell's amount x split by token kind (README "Allocation" 2): floors, output the rest. */
const split = (x: string, name: string) => `
    ${floorOr0(`${x} * input`, 't')} AS ${name}_in,
    ${floorOr0(`${x} * cached`, 't')} AS ${name}_c,
    ${x} - ${floorOr0(`${x} * input`, 't')} - ${floorOr0(`${x} * cached`, 't')} AS ${name}_out`;

/**
 * Atoms: every cell of the window (hour, tenant, model, tier, cache kind, template, shadow, tags)
 * with its charges, and one idle line per self-hosted model (the bucket is the whole window).
 * Every grouping of every report is a plain sum of atoms.
 */
export const AUDIT_ATOMS = `
CREATE TEMP TABLE audit_atoms ON COMMIT DROP AS
WITH cells AS (
  SELECT hour, tenant_id, model, tier, provider, cache_kind, template, shadow, tags,
    count(*) FILTER (WHERE NOT shadow) AS queries,
    count(*) FILTER (WHERE cache_kind = 'none') AS model_calls,
    count(*) FILTER (WHERE NOT shadow AND cache_kind = 'exact') AS exact_hits,
    count(*) FILTER (WHERE NOT shadow AND cache_kind = 'semantic') AS semantic_hits,
    count(*) FILTER (WHERE cache_kind = 'none' AND status <> 'ok') AS failed,
    sum(input_tokens) AS input, sum(cached_input_tokens) AS cached,
    sum(output_tokens) AS output, sum(tokens) AS t, sum(cost) AS ext,
    coalesce(sum(baseline) FILTER (WHERE NOT shadow), 0) AS baseline,
    count(*) FILTER (WHERE NOT shadow AND baseline IS NULL) AS baseline_missing,
    coalesce(sum(no_cache) FILTER (WHERE cache_kind <> 'none'), 0) AS no_cache_ext
  FROM audit_raw
  GROUP BY hour, tenant_id, model, tier, provider, cache_kind, template, shadow, tags
), charged AS (
  SELECT c.*, m.hour IS NOT NULL AS in_model_hour,
    CASE WHEN c.cache_kind = 'none' THEN ${floorOr0('m.used * c.t', 'coalesce(m.s, 0)')}
      ELSE 0 END AS u,
    CASE WHEN c.cache_kind <> 'none' THEN ${floorOr0('m.used * c.t', 'coalesce(m.s, 0)')}
      ELSE 0 END AS no_cache_gpu
  FROM cells c LEFT JOIN audit_model_hours m USING (model, hour)
), hour_idle AS (
  SELECT m.model, m.hour, m.s, m.c - coalesce(x.charged, 0) AS idle
  FROM audit_model_hours m
  LEFT JOIN (SELECT model, hour, sum(u) AS charged FROM charged GROUP BY model, hour) x
    USING (model, hour)
), per_model AS (
  SELECT hi.model, sum(hi.idle) AS i, sum(hi.s) AS tt,
    (SELECT z.tier FROM audit_model_hours z WHERE z.model = hi.model ORDER BY z.hour DESC LIMIT 1)
      AS tier
  FROM hour_idle hi GROUP BY hi.model
), shared AS (
  SELECT ch.*,
    CASE WHEN ch.cache_kind = 'none' AND ch.in_model_hour
      THEN ${floorOr0('p.i * ch.t', 'coalesce(p.tt, 0)')} ELSE 0 END AS sh
  FROM charged ch LEFT JOIN per_model p USING (model)
), priced AS (
  SELECT s.*,
    coalesce(s.input * pr.pin, 0) AS wi, coalesce(s.cached * pr.pc, 0) AS wc,
    coalesce(s.input * pr.pin + s.cached * pr.pc + s.output * pr.pout, 0) AS w
  FROM shared s LEFT JOIN LATERAL (
    SELECT p.input_per_1m AS pin, coalesce(p.cached_input_per_1m, p.input_per_1m) AS pc,
      p.output_per_1m AS pout
    FROM model_prices p
    WHERE p.model_namespace || '/' || p.model_name = s.model AND p.provider = 'external'
      AND p.effective_from < s.hour + interval '1 hour'
    ORDER BY p.effective_from DESC LIMIT 1) pr ON true
)
SELECT 'cell' AS kind, tenant_id, model, tier, provider, template, shadow, tags,
  queries, model_calls, exact_hits, semantic_hits, failed,
  CASE WHEN cache_kind = 'none' THEN input ELSE 0 END AS call_input,
  CASE WHEN cache_kind = 'none' THEN cached ELSE 0 END AS call_cached,
  CASE WHEN cache_kind = 'none' THEN output ELSE 0 END AS call_output,
  ext, ${floorOr0('ext * wi', 'w')} AS ext_in, ${floorOr0('ext * wc', 'w')} AS ext_c,
  ext - ${floorOr0('ext * wi', 'w')} - ${floorOr0('ext * wc', 'w')} AS ext_out,
  u, ${split('u', 'u')}, sh, ${split('sh', 'sh')},
  0::numeric AS idle_line, 0::numeric AS idle_rest,
  baseline, baseline_missing, no_cache_ext, no_cache_gpu
FROM priced
UNION ALL
SELECT 'idle', NULL, p.model, coalesce(p.tier, ''), 'vllm', '', false, '{}'::jsonb,
  0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  p.i, p.i - coalesce((SELECT sum(s.sh) FROM shared s WHERE s.model = p.model), 0),
  0, 0, 0, 0
FROM per_model p`;
