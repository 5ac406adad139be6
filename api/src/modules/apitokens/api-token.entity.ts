import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';

/** The tags a token is limited to, e.g. `{ team: 'search' }`; `{}` means the whole tenant. */
export type TokenScope = Record<string, string>;

export const API_TOKEN_CONSTRAINTS = {
  hashUnique: 'api_tokens_token_hash_key',
  tenant: 'api_tokens_tenant_id_fkey',
  hashShape: 'api_tokens_token_hash_check',
  scopeObject: 'api_tokens_scope_object_check',
  role: 'api_tokens_role_check',
  budgetPositive: 'api_tokens_monthly_budget_usd_check',
} as const;

/**
 * What a token may do (tokens.proto TokenRole): a platform admin acts on every tenant, a tenant
 * admin manages its own tenant's tokens (within its scope), a member routes and reports.
 */
export type TokenRole = 'platform_admin' | 'tenant_admin' | 'member';
export const TOKEN_ROLES: readonly TokenRole[] = ['platform_admin', 'tenant_admin', 'member'];

/** One API token of a tenant. The token itself is shown once at issue and never stored. */
@Entity('api_tokens')
@Unique(API_TOKEN_CONSTRAINTS.hashUnique, ['tokenHash'])
@Index('api_tokens_tenant_id_idx', ['tenantId'])
@Check(API_TOKEN_CONSTRAINTS.hashShape, `"token_hash" ~ '^[0-9a-f]{64}$'`)
@Check(API_TOKEN_CONSTRAINTS.scopeObject, `jsonb_typeof("scope") = 'object'`)
@Check(API_TOKEN_CONSTRAINTS.role, `"role" IN ('platform_admin', 'tenant_admin', 'member')`)
@Check(API_TOKEN_CONSTRAINTS.budgetPositive, `"monthly_budget_usd" > 0`)
export class ApiToken {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'api_tokens_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => Tenant, { name: API_TOKEN_CONSTRAINTS.tenant, onDelete: 'CASCADE' })
  tenantId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** Hex SHA-256 of the whole token (api-token-hash.ts). */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The first characters, so a person can tell tokens apart in listings and logs. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @Column({ name: 'scope', type: 'jsonb', default: {} })
  scope!: TokenScope;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'role', type: 'text', default: 'member' })
  role!: TokenRole;

  /** The token that issued this one; null for tokens issued in-process (local mode, tests). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  /** Written at most once a minute per token, behind the calls (last-used.ts). */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;

  /** Wire money (decimal string); Route refuses the token once its month-to-date spend reaches it. */
  @Column({ name: 'monthly_budget_usd', type: 'numeric', precision: 38, scale: 12, nullable: true })
  monthlyBudgetUsd!: string | null;
}
