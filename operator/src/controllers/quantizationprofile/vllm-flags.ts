// The vLLM flags a profile resolves to, for the status message. They come from the
// InferenceModel's own vllm-args.ts (one source of truth), evaluated for every GPU type the
// catalog knows, because awq/gptq pick their Marlin kernels only on Ampere and newer.
import type { QuantizationProfileSpec } from '@sluice/crds';
import { GPU_MEMORY_MIB } from '../inferencemodel/sizing/gpu-catalog.js';
import { quantizationArgs } from '../inferencemodel/desired/vllm-args.js';

export interface ResolvedFlags {
  /** The flags on most GPU types (all of them, usually). */
  common: string[];
  /** GPU types whose flags differ from `common`, with theirs. */
  exceptions: Array<{ gpuTypes: string[]; flags: string[] }>;
}

export function resolveFlags(spec: QuantizationProfileSpec): ResolvedFlags {
  const byFlags = new Map<string, { gpuTypes: string[]; flags: string[] }>();
  for (const gpu of Object.keys(GPU_MEMORY_MIB)) {
    const flags = quantizationArgs(spec, gpu);
    const key = flags.join(' ');
    const entry = byFlags.get(key) ?? { gpuTypes: [], flags };
    entry.gpuTypes.push(gpu);
    byFlags.set(key, entry);
  }
  const groups = [...byFlags.values()].sort((a, b) => b.gpuTypes.length - a.gpuTypes.length);
  const [first, ...rest] = groups;
  return { common: first?.flags ?? quantizationArgs(spec, ''), exceptions: rest };
}

/** "--quantization awq_marlin --kv-cache-dtype fp8 (nvidia-t4: --quantization awq ...)". */
export function describeFlags(flags: ResolvedFlags): string {
  const shown = (f: string[]): string => (f.length > 0 ? f.join(' ') : 'none');
  const exceptions = flags.exceptions.map((e) => `${e.gpuTypes.join(', ')}: ${shown(e.flags)}`);
  const suffix = exceptions.length > 0 ? ` (on ${exceptions.join('; ')})` : '';
  return `${shown(flags.common)}${suffix}`;
}
