import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';
import { LEDGER_CONSTRAINTS } from './ledger-constraints.js';
import type { CacheKind, Tags } from './ledger.types.js';

const C = LEDGER_CONSTRAINTS.routeDecisions;

/**
 * Every Route answer, so routing distribution and savings can be explained later: the rule that
 * matched, the model chosen, and the baseline (frontier) model the savings are measured against.
 */
@Entity('route_decisions')
@Index('route_decisions_tenant_id_created_at_idx', ['tenantId', 'createdAt'])
@Index('route_decisions_created_at_idx', ['createdAt'])
@Index('route_decisions_token_id_created_at_idx', ['tokenId', 'createdAt'])
@Check(C.complexity, `"complexity" IN ('simple', 'complex')`)
@Check(C.cacheKind, `"cache_kind" IN ('none', 'exact', 'semantic')`)
@Check(C.tagsObject, `jsonb_typeof("tags") = 'object'`)
@Check(C.promptTokens, `"prompt_tokens" >= 0`)
@Check(C.smallOk, `"small_ok" BETWEEN 0 AND 1`)
export class RouteDecisionRow {
  @PrimaryColumn({
    name: 'decision_id',
    type: 'uuid',
    primaryKeyConstraintName: 'route_decisions_pkey',
  })
  decisionId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => Tenant, { name: C.tenant })
  tenantId!: string;

  @Column({ name: 'policy_namespace', type: 'text' })
  policyNamespace!: string;

  @Column({ name: 'policy_name', type: 'text' })
  policyName!: string;

  @Column({ name: 'rule', type: 'text' })
  rule!: string;

  @Column({ name: 'tier', type: 'text' })
  tier!: string;

  @Column({ name: 'model_namespace', type: 'text' })
  modelNamespace!: string;

  @Column({ name: 'model_name', type: 'text' })
  modelName!: string;

  @Column({ name: 'complexity', type: 'text' })
  complexity!: 'simple' | 'complex';

  @Column({ name: 'cache_kind', type: 'text' })
  cacheKind!: CacheKind;

  @Column({ name: 'tags', type: 'jsonb', default: {} })
  tags!: Tags;

  @Column({ name: 'template', type: 'text', nullable: true })
  template!: string | null;

  /** bigint comes back from pg as a string: exact beyond 2^53. */
  @Column({ name: 'prompt_tokens', type: 'bigint' })
  promptTokens!: string;

  @Column({ name: 'baseline_model_namespace', type: 'text', nullable: true })
  baselineModelNamespace!: string | null;

  @Column({ name: 'baseline_model_name', type: 'text', nullable: true })
  baselineModelName!: string | null;

  /** A shadow call's decision (RoutingPolicy spec.shadow): a model call, not a query. */
  @Column({ name: 'shadow', type: 'boolean', default: false })
  shadow!: boolean;

  /** The API token that asked (null for decisions older than tokens on decisions). */
  @Column({ name: 'token_id', type: 'uuid', nullable: true })
  tokenId!: string | null;

  /** The caller's task label, else the learned classifier's kind (null under rules, and before). */
  @Column({ name: 'task_kind', type: 'text', nullable: true })
  taskKind!: string | null;

  /** The learned classifier's smallOk in [0, 1] (null under the rules classifier). */
  @Column({ name: 'small_ok', type: 'double precision', nullable: true })
  smallOk!: number | null;

  @Column({ name: 'classifier_version', type: 'text', nullable: true })
  classifierVersion!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
