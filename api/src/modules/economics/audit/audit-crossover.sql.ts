import { halfUp } from './audit-ledger.sql.js';

/**
 * GetCrossover per self-hosted model with a model hour or any usage in the window (README
 * "Crossover"), the default hosted reference
 * included: an external model priced at the window's end that carried traffic of the model's
 * tier, else the cheapest (input + output per 1M, then name). $1 = window end.
 */
export const AUDIT_CROSSOVER = `
WITH hours AS (
  SELECT model, sum(c) AS gpu, sum(run) AS run, sum(r) AS r, sum(least(d, k)) AS busy,
    sum(k) AS k, bool_or(r > 0) AS ran,
    max(ceil(d * r / (k * extract(epoch FROM span_to - span_from) * 1000)))
      FILTER (WHERE r > 0 AND k > 0) AS needed_max,
    (array_agg(tier ORDER BY hour DESC))[1] AS last_tier
  FROM audit_model_hours GROUP BY model
), traffic AS (
  SELECT model, sum(queries) AS queries, sum(model_calls) AS model_calls,
    sum(exact_hits) AS exact_hits, sum(semantic_hits) AS semantic_hits, sum(failed) AS failed,
    sum(call_input) AS input, sum(call_cached) AS cached, sum(call_output) AS output,
    sum(u) AS used, sum(idle_line) AS idle
  FROM audit_atoms GROUP BY model
), routed AS (
  SELECT DISTINCT ON (model) model, tier FROM audit_raw WHERE NOT shadow
  GROUP BY model, tier ORDER BY model, count(*) DESC, tier
), latest AS (
  SELECT DISTINCT ON (model_namespace, model_name) model_namespace || '/' || model_name AS model,
    gpus_per_replica, gpu_hourly_usd, tier
  FROM capacity_history WHERE observed_at < $1
  ORDER BY model_namespace, model_name, observed_at DESC
), prices AS (
  SELECT * FROM (
    SELECT DISTINCT ON (model_namespace, model_name)
      model_namespace || '/' || model_name AS ref_model, provider, input_per_1m AS pin,
      coalesce(cached_input_per_1m, input_per_1m) AS pc, output_per_1m AS pout
    FROM model_prices WHERE effective_from <= $1
    ORDER BY model_namespace, model_name, effective_from DESC) p
  WHERE provider = 'external'
), models AS (
  SELECT DISTINCT m.model, h.gpu, h.run, h.r, h.busy, h.k, h.ran, h.needed_max,
    coalesce(nullif(h.last_tier, ''), nullif(lt.tier, ''), ro.tier, '') AS tier
  FROM audit_models m LEFT JOIN hours h USING (model) LEFT JOIN routed ro USING (model)
    LEFT JOIN latest lt USING (model)
  WHERE h.model IS NOT NULL OR EXISTS (SELECT 1 FROM audit_raw x WHERE x.model = m.model)
), ref AS (
  SELECT m.model, (
    SELECT p.ref_model FROM prices p
    ORDER BY (EXISTS (SELECT 1 FROM audit_raw x WHERE x.model = p.ref_model AND x.tier = m.tier))
      DESC, p.pin + p.pout, p.ref_model COLLATE "C" LIMIT 1) AS reference
  FROM models m
), base AS (
  SELECT m.*, ref.reference, coalesce(t.queries, 0) AS queries,
    coalesce(t.model_calls, 0) AS model_calls, coalesce(t.exact_hits, 0) AS exact_hits,
    coalesce(t.semantic_hits, 0) AS semantic_hits,
    coalesce(t.failed, 0) AS failed, coalesce(t.input, 0) AS input,
    coalesce(t.cached, 0) AS cached, coalesce(t.output, 0) AS output,
    coalesce(t.used, 0) AS used, coalesce(t.idle, 0) AS idle,
    coalesce(t.input + t.cached + t.output, 0) AS tokens,
    coalesce((t.input * p.pin + t.cached * p.pc + t.output * p.pout) * 1000000, 0) AS hosted,
    CASE WHEN NOT coalesce(h_ran, false) THEN 0 ELSE greatest(1, coalesce(m.needed_max, 0)) END
      AS needed,
    l.gpus_per_replica, l.gpu_hourly_usd
  FROM (SELECT models.*, ran AS h_ran FROM models) m
  JOIN ref USING (model)
  LEFT JOIN traffic t USING (model) LEFT JOIN prices p ON p.ref_model = ref.reference
  LEFT JOIN latest l USING (model)
), hourly AS (
  SELECT base.*,
    CASE WHEN coalesce(run, 0) = 0 THEN NULL ELSE ${halfUp('coalesce(gpu, 0) * 3600000', 'run')} END
      AS self_hourly,
    CASE WHEN coalesce(run, 0) = 0 OR reference IS NULL THEN NULL
      ELSE ${halfUp('hosted * 3600000', 'run')} END AS hosted_hourly,
    CASE WHEN needed = 0 THEN NULL
      ELSE (needed * gpus_per_replica * gpu_hourly_usd * 1000000000000)::numeric(38, 0) END
      AS needed_hourly
  FROM base
)
SELECT model, tier, reference, queries, model_calls, exact_hits, semantic_hits, failed,
  input + cached AS input_tokens, cached AS cached_tokens, output AS output_tokens,
  used + idle AS self_hosted, idle, coalesce(gpu, 0) AS gpu, hosted,
  CASE WHEN coalesce(k, 0) = 0 THEN 0 ELSE (busy / k)::float8 END AS utilization,
  self_hourly, hosted_hourly, needed, needed_hourly,
  coalesce(run, 0)::float8 / 3600000 AS run_hours, coalesce(r, 0)::float8 / 3600000 AS replica_hours,
  CASE WHEN coalesce(run, 0) = 0 THEN 0 ELSE (tokens * 3600000 / run)::float8 END AS tokens_per_hour,
  CASE WHEN coalesce(run, 0) = 0 OR tokens = 0 OR hosted = 0 THEN 0
    ELSE div(self_hourly * tokens, hosted) END AS break_even,
  CASE WHEN coalesce(run, 0) = 0 OR tokens = 0 OR hosted = 0 THEN 0
    ELSE div(div(self_hourly * tokens, hosted) * 720 * model_calls, tokens) END AS break_even_qpm,
  CASE WHEN needed_hourly IS NULL OR hosted_hourly IS NULL THEN ''
    WHEN needed_hourly <= hosted_hourly THEN 'self-hosted' ELSE 'hosted' END AS cheaper
FROM hourly ORDER BY model`;
