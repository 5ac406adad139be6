import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import { generateToken, hashToken, isTokenShaped, tokenUsable } from './api-token-hash.js';
import { ApiToken, type TokenRole, type TokenScope } from './api-token.entity.js';

export interface NewApiToken {
  readonly tenantId: string;
  readonly name: string;
  readonly scope?: TokenScope;
  readonly expiresAt?: Date;
  /** Member when absent (or platform admin with the older `admin: true`). */
  readonly role?: TokenRole;
  /** Shorthand for `role: 'platform_admin'`, as local mode and older tests issue admins. */
  readonly admin?: boolean;
  /** The token that issued this one. */
  readonly createdBy?: string;
  /** Wire money, e.g. "50" or "12.5". */
  readonly monthlyBudgetUsd?: string;
}

/** Who a valid token speaks for. */
export interface TokenIdentity {
  readonly tokenId: string;
  readonly tenantId: string;
  readonly scope: TokenScope;
  readonly tenantName: string;
  readonly tokenName: string;
  readonly role: TokenRole;
  /** role === 'platform_admin': reads every tenant's economics, manages every tenant's tokens. */
  readonly admin: boolean;
  /** numeric(38,12) text, null without a budget. */
  readonly monthlyBudgetUsd: string | null;
  /** Until when the identity holds, so a cache of verified tokens never outlives the token. */
  readonly expiresAt: Date | null;
}

interface TokenRow {
  readonly id: string;
  readonly tenant_id: string;
  readonly tenant_name: string;
  readonly name: string;
  readonly scope: TokenScope;
  readonly role: TokenRole;
  readonly monthly_budget_usd: string | null;
  readonly expires_at: Date | null;
  readonly revoked_at: Date | null;
}

/** Every query on `api_tokens`. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get tokens(): Repository<ApiToken> {
    return requireConnected(this.dataSource).getRepository(ApiToken);
  }

  /** Stores a new token's hash; the plaintext is in the result and nowhere else. */
  async issue(request: NewApiToken): Promise<{ token: string; record: ApiToken }> {
    const issued = generateToken();
    const record = await this.tokens.save(
      this.tokens.create({
        tenantId: request.tenantId,
        name: request.name,
        tokenHash: issued.hash,
        tokenPrefix: issued.prefix,
        scope: request.scope ?? {},
        expiresAt: request.expiresAt ?? null,
        revokedAt: null,
        role: request.role ?? (request.admin === true ? 'platform_admin' : 'member'),
        createdBy: request.createdBy ?? null,
        monthlyBudgetUsd: request.monthlyBudgetUsd ?? null,
      }),
    );
    return { token: issued.token, record };
  }

  /** The identity of a live token, or undefined for a malformed, unknown, revoked or expired one. */
  async authenticate(token: string, now = new Date()): Promise<TokenIdentity | undefined> {
    if (!isTokenShaped(token)) return undefined;
    // One indexed lookup (the unique hash) joined with the tenant's name, per token verified.
    const rows = await requireConnected(this.dataSource).query<TokenRow[]>(
      `SELECT k.id, k.tenant_id, t.name AS tenant_name, k.name, k.scope, k.role,
         k.monthly_budget_usd, k.expires_at, k.revoked_at
       FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id
       WHERE k.token_hash = $1`,
      [hashToken(token)],
    );
    const found = rows[0];
    if (found === undefined) return undefined;
    if (!tokenUsable({ revokedAt: found.revoked_at, expiresAt: found.expires_at }, now))
      return undefined;
    return {
      tokenId: found.id,
      tenantId: found.tenant_id,
      tenantName: found.tenant_name,
      tokenName: found.name,
      scope: found.scope,
      role: found.role,
      admin: found.role === 'platform_admin',
      monthlyBudgetUsd: found.monthly_budget_usd,
      expiresAt: found.expires_at,
    };
  }

  /** Sets last_used_at, never moving it back (replicas write their own uses). */
  async recordLastUsed(used: ReadonlyMap<string, Date>): Promise<void> {
    await requireConnected(this.dataSource).query(
      `UPDATE api_tokens k SET last_used_at = v.at
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
       WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)`,
      [[...used.keys()], [...used.values()]],
    );
  }

  /** Revokes once: a second revoke keeps the first one's time and revoker. */
  async revoke(tokenId: string, at = new Date(), by: string | null = null): Promise<void> {
    await this.tokens.update(
      { id: tokenId, revokedAt: IsNull() },
      { revokedAt: at, revokedBy: by },
    );
  }
}
