// What the ledger must remember of one InferenceModel: the capacity the operator reports running
// (status) and the price its owner declared (spec.pricing). Pure, so the recorder only compares.
import { MONEY_BOUNDS_USD, type InferenceModel } from '@sluice/crds';
import type { ModelRef } from '../ledger/ledger.types.js';
import type { PriceSpec } from '../ledger/ledger.repository.js';
import { DEFAULT_MAX_CONCURRENCY } from '../ledger/price-rows.js';
import { priceProblems, withinBound } from './price-bounds.js';

/** A capacity_history row's state: what a self-hosted model costs per hour while it holds. */
export interface CapacityState {
  readonly readyReplicas: number;
  readonly gpusPerReplica: number;
  readonly gpuHourlyUSD: string;
  /** spec.tier: who owns the model's idle cost when no query named it (SPEC 4). */
  readonly tier: string;
  /** spec.vllm.batching.maxNumSeqs: the unit of utilization (requests a replica serves at once). */
  readonly maxConcurrency: number;
}

export const refOf = (model: InferenceModel): ModelRef => ({
  namespace: model.metadata?.namespace ?? 'default',
  name: model.metadata?.name ?? '',
});

export const keyOf = (ref: ModelRef): string => `${ref.namespace}/${ref.name}`;

/**
 * Self-hosted models only (external ones are paid per token). Status is what the operator saw
 * running; before it publishes anything, nothing runs: zero replicas, not the spec's wishes. A GPU
 * price past the CRD's bound (price-bounds.ts) gives way to `accepted`, the last one recorded;
 * without one the capacity is not recorded at all (undefined).
 */
export function capacityOf(model: InferenceModel, accepted?: string): CapacityState | undefined {
  if (model.spec?.provider !== 'vllm') return undefined;
  const status = model.status ?? {};
  const gpuHourlyUSD = boundedGpuPrice(model, accepted);
  if (gpuHourlyUSD === undefined) return undefined;
  return {
    readyReplicas: status.readyReplicas ?? 0,
    gpusPerReplica: status.gpusPerReplica ?? 0,
    gpuHourlyUSD,
    ...specFacts(model),
  };
}

/** What the allocation reads from the spec: idle's owner and the unit of utilization. */
const specFacts = (model: InferenceModel): Pick<CapacityState, 'tier' | 'maxConcurrency'> => ({
  tier: model.spec?.tier ?? '',
  maxConcurrency: model.spec?.vllm?.batching?.maxNumSeqs ?? DEFAULT_MAX_CONCURRENCY,
});

/** The GPU price in effect (status, else spec, else 0), or `accepted` when it is past its bound. */
function boundedGpuPrice(model: InferenceModel, accepted: string | undefined): string | undefined {
  const declared = model.status?.gpuHourlyUSD ?? model.spec?.pricing?.gpuHourlyUSD ?? '0';
  return withinBound(declared, MONEY_BOUNDS_USD.gpuHourlyUSD) ? declared : accepted;
}

/**
 * When the object was created. An object cannot have run before it existed, so ledger rows of
 * its name from before then belong to an earlier object of that name (deleted unseen).
 */
export function createdAtOf(model: InferenceModel): Date | undefined {
  const stamp: unknown = model.metadata?.creationTimestamp;
  const ms = stamp instanceof Date ? stamp.getTime() : Date.parse(String(stamp));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * The declared price, or undefined when the spec lacks what its provider is billed by or holds a
 * price past the CRD's bound (the price recorded before stands).
 */
export function priceOf(model: InferenceModel): PriceSpec | undefined {
  if (priceProblems(model).some((p) => p.field.startsWith('spec.'))) return undefined;
  return declaredPrice(model);
}

function declaredPrice(model: InferenceModel): PriceSpec | undefined {
  const spec = model.spec;
  const pricing = spec?.pricing ?? {};
  if (spec?.provider === 'vllm') {
    const gpuHourlyUSD = pricing.gpuHourlyUSD;
    return gpuHourlyUSD === undefined ? undefined : { provider: 'vllm', gpuHourlyUSD };
  }
  const { inputPer1M, outputPer1M, cachedInputPer1M } = pricing;
  if (spec === undefined || inputPer1M === undefined || outputPer1M === undefined) return undefined;
  const cached = cachedInputPer1M === undefined ? {} : { cachedInputPer1M };
  return { provider: 'external', inputPer1M, outputPer1M, ...cached };
}

/** Equal states give equal fingerprints (decimals compared as written; SQL compares numerically). */
export const fingerprint = (value: CapacityState | PriceSpec): string =>
  JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
