import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { InjectApiConfig, type ApiConfig } from '../../config/api-config.js';
import { ROUTING_VIEW, type RoutingView } from '../routing/routing-view.js';
import type { UsageReport } from './ledger.types.js';
import {
  BoundedLabelValues,
  modelLabel,
  tagLabelName,
  tagLabels,
  type KnownModels,
} from './metric-labels.js';
import { PICO_DECIMALS, type Picos } from './money.js';

/** A usage row as committed: the report and what it cost. */
export interface CommittedUsage {
  readonly report: UsageReport;
  readonly costUsd: Picos;
}

const PICOS_PER_USD = 10 ** PICO_DECIMALS;

/** A model the catalog (any routing snapshot's namespace) holds. */
const catalogModels =
  (view: RoutingView | undefined): KnownModels =>
  ({ namespace, name }) =>
    view?.snapshots().some((s) => s.policy.namespace === namespace && s.models.has(name)) ?? false;

/**
 * Dashboard counters of committed usage (each row counted once: only rows the insert kept).
 * Prometheus counters are floats, so these are for charts and alerts; the ledger stays the exact
 * record (ADR 0005) and Economics answers from it. /metrics is public: model labels are the
 * catalog's models (others are `other`), and tenant tags label the cost only for the keys an
 * operator chose (METRICS_TAG_LABELS), each with a bounded number of values.
 */
@Injectable()
export class UsageMetrics {
  private readonly cost: Counter;
  private readonly tokens: Counter<'model' | 'kind'>;
  private readonly lag: Histogram;
  private readonly known: KnownModels;
  private readonly tagValues: ReadonlyMap<string, BoundedLabelValues>;

  constructor(
    registry: Registry,
    @InjectApiConfig() config: ApiConfig,
    @Optional() @Inject(ROUTING_VIEW) view?: RoutingView,
  ) {
    this.known = catalogModels(view);
    const keys = config.METRICS_TAG_LABELS;
    this.tagValues = new Map(
      keys.map((key) => [key, new BoundedLabelValues(config.METRICS_TAG_VALUES_MAX)]),
    );
    this.cost = new Counter({
      name: 'sluice_cost_usd_total',
      help: 'USD cost of committed usage by model (namespace/name, "other" outside the catalog) and, when METRICS_TAG_LABELS names them, tag_<key> tenant tags (empty if none, "other" past METRICS_TAG_VALUES_MAX values).',
      labelNames: ['model', ...keys.map(tagLabelName)],
      registers: [registry],
    });
    this.tokens = new Counter({
      name: 'sluice_tokens_total',
      help: 'Tokens of committed usage by model ("other" outside the catalog) and kind (input, cached_input, output).',
      labelNames: ['model', 'kind'],
      registers: [registry],
    });
    this.lag = new Histogram({
      name: 'sluice_usage_ingest_lag_seconds',
      help: 'From a usage report occurring to its row being committed in the ledger.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    });
  }

  committed(rows: readonly CommittedUsage[], now = Date.now()): void {
    for (const { report, costUsd } of rows) {
      const model = modelLabel(report.model, this.known);
      const tags = tagLabels(report.tags, this.tagValues);
      this.cost.inc({ model, ...tags }, Number(costUsd) / PICOS_PER_USD);
      this.tokens.inc({ model, kind: 'input' }, report.inputTokens);
      this.tokens.inc({ model, kind: 'cached_input' }, report.cachedInputTokens);
      this.tokens.inc({ model, kind: 'output' }, report.outputTokens);
      this.lag.observe(Math.max(0, now - Date.parse(report.occurredAt)) / 1000);
    }
  }
}
