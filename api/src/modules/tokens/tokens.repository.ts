import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import type { TokenRole, TokenScope } from '../apitokens/api-token.entity.js';
import { ApiTokensRepository, type NewApiToken } from '../apitokens/api-tokens.repository.js';
import type { Picos } from '../ledger/money.js';
import { TokenBudgets } from './token-budgets.js';

/** A token as TokenService shows it (never its hash on the wire: `hash` is for eviction only). */
export interface TokenRow {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly name: string;
  readonly prefix: string;
  readonly role: TokenRole;
  readonly scope: TokenScope;
  readonly monthlyBudgetUsd: string | null;
  readonly createdAt: Date;
  readonly createdBy: string | null;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly hash: string;
  /** Month-to-date spend of a budgeted token as Route last read it (token-budgets.ts). */
  readonly monthToDateSpend?: Picos;
}

/** A listing is one page: more than this many tokens per tenant is not a token, it is a leak. */
export const MAX_LISTED = 10_000;

const SELECT = `
  SELECT k.id, k.tenant_id AS "tenantId", t.name AS "tenantName", k.name,
    k.token_prefix AS prefix, k.role, k.scope, k.monthly_budget_usd::text AS "monthlyBudgetUsd",
    k.created_at AS "createdAt", k.created_by AS "createdBy", k.expires_at AS "expiresAt",
    k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", k.revoked_by AS "revokedBy",
    k.token_hash AS hash
  FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id`;

/** TokenService's queries on `api_tokens`: its reads, and issue and revoke as auth has them. */
@Injectable()
export class TokensRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly apiTokens: ApiTokensRepository,
    private readonly budgets: TokenBudgets,
  ) {}

  /** A row with its budget's spend, when it has a budget and the spend has been read. */
  private withSpend(row: TokenRow): TokenRow {
    const spent = row.monthlyBudgetUsd === null ? undefined : this.budgets.spent(row.id);
    return spent === undefined ? row : { ...row, monthToDateSpend: spent };
  }

  issue(request: NewApiToken): ReturnType<ApiTokensRepository['issue']> {
    return this.apiTokens.issue(request);
  }

  revoke(tokenId: string, at: Date, by: string | null): Promise<void> {
    return this.apiTokens.revoke(tokenId, at, by);
  }

  /** Newest first; one tenant's or (tenantId undefined) every tenant's. */
  async list(tenantId: string | undefined, includeRevoked: boolean): Promise<TokenRow[]> {
    const rows = await requireConnected(this.dataSource).query<TokenRow[]>(
      `${SELECT}
       WHERE ($1::uuid IS NULL OR k.tenant_id = $1) AND ($2 OR k.revoked_at IS NULL)
       ORDER BY k.created_at DESC, k.id LIMIT ${MAX_LISTED}`,
      [tenantId ?? null, includeRevoked],
    );
    return rows.map((row) => this.withSpend(row));
  }

  async find(id: string): Promise<TokenRow | undefined> {
    const rows = await requireConnected(this.dataSource).query<TokenRow[]>(
      `${SELECT} WHERE k.id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : this.withSpend(rows[0]);
  }
}
