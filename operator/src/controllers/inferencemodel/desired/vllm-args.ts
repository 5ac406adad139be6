// The vLLM OpenAI-compatible server's arguments, in a fixed order so equal specs give equal
// Deployments (https://docs.vllm.ai/en/latest/models/engine_args.html). extraArgs come last, so
// argparse lets them override anything above.
import type { QuantizationProfileSpec } from '@sluice/crds';
import { GPU_COMPUTE_CAPABILITY } from '../sizing/gpu-catalog.js';
import { locate, type Location } from './model-source.js';
import type { ResolvedVllm } from '../plan/resolved-spec.js';

export const VLLM_PORT = 8000;

/** Marlin kernels need Ampere (8.0); older GPUs run awq/gptq on their plain kernels. */
const MARLIN_MIN_CAPABILITY = 80;

/** Unknown GPU types (set with spec.gpu.memoryGiB) are taken to be recent ones. */
const hasMarlin = (gpu: string): boolean =>
  (GPU_COMPUTE_CAPABILITY[gpu] ?? MARLIN_MIN_CAPABILITY) >= MARLIN_MIN_CAPABILITY;

/** An adapter to serve besides spec.vllm.lora.adapters (a finished fine-tune). */
export interface ExtraAdapter {
  name: string;
  source: string;
}

export function vllmArgs(
  v: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
  adapters: readonly ExtraAdapter[] = [],
): string[] {
  return [
    ...sourceArgs(v.spec.model, profile),
    ...['--served-model-name', v.servedModelName, '--port', String(VLLM_PORT)],
    ...parallelArgs(v),
    ...quantizationArgs(profile, v.spec.gpu.type),
    ...batchingArgs(v),
    ...loraArgs(v, adapters),
    ...(v.spec.extraArgs ?? []),
  ];
}

/**
 * s3:// weights stream with Run:ai's loader (no copy on disk, vLLM reads them with the pod's
 * identity), except for bitsandbytes, whose own load format cannot stream. gs:// is fetched too:
 * the pinned vLLM (0.10) hands the streamer s3:// URIs only (GCS came in later releases).
 */
export function streamed(model: string, profile: QuantizationProfileSpec | undefined): boolean {
  return model.startsWith('s3://') && profile?.method !== 'bitsandbytes';
}

function sourceArgs(model: string, profile: QuantizationProfileSpec | undefined): string[] {
  if (streamed(model, profile)) return ['--model', model, '--load-format', 'runai_streamer'];
  return ['--model', locate(model).local];
}

/** The sources the pod must make local (source-storage.ts): the weights, unless streamed, and adapters. */
export function servedLocations(
  v: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
  extra: readonly ExtraAdapter[] = [],
): Location[] {
  const adapters = servedAdapters(v, extra).map((a) => locate(a.source));
  return streamed(v.spec.model, profile) ? adapters : [locate(v.spec.model), ...adapters];
}

/** TP shards one copy; GPUs beyond it run more copies in the pod (data parallel). */
function parallelArgs(v: ResolvedVllm): string[] {
  const args = ['--tensor-parallel-size', String(v.tensorParallelSize)];
  const copies = Math.floor(v.gpuCount / v.tensorParallelSize);
  return copies > 1 ? [...args, '--data-parallel-size', String(copies)] : args;
}

export function quantizationArgs(
  profile: QuantizationProfileSpec | undefined,
  gpuType: string,
): string[] {
  const kv = profile?.kvCacheDtype;
  const kvArgs = kv && kv !== 'auto' ? ['--kv-cache-dtype', kv] : [];
  return [...methodArgs(profile?.method, gpuType), ...kvArgs];
}

function methodArgs(method: QuantizationProfileSpec['method'] | undefined, gpu: string): string[] {
  const marlin = hasMarlin(gpu);
  switch (method) {
    case 'awq':
      return ['--quantization', marlin ? 'awq_marlin' : 'awq'];
    case 'gptq':
      return ['--quantization', marlin ? 'gptq_marlin' : 'gptq'];
    case 'fp8':
      return ['--quantization', 'fp8'];
    case 'bitsandbytes':
      return ['--quantization', 'bitsandbytes', '--load-format', 'bitsandbytes'];
    default:
      return [];
  }
}

function batchingArgs(v: ResolvedVllm): string[] {
  const b = v.batching;
  const args = ['--max-num-seqs', String(b.maxNumSeqs)];
  if (b.maxNumBatchedTokens !== undefined) {
    args.push('--max-num-batched-tokens', String(b.maxNumBatchedTokens));
  }
  args.push(b.enablePrefixCaching ? '--enable-prefix-caching' : '--no-enable-prefix-caching');
  // V1 always chunks; the CRD refuses false, and an older object's false would be ignored anyway.
  args.push('--enable-chunked-prefill');
  args.push('--gpu-memory-utilization', String(b.gpuMemoryUtilization));
  if (b.maxModelLen !== undefined) args.push('--max-model-len', String(b.maxModelLen));
  return args;
}

/** spec.vllm.lora.adapters, then the finished fine-tune; none unless LoRA is enabled. */
function servedAdapters(v: ResolvedVllm, extra: readonly ExtraAdapter[]): ExtraAdapter[] {
  return v.spec.lora?.enabled ? [...(v.spec.lora.adapters ?? []), ...extra] : [];
}

/** --lora-modules name=<local path or Hugging Face id>: vLLM cannot read an object-store URI. */
function loraArgs(v: ResolvedVllm, extra: readonly ExtraAdapter[]): string[] {
  const lora = v.spec.lora;
  if (!lora?.enabled) return [];
  const args = ['--enable-lora', '--max-loras', String(lora.maxLoras ?? 4)];
  args.push('--max-lora-rank', String(lora.maxLoraRank ?? 16));
  const adapters = servedAdapters(v, extra);
  if (adapters.length === 0) return args;
  const modules = adapters.map((a) => `${a.name}=${locate(a.source).local}`);
  return [...args, '--lora-modules', ...modules];
}
