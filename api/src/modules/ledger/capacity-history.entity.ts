import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { LEDGER_CONSTRAINTS, PRICE_COLUMN } from './ledger-constraints.js';

const PKEY = 'capacity_history_pkey';

/**
 * What a self-hosted model had running, as the operator published it in status. Each row holds
 * until the next one for the same model (a step function), so a restart of the API loses nothing.
 */
@Entity('capacity_history')
@Check(LEDGER_CONSTRAINTS.capacityHistory.maxConcurrency, `"max_concurrency" >= 1`)
@Check(
  LEDGER_CONSTRAINTS.capacityHistory.nonNegative,
  `"ready_replicas" >= 0 AND "gpus_per_replica" >= 0 AND "gpu_hourly_usd" >= 0`,
)
export class CapacityHistoryRow {
  @PrimaryColumn({ name: 'model_namespace', type: 'text', primaryKeyConstraintName: PKEY })
  modelNamespace!: string;

  @PrimaryColumn({ name: 'model_name', type: 'text', primaryKeyConstraintName: PKEY })
  modelName!: string;

  @PrimaryColumn({ name: 'observed_at', type: 'timestamptz', primaryKeyConstraintName: PKEY })
  observedAt!: Date;

  @Column({ name: 'ready_replicas', type: 'integer' })
  readyReplicas!: number;

  @Column({ name: 'gpus_per_replica', type: 'integer' })
  gpusPerReplica!: number;

  @Column({ name: 'gpu_hourly_usd', ...PRICE_COLUMN })
  gpuHourlyUSD!: string;

  /** spec.tier: whose idle cost this is when no query named the model. */
  @Column({ name: 'tier', type: 'text', default: '' })
  tier!: string;

  /** spec.vllm.batching.maxNumSeqs: requests one replica serves at once (utilization's unit). */
  @Column({ name: 'max_concurrency', type: 'integer', default: 256 })
  maxConcurrency!: number;
}
