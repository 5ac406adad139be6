import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AMOUNT_COLUMN } from './ledger-constraints.js';
import type { CacheKind, Tags } from './ledger.types.js';

const PKEY = 'usage_hourly_pkey';
const key = (name: string) => ({ name, type: 'text', primaryKeyConstraintName: PKEY }) as const;

/**
 * Derived from usage_records by `rollupHours` (usage-rollup.ts) and rebuildable from them: one
 * row per UTC hour and group. `template` is '' for "no template" and `tags_hash` md5(tags::text),
 * so the whole key is NOT NULL. Sums are exact: bigint tokens, numeric(38,12) money.
 */
@Entity('usage_hourly')
@Index('usage_hourly_tenant_id_hour_idx', ['tenantId', 'hour'])
@Index('usage_hourly_tags_idx', { synchronize: false })
export class UsageHourlyRow {
  @PrimaryColumn({ name: 'hour', type: 'timestamptz', primaryKeyConstraintName: PKEY })
  hour!: Date;

  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: PKEY })
  tenantId!: string;

  @PrimaryColumn(key('model_namespace'))
  modelNamespace!: string;

  @PrimaryColumn(key('model_name'))
  modelName!: string;

  @PrimaryColumn(key('tier'))
  tier!: string;

  @PrimaryColumn(key('cache_kind'))
  cacheKind!: CacheKind;

  @PrimaryColumn(key('template'))
  template!: string;

  @PrimaryColumn(key('tags_hash'))
  tagsHash!: string;

  /** Shadow calls are kept apart: economics counts them as model calls, never as queries. */
  @PrimaryColumn({
    name: 'shadow',
    type: 'boolean',
    default: false,
    primaryKeyConstraintName: PKEY,
  })
  shadow!: boolean;

  @Column({ name: 'tags', type: 'jsonb' })
  tags!: Tags;

  @Column({ name: 'requests', type: 'bigint' })
  requests!: string;

  @Column({ name: 'failed_requests', type: 'bigint' })
  failedRequests!: string;

  @Column({ name: 'input_tokens', type: 'bigint' })
  inputTokens!: string;

  @Column({ name: 'cached_input_tokens', type: 'bigint' })
  cachedInputTokens!: string;

  @Column({ name: 'output_tokens', type: 'bigint' })
  outputTokens!: string;

  @Column({ name: 'latency_ms_sum', type: 'bigint' })
  latencyMsSum!: string;

  @Column({ name: 'cost_usd', ...AMOUNT_COLUMN })
  costUsd!: string;

  @Column({ name: 'baseline_cost_usd', ...AMOUNT_COLUMN })
  baselineCostUsd!: string;

  @Column({ name: 'baseline_requests', type: 'bigint' })
  baselineRequests!: string;

  @Column({ name: 'no_cache_cost_usd', ...AMOUNT_COLUMN })
  noCacheCostUsd!: string;
}
