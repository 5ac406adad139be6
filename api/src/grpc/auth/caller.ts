import type { TokenRole } from '../../modules/apitokens/api-token.entity.js';

// Who is calling: resolved once per call from the API token in the call's metadata, before the
// handler runs. Handlers read it from CallContext.caller; they never parse metadata themselves.

/** The authenticated principal of one gRPC call. */
export interface Caller {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly tokenId: string;
  /**
   * Tags the token is limited to, e.g. { team: 'search' }: it may route only traffic carrying
   * them and read only economics of that traffic. {} means the whole tenant.
   */
  readonly scope: Readonly<Record<string, string>>;
  /** Platform admin tokens read every tenant's economics and manage every tenant's tokens. */
  readonly admin: boolean;
  /** tokens.proto TokenRole; absent (callers built in-process) means admin ? platform : member. */
  readonly role?: TokenRole;
  readonly tokenName?: string;
  /** The token's own monthly budget (numeric text), enforced by Route (token-budgets.ts). */
  readonly monthlyBudgetUsd?: string | null;
}

export const roleOf = (caller: Caller): TokenRole =>
  caller.role ?? (caller.admin ? 'platform_admin' : 'member');
