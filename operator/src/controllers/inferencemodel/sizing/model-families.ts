// Shapes of well-known open model families, so the memory estimate works without
// spec.vllm.architecture. Figures are from each model's config.json on Hugging Face
// (num_hidden_layers, num_key_value_heads, head_dim or hidden_size / num_attention_heads,
// max_position_embeddings); parameter counts from the model cards.
import type { InferenceModelSpec } from '@sluice/crds';

type VllmSpec = NonNullable<InferenceModelSpec['vllm']>;

export interface Architecture {
  /** Parameters in millions (integer), parsed from a decimal string of billions. */
  paramsM: number;
  numLayers: number;
  numKVHeads: number;
  headDim: number;
  /** Context the model supports, used when batching.maxModelLen is not set. */
  maxContext?: number;
}

interface Family extends Architecture {
  name: string;
  pattern: RegExp;
  maxContext: number;
}

// Matched against the lower-cased model id; first match wins, so specific patterns come first.
export const MODEL_FAMILIES: readonly Family[] = [
  fam('llama-3-70b', /llama-?3(\.\d)?-70b/, 70554, 80, 8, 128, 131072),
  fam('llama-3-8b', /llama-?3(\.\d)?-8b/, 8030, 32, 8, 128, 131072),
  fam('qwen2.5-72b', /qwen2\.5-72b/, 72706, 80, 8, 128, 32768),
  fam('qwen2.5-32b', /qwen2\.5-32b/, 32764, 64, 8, 128, 32768),
  fam('qwen2.5-7b', /qwen2\.5-7b/, 7616, 28, 4, 128, 32768),
  fam('mixtral-8x7b', /mixtral-8x7b/, 46703, 32, 8, 128, 32768),
  fam('mistral-7b', /mistral-7b/, 7248, 32, 8, 128, 32768),
  fam('gemma-2-27b', /gemma-2-27b/, 27227, 46, 16, 128, 8192),
  fam('gemma-2-9b', /gemma-2-9b/, 9242, 42, 8, 256, 8192),
  fam('phi-3-mini', /phi-3(\.5)?-mini/, 3821, 32, 32, 96, 131072),
];

export type ArchitectureSource = 'spec' | `known-family:${string}` | 'unknown';

export interface ResolvedArchitecture {
  arch?: Architecture;
  source: ArchitectureSource;
}

/**
 * The model's shape: spec.vllm.architecture when complete; otherwise a known family matched from
 * the model id (spec fields that are set still win); otherwise unknown.
 */
export function architectureFor(vllm: VllmSpec): ResolvedArchitecture {
  const fromSpec = specArchitecture(vllm.architecture);
  if (fromSpec) return { arch: fromSpec, source: 'spec' };
  const id = vllm.model.toLowerCase();
  const family = MODEL_FAMILIES.find((f) => f.pattern.test(id));
  if (!family) return { source: 'unknown' };
  const partial = vllm.architecture ?? {};
  const arch: Architecture = {
    paramsM: partial.parameterCountB ? parseBillions(partial.parameterCountB) : family.paramsM,
    numLayers: partial.numLayers ?? family.numLayers,
    numKVHeads: partial.numKVHeads ?? family.numKVHeads,
    headDim: partial.headDim ?? family.headDim,
    maxContext: family.maxContext,
  };
  return { arch, source: `known-family:${family.name}` };
}

function specArchitecture(a: VllmSpec['architecture']): Architecture | undefined {
  if (!a?.parameterCountB || !a.numLayers || !a.numKVHeads || !a.headDim) return undefined;
  const paramsM = parseBillions(a.parameterCountB);
  return { paramsM, numLayers: a.numLayers, numKVHeads: a.numKVHeads, headDim: a.headDim };
}

/** "8.03" -> 8030 (millions), without float parsing (the CRD allows 3 decimals). */
export function parseBillions(decimal: string): number {
  const [whole = '0', frac = ''] = decimal.split('.');
  return Number(whole) * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
}

function fam(
  name: string,
  pattern: RegExp,
  paramsM: number,
  ...shape: [numLayers: number, numKVHeads: number, headDim: number, maxContext: number]
): Family {
  const [numLayers, numKVHeads, headDim, maxContext] = shape;
  return { name, pattern, paramsM, numLayers, numKVHeads, headDim, maxContext };
}
