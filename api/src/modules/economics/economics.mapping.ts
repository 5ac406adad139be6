import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  CostBreakdownSchema,
  GroupValueSchema,
  ResourceRefSchema,
  UsageCountsSchema,
} from '@sluice/proto';
import type { Breakdown } from './row-math.js';
import type { GroupSums } from './group-sums.js';
import { usd } from './wire-money.js';
import { wireInt64 } from './wire-int64.js';

/** Domain -> wire for the shapes every Economics response shares. */
export const groupValues = (
  groupBy: readonly string[],
  values: readonly string[],
): Array<MessageInitShape<typeof GroupValueSchema>> =>
  groupBy.map((dimension, index) => ({ dimension, value: values[index] ?? '' }));

/** The wire counts input tokens with cached ones (ADR 0004); the ledger keeps them apart. */
export const usageCounts = (sums: GroupSums): MessageInitShape<typeof UsageCountsSchema> => ({
  queries: wireInt64(sums.requests),
  modelCalls: wireInt64(sums.modelCalls),
  cacheHits: wireInt64(sums.exactHits + sums.semanticHits),
  failedCalls: wireInt64(sums.failed),
  inputTokens: wireInt64(sums.tokens.input + sums.tokens.cached),
  cachedInputTokens: wireInt64(sums.tokens.cached),
  outputTokens: wireInt64(sums.tokens.output),
});

export const costBreakdown = (b: Breakdown): MessageInitShape<typeof CostBreakdownSchema> => ({
  totalUsd: usd(b.total),
  externalUsd: usd(b.external),
  selfHostedUsd: usd(b.selfHosted),
  idleUsd: usd(b.idle),
  usedUsd: usd(b.used),
  sharedIdleUsd: usd(b.sharedIdle),
  inputUsd: usd(b.input),
  cachedInputUsd: usd(b.cached),
  outputUsd: usd(b.output),
});

/** "namespace/name" -> ResourceRef (names never contain "/", namespaces neither). */
export function resourceRef(key: string): MessageInitShape<typeof ResourceRefSchema> {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The first `limit` rows and whether any were left out. */
export const limited = <T>(
  rows: readonly T[],
  limit: number,
): { rows: T[]; truncated: boolean } => ({
  rows: rows.slice(0, limit),
  truncated: rows.length > limit,
});
