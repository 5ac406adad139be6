import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Metadata } from '@grpc/grpc-js';
import { hashToken } from '../../modules/apitokens/api-token-hash.js';
import {
  ApiTokensRepository,
  type TokenIdentity,
} from '../../modules/apitokens/api-tokens.repository.js';
import { GrpcStatus, SluiceError } from '../sluice-error.js';
import { bearerToken } from './bearer.js';
import type { Caller } from './caller.js';
import { LastUsed } from './last-used.js';
import { VerifiedTokens } from './verified-tokens.js';

/** Services any client may call without a token (health and reflection are not ours to guard). */
export const PUBLIC_SERVICES: ReadonlySet<string> = new Set(['sluice.v1.SystemService']);

const unauthenticated = (message: string) => new SluiceError(GrpcStatus.UNAUTHENTICATED, message);

/**
 * Resolves the Caller of a call from its API token: metadata -> SHA-256 -> api_tokens row (live,
 * not revoked or expired) -> Caller. Verified tokens are remembered (verified-tokens.ts), so the
 * hot path does no database round trip and survives a PostgreSQL outage for known tokens; an
 * unknown token while the database is down is UNAVAILABLE, never a wrong UNAUTHENTICATED.
 */
@Injectable()
export class TokenAuthenticator implements BeforeApplicationShutdown {
  private readonly verified = new VerifiedTokens<Caller>();
  private readonly lastUsed: LastUsed;

  constructor(
    private readonly tokens: ApiTokensRepository,
    logger: PinoLogger,
  ) {
    this.lastUsed = new LastUsed(
      (used) => this.tokens.recordLastUsed(used),
      (error) => logger.warn({ err: String(error) }, 'Failed to record when tokens were last used'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lastUsed.flush();
  }

  /**
   * Forgets a revoked token on this replica at once; other replicas keep it for at most the
   * verified-token TTL (60 s), as tokens.proto says.
   */
  forget(tokenHash: string): void {
    this.verified.delete(tokenHash);
  }

  /** How many token verdicts this replica remembers (the soak bench reports it). */
  get rememberedTokens(): number {
    return this.verified.size;
  }

  authenticate(metadata: Metadata): Promise<Caller> {
    return this.authenticateAuthorization(metadata.get('authorization'));
  }

  /** The same check for HTTP: `values` are the request's Authorization header values. */
  async authenticateAuthorization(values: readonly unknown[]): Promise<Caller> {
    const token = bearerToken(values);
    if (token === undefined)
      throw unauthenticated('send an API token as "authorization: Bearer <token>"');
    const hash = hashToken(token);
    const remembered = this.verified.get(hash);
    const caller = remembered === undefined ? await this.verify(token, hash) : remembered.value;
    if (caller === undefined) throw unauthenticated('the API token is unknown, revoked or expired');
    this.lastUsed.touch(caller.tokenId);
    return caller;
  }

  private async verify(token: string, hash: string): Promise<Caller | undefined> {
    let identity: TokenIdentity | undefined;
    try {
      identity = await this.tokens.authenticate(token);
    } catch (error) {
      throw SluiceError.unavailable('cannot verify the API token now; retry', error);
    }
    const caller = identity === undefined ? undefined : callerOf(identity);
    this.verified.set(hash, caller, identity?.expiresAt?.getTime());
    return caller;
  }
}

function callerOf(identity: TokenIdentity): Caller {
  return {
    tenantId: identity.tenantId,
    tenantName: identity.tenantName,
    tokenId: identity.tokenId,
    scope: identity.scope,
    admin: identity.admin,
    role: identity.role,
    tokenName: identity.tokenName,
    monthlyBudgetUsd: identity.monthlyBudgetUsd,
  };
}
