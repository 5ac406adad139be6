import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { requireConnected } from '../../database/query-errors.js';
import { generateToken, hashToken, isTokenShaped, tokenUsable } from './api-token-hash.js';
import { ApiToken, type TokenScope } from './api-token.entity.js';

export interface NewApiToken {
  readonly tenantId: string;
  readonly name: string;
  readonly scope?: TokenScope;
  readonly expiresAt?: Date;
  /** Admin tokens read every tenant's economics and manage tokens. */
  readonly admin?: boolean;
}

/** Who a valid token speaks for. */
export interface TokenIdentity {
  readonly tokenId: string;
  readonly tenantId: string;
  readonly scope: TokenScope;
  readonly tenantName: string;
  readonly admin: boolean;
  /** Until when the identity holds, so a cache of verified tokens never outlives the token. */
  readonly expiresAt: Date | null;
}

interface TokenRow {
  readonly id: string;
  readonly tenant_id: string;
  readonly tenant_name: string;
  readonly scope: TokenScope;
  readonly admin: boolean;
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
        admin: request.admin ?? false,
      }),
    );
    return { token: issued.token, record };
  }

  /** The identity of a live token, or undefined for a malformed, unknown, revoked or expired one. */
  async authenticate(token: string, now = new Date()): Promise<TokenIdentity | undefined> {
    if (!isTokenShaped(token)) return undefined;
    // One indexed lookup (the unique hash) joined with the tenant's name, per token verified.
    const rows = await requireConnected(this.dataSource).query<TokenRow[]>(
      `SELECT k.id, k.tenant_id, t.name AS tenant_name, k.scope, k.admin, k.expires_at,
         k.revoked_at
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
      scope: found.scope,
      admin: found.admin,
      expiresAt: found.expires_at,
    };
  }

  async revoke(tokenId: string, at = new Date()): Promise<void> {
    await this.tokens.update({ id: tokenId }, { revokedAt: at });
  }
}
