import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { UsageReport } from './ledger.types.js';
import { PICO_DECIMALS, type Picos } from './money.js';

/** A usage row as committed: the report and what it cost. */
export interface CommittedUsage {
  readonly report: UsageReport;
  readonly costUsd: Picos;
}

const PICOS_PER_USD = 10 ** PICO_DECIMALS;

/**
 * Dashboard counters of committed usage (each row counted once: only rows the insert kept).
 * Prometheus counters are floats, so these are for charts and alerts; the ledger stays the exact
 * record (ADR 0005) and Economics answers from it.
 */
@Injectable()
export class UsageMetrics {
  private readonly cost: Counter<'model' | 'team'>;
  private readonly tokens: Counter<'model' | 'kind'>;
  private readonly lag: Histogram;

  constructor(registry: Registry) {
    this.cost = new Counter({
      name: 'sluice_cost_usd_total',
      help: 'USD cost of committed usage by model (namespace/name) and team tag (empty if none).',
      labelNames: ['model', 'team'],
      registers: [registry],
    });
    this.tokens = new Counter({
      name: 'sluice_tokens_total',
      help: 'Tokens of committed usage by model and kind (input, cached_input, output).',
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
      const model = `${report.model.namespace}/${report.model.name}`;
      this.cost.inc({ model, team: report.tags.team ?? '' }, Number(costUsd) / PICOS_PER_USD);
      this.tokens.inc({ model, kind: 'input' }, report.inputTokens);
      this.tokens.inc({ model, kind: 'cached_input' }, report.cachedInputTokens);
      this.tokens.inc({ model, kind: 'output' }, report.outputTokens);
      this.lag.observe(Math.max(0, now - Date.parse(report.occurredAt)) / 1000);
    }
  }
}
