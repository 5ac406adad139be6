// Flags of `sluice tokens create` as a CreateTokenRequest (pure, so it is tested table-style).
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { parseInstant } from '@sluice/common';
import { TokenRole, type CreateTokenRequestSchema } from '@sluice/proto';
import { keyValues } from './connection.js';
import type { TokenRoleFlag } from './token-role-flags.js';

const ROLES: Record<TokenRoleFlag, TokenRole> = {
  member: TokenRole.MEMBER,
  'tenant-admin': TokenRole.TENANT_ADMIN,
  'platform-admin': TokenRole.PLATFORM_ADMIN,
};

export interface CreateFlags {
  readonly tenant?: string | undefined;
  readonly role: TokenRoleFlag;
  readonly scope: readonly string[];
  readonly expires?: string | undefined;
  readonly monthlyBudget?: string | undefined;
}

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

type Expiry = MessageInitShape<typeof CreateTokenRequestSchema>['expiry'];

/** `30d`, `12h`, `90m` (a lifetime) or an RFC 3339 instant. */
export function parseExpiry(text: string, now = new Date()): NonNullable<Expiry> {
  const lifetime = /^(\d+)([smhdw])$/.exec(text);
  if (lifetime !== null) {
    const seconds = BigInt(lifetime[1] ?? '0') * BigInt(SECONDS[lifetime[2] ?? 's'] ?? 1);
    return { case: 'expiresIn', value: { seconds } };
  }
  try {
    // parseInstant also reads `now` and `-1d` (the past), which are no expiry.
    if (text === 'now' || text.startsWith('-')) throw new Error('not a future instant');
    return { case: 'expiresAt', value: timestampFromDate(parseInstant(text, now)) };
  } catch {
    throw new Error(
      `--expires ${text}: expected a lifetime (30d, 12h, 90m) or an RFC 3339 instant`,
    );
  }
}

export function createTokenRequest(
  name: string,
  flags: CreateFlags,
): MessageInitShape<typeof CreateTokenRequestSchema> {
  return {
    name,
    tenant: flags.tenant ?? '',
    role: ROLES[flags.role],
    scope: keyValues(flags.scope, '--scope'),
    ...(flags.expires === undefined ? {} : { expiry: parseExpiry(flags.expires) }),
    monthlyBudgetUsd: flags.monthlyBudget ?? '',
  };
}
