import type { CapacityPoint } from './capacity-cost.js';
import type { ModelPrice, PricePoint } from './cost.js';
import { parseMicros } from './money.js';

/** A model_prices row as raw SQL returns it: numeric as decimal strings. */
export interface PriceSqlRow {
  readonly model_namespace: string;
  readonly model_name: string;
  readonly effective_from: Date;
  readonly provider: 'vllm' | 'external';
  readonly input_per_1m: string | null;
  readonly cached_input_per_1m: string | null;
  readonly output_per_1m: string | null;
  readonly gpu_hourly_usd: string | null;
}

export interface CapacitySqlRow {
  readonly observed_at: Date;
  readonly ready_replicas: number;
  readonly gpus_per_replica: number;
  readonly gpu_hourly_usd: string;
  readonly tier?: string;
  readonly max_concurrency?: number;
}

/** The CHECK model_prices_priced_check guarantees the fields each provider needs. */
export function toModelPrice(row: PriceSqlRow): ModelPrice {
  if (row.provider === 'vllm') {
    return { kind: 'capacity', gpuHourlyUSD: parseMicros(row.gpu_hourly_usd ?? '0') };
  }
  return {
    kind: 'token',
    price: {
      inputPer1M: parseMicros(row.input_per_1m ?? '0'),
      outputPer1M: parseMicros(row.output_per_1m ?? '0'),
      ...(row.cached_input_per_1m === null
        ? {}
        : { cachedInputPer1M: parseMicros(row.cached_input_per_1m) }),
    },
  };
}

export const toPricePoint = (row: PriceSqlRow): PricePoint => ({
  effectiveFrom: row.effective_from,
  price: toModelPrice(row),
});

export const toCapacityPoint = (row: CapacitySqlRow): CapacityPoint => ({
  observedAt: row.observed_at,
  readyReplicas: row.ready_replicas,
  gpusPerReplica: row.gpus_per_replica,
  gpuHourlyUSD: parseMicros(row.gpu_hourly_usd),
  tier: row.tier ?? '',
  maxConcurrency: row.max_concurrency ?? DEFAULT_MAX_CONCURRENCY,
});

/** The CRD's default spec.vllm.batching.maxNumSeqs, which is also vLLM's --max-num-seqs. */
export const DEFAULT_MAX_CONCURRENCY = 256;
