import { randomUUID } from 'node:crypto';
import type { DecisionRecord } from '../modules/ledger/ledger-events.repository.js';

/** A valid decision as the ledger records it, changed by `overrides` (as usage() for reports). */
export function decisionRecord(
  tenantId: string,
  overrides: Partial<DecisionRecord> = {},
): DecisionRecord {
  return {
    decisionId: randomUUID(),
    tenantId,
    policy: { namespace: 'default', name: 'default' },
    rule: 'default',
    tier: 'small',
    model: { namespace: 'default', name: 'llama-3-1-8b-awq' },
    complexity: 'simple',
    cacheKind: 'none',
    tags: {},
    promptTokens: 10,
    createdAt: new Date('2026-11-02T10:00:00Z'),
    ...overrides,
  };
}
