import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ApiTokenSchema, TokenRole } from '@sluice/proto';
import { createTokenRequest, parseExpiry } from './tokens-request.js';
import { tokensTable, tokenTable } from './tokens-tables.js';

const NOW = new Date('2026-12-07T10:00:00Z');

describe('sluice tokens create flags', () => {
  it('sends the flags as a CreateTokenRequest', () => {
    expect(
      createTokenRequest('search-ci', {
        tenant: 'acme',
        role: 'tenant-admin',
        scope: ['team=search'],
        expires: '30d',
        monthlyBudget: '50',
      }),
    ).toEqual({
      name: 'search-ci',
      tenant: 'acme',
      role: TokenRole.TENANT_ADMIN,
      scope: { team: 'search' },
      expiry: { case: 'expiresIn', value: { seconds: 2_592_000n } },
      monthlyBudgetUsd: '50',
    });
  });

  it('leaves the tenant to the server (your own) and sends no expiry unless asked', () => {
    expect(createTokenRequest('x', { role: 'member', scope: [] })).toEqual({
      name: 'x',
      tenant: '',
      role: TokenRole.MEMBER,
      scope: {},
      monthlyBudgetUsd: '',
    });
  });

  it.each<[string, ReturnType<typeof parseExpiry>]>([
    ['90m', { case: 'expiresIn', value: { seconds: 5400n } }],
    ['12h', { case: 'expiresIn', value: { seconds: 43_200n } }],
    ['2w', { case: 'expiresIn', value: { seconds: 1_209_600n } }],
    [
      '2027-01-01T00:00:00Z',
      { case: 'expiresAt', value: timestampFromDate(new Date('2027-01-01T00:00:00Z')) },
    ],
  ])('--expires %s', (text, expiry) => {
    expect(parseExpiry(text, NOW)).toEqual(expiry);
  });

  it.each(['soon', '30', '-1d', 'now', '2027-01-01'])('refuses --expires %s', (text) => {
    expect(() => parseExpiry(text, NOW)).toThrow(/--expires/);
  });

  it('refuses a scope without a value', () => {
    expect(() => createTokenRequest('x', { role: 'member', scope: ['team'] })).toThrow(
      /--scope team: expected key=value/,
    );
  });
});

describe('sluice tokens tables', () => {
  const token = create(ApiTokenSchema, {
    id: 'id-1',
    tenant: 'acme',
    name: 'ci',
    prefix: 'sluice_Ab3dEf',
    role: TokenRole.MEMBER,
    scope: { team: 'x' },
    monthlyBudgetUsd: '12.5',
    createdAt: timestampFromDate(NOW),
    expiresAt: timestampFromDate(new Date('2026-12-01T00:00:00Z')),
    lastUsedAt: timestampFromDate(new Date('2026-11-30T08:15:42Z')),
  });

  it('lists a token per row, never a secret', () => {
    expect(tokensTable([token], NOW).rows).toEqual([
      [
        'id-1',
        'acme',
        'ci',
        'sluice_Ab3dEf',
        'member',
        'team=x',
        '$12.5',
        '2026-12-01 00:00Z',
        '2026-11-30 08:15Z',
        'expired',
      ],
    ]);
  });

  it.each<[string, object, string]>([
    ['active', { expiresAt: undefined }, 'active'],
    ['revoked', { revokedAt: timestampFromDate(NOW) }, 'revoked 2026-12-07 10:00Z'],
  ])('shows a %s token', (_, change, status) => {
    const row = tokensTable([{ ...token, ...change }], NOW).rows[0];
    expect(row?.at(-1)).toBe(status);
  });

  it('shows what a budgeted token spent this month once the API has read it', () => {
    const row = tokensTable([{ ...token, monthToDateSpendUsd: '3.2' }], NOW).rows[0];
    expect(row?.[6]).toBe('$3.2 of $12.5');
  });

  it('describes one token, an unscoped one as the whole tenant', () => {
    const rows = tokenTable({ ...token, scope: {}, monthlyBudgetUsd: '' }).rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        ['scope', '(tenant)'],
        ['budget/month', '(none)'],
        ['created by', '(server)'],
      ]),
    );
  });
});
