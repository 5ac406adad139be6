import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { LEDGER_CONSTRAINTS, PRICE_COLUMN } from './ledger-constraints.js';

const C = LEDGER_CONSTRAINTS.modelPrices;

/**
 * Prices as they were: the price in effect at t is the row with the latest effective_from <= t.
 * Rows are appended when a model's pricing changes, never updated, so old usage reprices the same.
 * Numeric columns come back as decimal strings; parse them with money.ts.
 */
@Entity('model_prices')
@Check(C.provider, `"provider" IN ('vllm', 'external')`)
@Check(
  C.priced,
  `("provider" = 'external' AND "input_per_1m" IS NOT NULL AND "output_per_1m" IS NOT NULL) OR ("provider" = 'vllm' AND "gpu_hourly_usd" IS NOT NULL)`,
)
@Check(
  C.nonNegative,
  `"input_per_1m" >= 0 AND "cached_input_per_1m" >= 0 AND "output_per_1m" >= 0 AND "gpu_hourly_usd" >= 0`,
)
export class ModelPriceRow {
  @PrimaryColumn({
    name: 'model_namespace',
    type: 'text',
    primaryKeyConstraintName: 'model_prices_pkey',
  })
  modelNamespace!: string;

  @PrimaryColumn({
    name: 'model_name',
    type: 'text',
    primaryKeyConstraintName: 'model_prices_pkey',
  })
  modelName!: string;

  @PrimaryColumn({
    name: 'effective_from',
    type: 'timestamptz',
    primaryKeyConstraintName: 'model_prices_pkey',
  })
  effectiveFrom!: Date;

  @Column({ name: 'provider', type: 'text' })
  provider!: 'vllm' | 'external';

  @Column({ name: 'input_per_1m', ...PRICE_COLUMN, nullable: true })
  inputPer1M!: string | null;

  @Column({ name: 'cached_input_per_1m', ...PRICE_COLUMN, nullable: true })
  cachedInputPer1M!: string | null;

  @Column({ name: 'output_per_1m', ...PRICE_COLUMN, nullable: true })
  outputPer1M!: string | null;

  @Column({ name: 'gpu_hourly_usd', ...PRICE_COLUMN, nullable: true })
  gpuHourlyUSD!: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
