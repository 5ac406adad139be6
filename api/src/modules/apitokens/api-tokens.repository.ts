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
}

/** Who a valid token speaks for. */
export interface TokenIdentity {
  readonly tokenId: string;
  readonly tenantId: string;
  readonly scope: TokenScope;
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
      }),
    );
    return { token: issued.token, record };
  }

  /** The identity of a live token, or undefined for a malformed, unknown, revoked or expired one. */
  async authenticate(token: string, now = new Date()): Promise<TokenIdentity | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const found = await this.tokens.findOneBy({ tokenHash: hashToken(token) });
    if (found === null || !tokenUsable(found, now)) return undefined;
    return { tokenId: found.id, tenantId: found.tenantId, scope: found.scope };
  }

  async revoke(tokenId: string, at = new Date()): Promise<void> {
    await this.tokens.update({ id: tokenId }, { revokedAt: at });
  }
}
