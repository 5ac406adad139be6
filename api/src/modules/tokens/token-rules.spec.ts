import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { TokenRole } from '../apitokens/api-token.entity.js';
import {
  grantableRole,
  issuedScope,
  manages,
  requireManager,
  requirePlatformAdmin,
  targetTenant,
  type Actor,
} from './token-rules.js';

const actor = (role: TokenRole, scope: Record<string, string> = {}): Actor => ({
  tenantId: 'id-a',
  tenantName: 'a',
  role,
  scope,
});

const codeOf = (run: () => unknown): GrpcStatus | 'ok' => {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof SluiceError) return error.code;
    throw error;
  }
};
const DENIED = GrpcStatus.PERMISSION_DENIED;

describe('requireManager and requirePlatformAdmin', () => {
  it.each<[TokenRole, GrpcStatus | 'ok', GrpcStatus | 'ok']>([
    ['platform_admin', 'ok', 'ok'],
    ['tenant_admin', 'ok', DENIED],
    ['member', DENIED, DENIED],
  ])('%s: tokens %s, tenants %s', (role, tokens, tenants) => {
    expect(codeOf(() => requireManager(actor(role)))).toBe(tokens);
    expect(codeOf(() => requirePlatformAdmin(actor(role)))).toBe(tenants);
  });
});

describe('targetTenant', () => {
  it.each<[TokenRole, string, string | GrpcStatus]>([
    ['platform_admin', '', 'a'],
    ['platform_admin', 'b', 'b'],
    ['tenant_admin', '', 'a'],
    ['tenant_admin', 'a', 'a'],
    ['tenant_admin', 'b', DENIED],
    ['tenant_admin', 'no-such-tenant', DENIED],
  ])('%s asking for %j -> %s', (role, requested, expected) => {
    const result = codeOf(() => targetTenant(actor(role), requested));
    if (typeof expected === 'string') expect(targetTenant(actor(role), requested)).toBe(expected);
    else expect(result).toBe(expected);
  });
});

describe('grantableRole', () => {
  it.each<[TokenRole, TokenRole, TokenRole | GrpcStatus]>([
    ['platform_admin', 'platform_admin', 'platform_admin'],
    ['platform_admin', 'tenant_admin', 'tenant_admin'],
    ['platform_admin', 'member', 'member'],
    ['tenant_admin', 'platform_admin', DENIED],
    ['tenant_admin', 'tenant_admin', 'tenant_admin'],
    ['tenant_admin', 'member', 'member'],
  ])('%s issuing %s -> %s', (role, requested, expected) => {
    if (typeof expected === 'string') expect(grantableRole(actor(role), requested)).toBe(expected);
    else expect(codeOf(() => grantableRole(actor(role), requested))).toBe(expected);
  });
});

describe('issuedScope', () => {
  it.each<[Record<string, string>, Record<string, string>, Record<string, string> | GrpcStatus]>([
    [{}, {}, {}],
    [{}, { team: 'x' }, { team: 'x' }],
    [{ team: 'x' }, {}, { team: 'x' }], // imposed: never wider than the issuer
    [{ team: 'x' }, { team: 'x' }, { team: 'x' }],
    [{ team: 'x' }, { team: 'x', product: 'chat' }, { team: 'x', product: 'chat' }],
    [{ team: 'x' }, { product: 'chat' }, { team: 'x', product: 'chat' }],
    [{ team: 'x' }, { team: 'y' }, DENIED],
    [{ team: 'x', product: 'chat' }, { product: 'ads' }, DENIED],
  ])('issuer %j, requested %j -> %j', (own, requested, expected) => {
    const issuer = actor('tenant_admin', own);
    if (typeof expected === 'object') expect(issuedScope(issuer, requested)).toEqual(expected);
    else expect(codeOf(() => issuedScope(issuer, requested))).toBe(expected);
  });

  it('names the contradicting tag', () => {
    let thrown: unknown;
    try {
      issuedScope(actor('tenant_admin', { team: 'x' }), { team: 'y' });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as SluiceError).violations.map((v) => v.field)).toEqual(['scope[team]']);
  });
});

describe('manages', () => {
  const token = (tenantId: string, role: TokenRole, scope: Record<string, string> = {}) => ({
    tenantId,
    role,
    scope,
  });
  it.each<[string, Actor, ReturnType<typeof token>, boolean]>([
    ['platform admin, other tenant', actor('platform_admin'), token('id-b', 'member'), true],
    [
      'platform admin, platform admin',
      actor('platform_admin'),
      token('id-b', 'platform_admin'),
      true,
    ],
    ['tenant admin, own member', actor('tenant_admin'), token('id-a', 'member'), true],
    ['tenant admin, own tenant admin', actor('tenant_admin'), token('id-a', 'tenant_admin'), true],
    ['tenant admin, other tenant', actor('tenant_admin'), token('id-b', 'member'), false],
    [
      'tenant admin, own platform admin',
      actor('tenant_admin'),
      token('id-a', 'platform_admin'),
      false,
    ],
    [
      'scoped admin, token in scope',
      actor('tenant_admin', { team: 'x' }),
      token('id-a', 'member', { team: 'x', product: 'p' }),
      true,
    ],
    [
      'scoped admin, other team',
      actor('tenant_admin', { team: 'x' }),
      token('id-a', 'member', { team: 'y' }),
      false,
    ],
    [
      'scoped admin, unscoped token',
      actor('tenant_admin', { team: 'x' }),
      token('id-a', 'member'),
      false,
    ],
    ['member, own token', actor('member'), token('id-a', 'member'), false],
  ])('%s -> %s', (_, who, managed, expected) => {
    expect(manages(who, managed)).toBe(expected);
  });
});
