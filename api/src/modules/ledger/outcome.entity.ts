import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';
import { AMOUNT_COLUMN, LEDGER_CONSTRAINTS } from './ledger-constraints.js';
import type { Tags } from './ledger.types.js';

const C = LEDGER_CONSTRAINTS.outcomes;
const PKEY = 'outcomes_pkey';

/** A business outcome (e.g. ticket_resolved), tied to decisions or a correlation id. */
@Entity('outcomes')
@Index('outcomes_tenant_id_occurred_at_idx', ['tenantId', 'occurredAt'])
@Check(C.idempotencyKey, `length("idempotency_key") BETWEEN 1 AND 200`)
@Check(C.tagsObject, `jsonb_typeof("tags") = 'object'`)
@Check(C.quantity, `"quantity" >= 1`)
export class OutcomeRow {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid', primaryKeyConstraintName: PKEY })
  @ForeignKey(() => Tenant, { name: C.tenant })
  tenantId!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text', primaryKeyConstraintName: PKEY })
  idempotencyKey!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** A decimal string (numeric(38,12)), e.g. revenue; null when only the count matters. */
  @Column({ name: 'value', ...AMOUNT_COLUMN, nullable: true })
  value!: string | null;

  /** How many outcomes the report counts (e.g. documents processed); at least 1. */
  @Column({ name: 'quantity', type: 'bigint', default: 1 })
  quantity!: string;

  @Column({ name: 'decision_ids', type: 'uuid', array: true, default: () => "'{}'" })
  decisionIds!: string[];

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ name: 'tags', type: 'jsonb', default: {} })
  tags!: Tags;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @CreateDateColumn({ name: 'ingested_at', type: 'timestamptz' })
  ingestedAt!: Date;
}
