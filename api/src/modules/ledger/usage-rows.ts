import type { CopyValue } from './copy-text.js';
import { priceAt, type PricePoint } from './cost.js';
import { modelKey, type UsageReport } from './ledger.types.js';
import { formatPicos, type Picos } from './money.js';
import { usageCosts } from './usage-costs.js';

/** A usage_records column, its array type for unnest, and its value for one priced report. */
type UsageColumn = readonly [
  name: string,
  sqlType: string,
  value: (row: PricedReport) => CopyValue,
];

interface PricedReport {
  readonly report: UsageReport;
  readonly costs: ReturnType<typeof usageCosts>;
}

const amount = (value: Picos | null): string | null => (value === null ? null : formatPicos(value));

/** In the order of the COPY's column list (see usage-writer.ts). */
export const USAGE_COLUMNS: readonly UsageColumn[] = [
  ['tenant_id', 'uuid', ({ report }) => report.tenantId],
  ['idempotency_key', 'text', ({ report }) => report.idempotencyKey],
  ['decision_id', 'uuid', ({ report }) => report.decisionId],
  ['model_namespace', 'text', ({ report }) => report.model.namespace],
  ['model_name', 'text', ({ report }) => report.model.name],
  ['tier', 'text', ({ report }) => report.tier],
  ['cache_kind', 'text', ({ report }) => report.cacheKind],
  ['baseline_model_namespace', 'text', ({ report }) => report.baselineModel?.namespace ?? null],
  ['baseline_model_name', 'text', ({ report }) => report.baselineModel?.name ?? null],
  ['input_tokens', 'bigint', ({ report }) => report.inputTokens],
  ['cached_input_tokens', 'bigint', ({ report }) => report.cachedInputTokens],
  ['output_tokens', 'bigint', ({ report }) => report.outputTokens],
  ['latency_ms', 'integer', ({ report }) => report.latencyMs],
  ['status', 'text', ({ report }) => report.status],
  ['pricing', 'text', ({ costs }) => costs.pricing],
  ['cost_usd', 'numeric', ({ costs }) => formatPicos(costs.costUsd)],
  ['baseline_cost_usd', 'numeric', ({ costs }) => amount(costs.baselineCostUsd)],
  ['no_cache_cost_usd', 'numeric', ({ costs }) => amount(costs.noCacheCostUsd)],
  ['tags', 'jsonb', ({ report }) => JSON.stringify(report.tags)],
  ['template', 'text', ({ report }) => report.template ?? null],
  ['occurred_at', 'timestamptz', ({ report }) => report.occurredAt],
  ['shadow', 'boolean', ({ report }) => report.shadow === true],
];

/** Prices one report with the prices in effect at its occurred_at (pure). */
export function priceReport(
  report: UsageReport,
  history: ReadonlyMap<string, readonly PricePoint[]>,
): PricedReport {
  const at = new Date(report.occurredAt);
  const lookup = (model: UsageReport['model']) => priceAt(history.get(modelKey(model)) ?? [], at);
  const baseline = report.baselineModel === undefined ? undefined : lookup(report.baselineModel);
  return { report, costs: usageCosts(report, lookup(report.model), baseline) };
}

/** Column-major parameters for `INSERT ... SELECT * FROM unnest($1::uuid[], ...)`. */
export function usageParameters(rows: readonly PricedReport[]): unknown[][] {
  return USAGE_COLUMNS.map(([, , value]) => rows.map(value));
}

/** Row-major values, each row in USAGE_COLUMNS' order: what COPY sends (copy-text.ts). */
export function usageRowValues(rows: readonly PricedReport[]): CopyValue[][] {
  return rows.map((row) => USAGE_COLUMNS.map(([, , value]) => value(row)));
}
