import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import { capacityCost, type Window } from './capacity-cost.js';
import type { PricePoint } from './cost.js';
import type { ModelRef } from './ledger.types.js';
import type { Picos } from './money.js';
import {
  toCapacityPoint,
  toPricePoint,
  type CapacitySqlRow,
  type PriceSqlRow,
} from './price-rows.js';

/** A model's pricing as its InferenceModel spec states it: decimal strings (ADR 0002). */
export type PriceSpec =
  | { readonly provider: 'vllm'; readonly gpuHourlyUSD: string }
  | {
      readonly provider: 'external';
      readonly inputPer1M: string;
      readonly cachedInputPer1M?: string;
      readonly outputPer1M: string;
    };

export interface CapacityObservation {
  readonly observedAt: Date;
  readonly readyReplicas: number;
  readonly gpusPerReplica: number;
  readonly gpuHourlyUSD: string;
}

/** Prices and capacity over time: the inputs of every cost the ledger computes. */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get db(): DataSource {
    return requireConnected(this.dataSource);
  }

  /** Appends a price from `effectiveFrom` on; recording the same instant twice keeps the first. */
  async recordPrice(model: ModelRef, spec: PriceSpec, effectiveFrom: Date): Promise<void> {
    const external = spec.provider === 'external' ? spec : undefined;
    await this.db.query(
      `INSERT INTO model_prices (model_namespace, model_name, effective_from, provider,
         input_per_1m, cached_input_per_1m, output_per_1m, gpu_hourly_usd)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (model_namespace, model_name, effective_from) DO NOTHING`,
      [
        model.namespace,
        model.name,
        effectiveFrom,
        spec.provider,
        external?.inputPer1M ?? null,
        external?.cachedInputPer1M ?? null,
        external?.outputPer1M ?? null,
        spec.provider === 'vllm' ? spec.gpuHourlyUSD : null,
      ],
    );
  }

  /** Every price of these models effective at or before `until`, per model key "ns/name". */
  async priceHistory(models: readonly ModelRef[], until: Date): Promise<Map<string, PricePoint[]>> {
    const rows = await this.db.query<PriceSqlRow[]>(
      `SELECT p.* FROM model_prices p
       JOIN unnest($1::text[], $2::text[]) AS m(ns, name)
         ON p.model_namespace = m.ns AND p.model_name = m.name
       WHERE p.effective_from <= $3`,
      [models.map((m) => m.namespace), models.map((m) => m.name), until],
    );
    const byModel = new Map<string, PricePoint[]>();
    for (const row of rows) {
      const key = `${row.model_namespace}/${row.model_name}`;
      byModel.set(key, [...(byModel.get(key) ?? []), toPricePoint(row)]);
    }
    return byModel;
  }

  /**
   * Records what the operator published, only when it differs from the value in effect at that
   * instant: a watch that relists every few minutes must not grow the table.
   */
  async recordCapacity(model: ModelRef, observation: CapacityObservation): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `INSERT INTO capacity_history (model_namespace, model_name, observed_at, ready_replicas,
         gpus_per_replica, gpu_hourly_usd)
       SELECT $1, $2, $3, $4, $5, $6::numeric
       WHERE NOT EXISTS (
         SELECT 1 FROM (
           SELECT ready_replicas, gpus_per_replica, gpu_hourly_usd FROM capacity_history
           WHERE model_namespace = $1 AND model_name = $2 AND observed_at <= $3
           ORDER BY observed_at DESC LIMIT 1) last
         WHERE last.ready_replicas = $4 AND last.gpus_per_replica = $5
           AND last.gpu_hourly_usd = $6::numeric)
       ON CONFLICT (model_namespace, model_name, observed_at) DO NOTHING
       RETURNING 1`,
      [
        model.namespace,
        model.name,
        observation.observedAt,
        observation.readyReplicas,
        observation.gpusPerReplica,
        observation.gpuHourlyUSD,
      ],
    );
    return rows.length > 0;
  }

  /** SPEC 4 self-hosted cost of a window: the step function from the last point before it on. */
  async capacityCost(model: ModelRef, window: Window): Promise<Picos> {
    const rows = await this.db.query<CapacitySqlRow[]>(
      `SELECT observed_at, ready_replicas, gpus_per_replica, gpu_hourly_usd FROM capacity_history
       WHERE model_namespace = $1 AND model_name = $2 AND observed_at < $4
         AND observed_at >= coalesce((
           SELECT max(observed_at) FROM capacity_history
           WHERE model_namespace = $1 AND model_name = $2 AND observed_at <= $3), '-infinity')
       ORDER BY observed_at`,
      [model.namespace, model.name, window.from, window.to],
    );
    return capacityCost(rows.map(toCapacityPoint), window);
  }
}
