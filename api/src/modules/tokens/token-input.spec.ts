import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { CreateTokenRequestSchema, TokenRole } from '@sluice/proto';
import { SluiceError } from '../../grpc/sluice-error.js';
import { toTokenRequest } from './token-input.js';

const NOW = new Date('2026-12-07T10:00:00Z');
type Init = MessageInitShape<typeof CreateTokenRequestSchema>;
const request = (init: Init) => create(CreateTokenRequestSchema, { name: 'ci', ...init });

const violationsOf = (init: Init): string[] => {
  try {
    toTokenRequest(request(init), NOW);
    return [];
  } catch (error) {
    if (!(error instanceof SluiceError)) throw error;
    return error.violations.map((v) => v.field);
  }
};

describe('toTokenRequest', () => {
  it('reads a full request', () => {
    const parsed = toTokenRequest(
      request({
        tenant: 'acme',
        role: TokenRole.TENANT_ADMIN,
        scope: { team: 'x' },
        expiry: { case: 'expiresIn', value: { seconds: 3600n } },
        monthlyBudgetUsd: '12.5',
      }),
      NOW,
    );
    expect(parsed).toEqual({
      tenant: 'acme',
      name: 'ci',
      role: 'tenant_admin',
      scope: { team: 'x' },
      expiresAt: new Date('2026-12-07T11:00:00Z'),
      monthlyBudgetUsd: '12.5',
    });
  });

  it.each<[string, Init, string]>([
    ['unspecified role', {}, 'member'],
    ['member', { role: TokenRole.MEMBER }, 'member'],
    ['platform admin', { role: TokenRole.PLATFORM_ADMIN }, 'platform_admin'],
  ])('%s -> %s', (_, init, role) => {
    expect(toTokenRequest(request(init), NOW).role).toBe(role);
  });

  it('takes an expiry instant', () => {
    const at = { seconds: BigInt(NOW.getTime() / 1000 + 86_400), nanos: 0 };
    expect(
      toTokenRequest(request({ expiry: { case: 'expiresAt', value: at } }), NOW).expiresAt,
    ).toEqual(new Date('2026-12-08T10:00:00Z'));
  });

  it.each<[string, Init, string[]]>([
    ['tenant not a DNS label', { tenant: 'Team A' }, ['tenant']],
    ['tenant with a NUL', { tenant: 'a\u0000' }, ['tenant']],
    ['empty name', { name: '' }, ['name']],
    ['long name', { name: 'n'.repeat(129) }, ['name']],
    ['name with a newline', { name: 'a\nb' }, ['name']],
    ['unknown role', { role: 9 as TokenRole }, ['role']],
    ['bad scope key', { scope: { Team: 'x' } }, ['scope[Team]']],
    ['empty scope value', { scope: { team: '' } }, ['scope[team]']],
    ['zero lifetime', { expiry: { case: 'expiresIn', value: { seconds: 0n } } }, ['expires_in']],
    [
      'negative lifetime',
      { expiry: { case: 'expiresIn', value: { seconds: -5n } } },
      ['expires_in'],
    ],
    [
      '1000 years',
      { expiry: { case: 'expiresIn', value: { seconds: 31_600_000_000n } } },
      ['expires_in'],
    ],
    ['past instant', { expiry: { case: 'expiresAt', value: { seconds: 1n } } }, ['expires_at']],
    ['zero budget', { monthlyBudgetUsd: '0.000' }, ['monthly_budget_usd']],
    ['negative budget', { monthlyBudgetUsd: '-5' }, ['monthly_budget_usd']],
    ['float budget', { monthlyBudgetUsd: '1e3' }, ['monthly_budget_usd']],
    ['13 decimals', { monthlyBudgetUsd: '0.0000000000001' }, ['monthly_budget_usd']],
    ['27 digits', { monthlyBudgetUsd: '1'.repeat(27) }, ['monthly_budget_usd']],
    ['several', { name: '', monthlyBudgetUsd: 'x' }, ['name', 'monthly_budget_usd']],
  ])('%s is INVALID_ARGUMENT naming %j', (_, init, fields) => {
    expect(violationsOf(init)).toEqual(fields);
  });
});
