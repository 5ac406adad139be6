// Does one replica fit its GPUs? A conservative, explainable estimate per GPU, in MiB.
//
// How vLLM uses memory (https://docs.vllm.ai/en/latest/models/engine_args.html,
// --gpu-memory-utilization; start-up log in vllm-project/vllm#12330: "total_gpu_memory x
// gpu_memory_utilization = budget; model weights take W; non_torch_memory N; activation peak A;
// the rest of the memory reserved for KV Cache"): weights are sharded over the tensor-parallel
// ranks, a profiling pass and CUDA graphs take activation/runtime memory, and the rest of
// memory x gpuMemoryUtilization becomes KV-cache blocks. vLLM refuses to start when one
// maxModelLen-long sequence does not fit in that KV cache.
//
// Our rule (per GPU, tensor-parallel size TP):
//   weights  = params x weightBits / 8 / TP
//   kvToken  = 2 (K and V) x layers x kvHeads x headDim x bytes(kvDtype) / TP
//   kvCache  = kvToken x maxModelLen x min(maxNumSeqs, MIN_FULL_SEQUENCES)
//   overhead = RUNTIME_OVERHEAD_MIB + 5% of weights (activation peak, CUDA graphs, NCCL, allocator)
//   fits when weights + kvCache + overhead <= memory x gpuMemoryUtilization
// Requiring MIN_FULL_SEQUENCES full-length sequences (not maxNumSeqs of them, which vLLM never
// reserves up front) keeps us stricter than vLLM's own start-up check without rejecting the
// usual configurations; a replica that holds fewer would start but batch too little to pay for
// its GPU.
import type { Architecture, ArchitectureSource } from './model-families.js';

export const MIN_FULL_SEQUENCES = 4;
export const RUNTIME_OVERHEAD_MIB = 1536;
const MIB = 1024 * 1024;

export interface EstimateInput {
  arch: Architecture;
  source: ArchitectureSource;
  weightBits: 4 | 8 | 16;
  kvCacheBytes: 1 | 2;
  tensorParallelSize: number;
  maxModelLen: number;
  maxNumSeqs: number;
  gpuType: string;
  gpuMemoryMiB: number;
  gpuMemoryUtilization: number;
}

export interface MemoryEstimate {
  fits: boolean;
  weightsMiB: number;
  kvCacheMiB: number;
  overheadMiB: number;
  /** weights + kvCache + overhead, per GPU. */
  neededMiB: number;
  /** gpuMemoryMiB x gpuMemoryUtilization. */
  budgetMiB: number;
  /** A sentence with the numbers, for condition messages. */
  message: string;
}

export function estimateMemory(i: EstimateInput): MemoryEstimate {
  const tp = i.tensorParallelSize;
  const weightsMiB = (i.arch.paramsM * 1e6 * i.weightBits) / 8 / tp / MIB;
  const kvTokenBytes =
    (2 * i.arch.numLayers * i.arch.numKVHeads * i.arch.headDim * i.kvCacheBytes) / tp;
  const sequences = Math.min(i.maxNumSeqs, MIN_FULL_SEQUENCES);
  const kvCacheMiB = (kvTokenBytes * i.maxModelLen * sequences) / MIB;
  const overheadMiB = RUNTIME_OVERHEAD_MIB + 0.05 * weightsMiB;
  const neededMiB = weightsMiB + kvCacheMiB + overheadMiB;
  const budgetMiB = i.gpuMemoryMiB * i.gpuMemoryUtilization;
  const fits = neededMiB <= budgetMiB;
  const verdict = fits ? 'fits in' : 'but';
  const message =
    `needs ${gib(neededMiB)} GiB per GPU (weights ${gib(weightsMiB)} + KV cache ${gib(kvCacheMiB)} ` +
    `for ${sequences} x ${i.maxModelLen} tokens + overhead ${gib(overheadMiB)}) ${verdict} ` +
    `${gib(budgetMiB)} GiB usable on ${i.gpuType} (${gib(i.gpuMemoryMiB)} GiB x ` +
    `gpuMemoryUtilization ${i.gpuMemoryUtilization}) with tensorParallelSize ${tp}; ` +
    `architecture from ${i.source}`;
  return { fits, weightsMiB, kvCacheMiB, overheadMiB, neededMiB, budgetMiB, message };
}

/** MiB as GiB with one decimal, for people. */
export function gib(mib: number): string {
  return (mib / 1024).toFixed(1);
}
