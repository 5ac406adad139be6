import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';
import { AMOUNT_COLUMN, LEDGER_CONSTRAINTS } from './ledger-constraints.js';
import type { CacheKind, Tags, UsageStatus } from './ledger.types.js';
import type { Pricing } from './usage-costs.js';

const C = LEDGER_CONSTRAINTS.usageRecords;
const PKEY = 'usage_records_pkey';

/**
 * One reported request, priced at ingest with the prices in effect at occurred_at. The primary
 * key is (tenant, idempotency key), so a retried report lands on the row already there. Rows are
 * never changed except `rolled_up_at`, which the hourly rollup sets once it has absorbed them.
 */
@Entity('usage_records')
@Index('usage_records_tenant_id_occurred_at_idx', ['tenantId', 'occurredAt'])
@Index('usage_records_model_occurred_at_idx', ['modelNamespace', 'modelName', 'occurredAt'])
@Index('usage_records_decision_id_idx', ['decisionId'])
// GIN, BRIN and partial indexes TypeORM cannot describe; the migrations own them.
@Index('usage_records_tags_idx', { synchronize: false })
@Index('usage_records_unrolled_idx', { synchronize: false })
@Index('usage_records_occurred_at_brin', { synchronize: false })
@Check(C.idempotencyKey, `length("idempotency_key") BETWEEN 1 AND 200`)
@Check(C.cacheKind, `"cache_kind" IN ('none', 'exact', 'semantic')`)
@Check(C.status, `"status" IN ('ok', 'error', 'cancelled')`)
@Check(C.pricing, `"pricing" IN ('token', 'capacity', 'unpriced')`)
@Check(
  C.nonNegative,
  `"input_tokens" >= 0 AND "cached_input_tokens" >= 0 AND "output_tokens" >= 0 AND "latency_ms" >= 0 AND "cost_usd" >= 0`,
)
@Check(C.tagsObject, `jsonb_typeof("tags") = 'object'`)
export class UsageRecordRow {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: PKEY })
  @ForeignKey(() => Tenant, { name: C.tenant })
  tenantId!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text', primaryKeyConstraintName: PKEY })
  idempotencyKey!: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @Column({ name: 'model_namespace', type: 'text' })
  modelNamespace!: string;

  @Column({ name: 'model_name', type: 'text' })
  modelName!: string;

  @Column({ name: 'tier', type: 'text' })
  tier!: string;

  @Column({ name: 'cache_kind', type: 'text' })
  cacheKind!: CacheKind;

  @Column({ name: 'baseline_model_namespace', type: 'text', nullable: true })
  baselineModelNamespace!: string | null;

  @Column({ name: 'baseline_model_name', type: 'text', nullable: true })
  baselineModelName!: string | null;

  @Column({ name: 'input_tokens', type: 'bigint' })
  inputTokens!: string;

  @Column({ name: 'cached_input_tokens', type: 'bigint' })
  cachedInputTokens!: string;

  @Column({ name: 'output_tokens', type: 'bigint' })
  outputTokens!: string;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  @Column({ name: 'status', type: 'text' })
  status!: UsageStatus;

  @Column({ name: 'pricing', type: 'text' })
  pricing!: Pricing;

  @Column({ name: 'cost_usd', ...AMOUNT_COLUMN })
  costUsd!: string;

  @Column({ name: 'baseline_cost_usd', ...AMOUNT_COLUMN, nullable: true })
  baselineCostUsd!: string | null;

  @Column({ name: 'no_cache_cost_usd', ...AMOUNT_COLUMN, nullable: true })
  noCacheCostUsd!: string | null;

  @Column({ name: 'tags', type: 'jsonb', default: {} })
  tags!: Tags;

  @Column({ name: 'template', type: 'text', nullable: true })
  template!: string | null;

  /** Copied from the decision: the usage of a shadow call, counted as a model call only. */
  @Column({ name: 'shadow', type: 'boolean', default: false })
  shadow!: boolean;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'ingested_at', type: 'timestamptz' })
  ingestedAt!: Date;

  @Column({ name: 'rolled_up_at', type: 'timestamptz', nullable: true })
  rolledUpAt!: Date | null;
}
