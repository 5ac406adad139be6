import type { CacheKind, Tags } from '../ledger/ledger.types.js';
import type { Picos } from '../ledger/money.js';

/**
 * The finest grain the economics read from the ledger: one UTC hour of one tenant's usage of
 * one model, tier, cache kind, template, tag set (and policy, when asked for). Every figure is a
 * sum of these, so the same cells give the same answer before and after a rollup.
 */
export interface UsageCell {
  readonly hour: Date;
  readonly tenantId: string;
  /** "namespace/name" of the InferenceModel. */
  readonly model: string;
  readonly tier: string;
  readonly cacheKind: CacheKind;
  /** '' when the usage named no template. */
  readonly template: string;
  readonly tags: Tags;
  /** "namespace/name" of the RoutingPolicy; '' unless the policy dimension was asked for. */
  readonly policy: string;
  /**
   * Shadow calls (RoutingPolicy spec.shadow): model calls made to judge routing, not queries.
   * economics.proto counts them in model_calls and cost, never in queries, cache or routing.
   */
  readonly shadow: boolean;
  readonly requests: bigint;
  readonly failedRequests: bigint;
  /** Uncached input tokens (the ledger's convention; the wire adds cached ones back). */
  readonly inputTokens: bigint;
  readonly cachedInputTokens: bigint;
  readonly outputTokens: bigint;
  readonly costUsd: Picos;
  readonly baselineCostUsd: Picos;
  readonly baselineRequests: bigint;
  readonly noCacheCostUsd: Picos;
  /** Sum of the rows' latency_ms: request time, the busy measure of self-hosted GPU time. */
  readonly latencyMs: bigint;
  /**
   * Only when read for a GetSavings baseline_model: when the price of that model in effect at
   * these rows took effect (cells are split where it changed); undefined before its first price.
   */
  readonly baselinePriceFrom?: Date;
}

/** Where a model runs, as the economics see it: '' when the ledger has neither prices nor GPUs. */
export type Provider = 'vllm' | 'external' | '';

/** Context a cell's dimension values need beyond the cell itself. */
export interface CellContext {
  readonly providerOf: (model: string) => Provider;
}

export const isHit = (cell: Pick<UsageCell, 'cacheKind'>): boolean => cell.cacheKind !== 'none';

/** Tokens a model call made the model process: the weight self-hosted cost is spread by. */
export const servedTokens = (cell: UsageCell): bigint =>
  isHit(cell) ? 0n : cell.inputTokens + cell.cachedInputTokens + cell.outputTokens;
