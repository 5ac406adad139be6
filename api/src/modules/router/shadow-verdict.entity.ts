import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';

/** Constraint names as migration RecordShadowVerdicts creates them. */
export const SHADOW_VERDICT_CONSTRAINTS = {
  tenant: 'shadow_verdicts_tenant_id_fkey',
  smallOkBucket: 'shadow_verdicts_small_ok_bucket_check',
} as const;

const C = SHADOW_VERDICT_CONSTRAINTS;

/**
 * One judged shadow pair (ReportShadowVerdict): was the cheaper answer as good as the shadow's?
 * The schema's documentation and drift check; shadow-verdicts.repository.ts holds the queries.
 */
@Entity('shadow_verdicts')
@Index('shadow_verdicts_policy_judged_at_idx', ['policyNamespace', 'policyName', 'judgedAt'])
@Check(C.smallOkBucket, `"small_ok_bucket" IS NULL OR "small_ok_bucket" BETWEEN 0 AND 9`)
export class ShadowVerdictRow {
  /** The judged decision's ledger id: one verdict per decision. */
  @PrimaryColumn({
    name: 'decision_id',
    type: 'uuid',
    primaryKeyConstraintName: 'shadow_verdicts_pkey',
  })
  decisionId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => Tenant, { name: C.tenant })
  tenantId!: string;

  @Column({ name: 'policy_namespace', type: 'text' })
  policyNamespace!: string;

  @Column({ name: 'policy_name', type: 'text' })
  policyName!: string;

  /** The caller's task label, else the learned classifier's kind; '' when neither. */
  @Column({ name: 'task_kind', type: 'text', default: '' })
  taskKind!: string;

  /** floor(smallOk x 10), 0 to 9; null for a decision without a smallOk. */
  @Column({ name: 'small_ok_bucket', type: 'smallint', nullable: true })
  smallOkBucket!: number | null;

  @Column({ name: 'acceptable', type: 'boolean' })
  acceptable!: boolean;

  @Column({ name: 'judge', type: 'text', default: '' })
  judge!: string;

  @Column({ name: 'judged_at', type: 'timestamptz', default: () => 'now()' })
  judgedAt!: Date;
}
