import type { UsageReport } from './ledger.types.js';
import { usageViolations } from './validate-usage.js';

const valid: UsageReport = {
  tenantId: '6f1c1d7e-9a55-4b7e-8a3e-2f4a1d0c9b11',
  idempotencyKey: 'req-1',
  decisionId: '0b7e4a52-3c1d-4e8f-9a6b-5d2c1e0f7a33',
  model: { namespace: 'ml', name: 'llama-8b' },
  tier: 'small',
  cacheKind: 'none',
  inputTokens: 120,
  cachedInputTokens: 0,
  outputTokens: 40,
  latencyMs: 250,
  status: 'ok',
  tags: { team: 'search' },
  occurredAt: '2026-11-01T10:00:00.123Z',
};

const fields = (report: UsageReport) => usageViolations(report).map((v) => v.field);

describe('usageViolations', () => {
  it('accepts a valid report', () => {
    expect(usageViolations(valid)).toEqual([]);
  });

  it.each<[string, Partial<UsageReport>]>([
    ['tenantId', { tenantId: 'team-a' }],
    ['idempotencyKey', { idempotencyKey: '' }],
    ['idempotencyKey', { idempotencyKey: 'k'.repeat(201) }],
    ['decisionId', { decisionId: '42' }],
    ['model.name', { model: { namespace: 'ml', name: '' } }],
    ['cacheKind', { cacheKind: 'prefix' as never }],
    ['status', { status: 'OK' as never }],
    ['inputTokens', { inputTokens: -1 }],
    ['cachedInputTokens', { cachedInputTokens: 1.5 }],
    ['outputTokens', { outputTokens: 2 ** 53 }],
    ['latencyMs', { latencyMs: 86_400_001 }],
    ['occurredAt', { occurredAt: '2026-11-01 10:00:00' }],
    ['occurredAt', { occurredAt: '2026-11-01T10:00:00' }],
    ['report', { tags: { team: 'a\u0000' } }],
    ['report', { template: 't\u0000' }],
    ['occurredAt', { occurredAt: '2026-13-45T10:00:00Z' }],
    ['tags', { tags: { team: 7 } as never }],
    ['tags', { tags: ['team'] as never }],
    ['shadow', { shadow: 'yes' as never }],
  ])('names %s when it is wrong (%p)', (field, change) => {
    expect(fields({ ...valid, ...change })).toEqual([field]);
  });

  it.each([[true], [false]])('accepts shadow %p', (shadow) => {
    expect(usageViolations({ ...valid, shadow })).toEqual([]);
  });

  it('reports every wrong field at once', () => {
    expect(fields({ ...valid, tenantId: 'x', outputTokens: -5, status: 'bad' as never })).toEqual([
      'tenantId',
      'status',
      'outputTokens',
    ]);
  });

  it.each([['2026-11-01T10:00Z'], ['2026-11-01T10:00:00+02:00'], ['2026-11-01T10:00:00.123456Z']])(
    'accepts the instant %p',
    (occurredAt) => {
      expect(usageViolations({ ...valid, occurredAt })).toEqual([]);
    },
  );
});
