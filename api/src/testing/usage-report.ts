import { randomUUID } from 'node:crypto';
import type { UsageReport } from '../modules/ledger/ledger.types.js';

/** A fluent-enough builder: a valid report, changed by `overrides`. */
export function usage(tenantId: string, overrides: Partial<UsageReport> = {}): UsageReport {
  return {
    tenantId,
    idempotencyKey: randomUUID(),
    decisionId: randomUUID(),
    model: { namespace: 'ml', name: 'gpt-frontier' },
    tier: 'frontier',
    cacheKind: 'none',
    baselineModel: { namespace: 'ml', name: 'gpt-frontier' },
    inputTokens: 1000,
    cachedInputTokens: 0,
    outputTokens: 100,
    latencyMs: 120,
    status: 'ok',
    tags: { team: 'search' },
    occurredAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}
