import { checkFit } from '../plan/fit-check.js';
import { estimateMemory, gib, MIN_FULL_SEQUENCES, type EstimateInput } from './memory-estimate.js';
import { resolveVllm } from '../plan/resolved-spec.js';
import { aModel, aProfile, type ModelBuilder } from '../testing/model-builder.js';

const llama8b = { paramsM: 8030, numLayers: 32, numKVHeads: 8, headDim: 128 };
const base: EstimateInput = {
  arch: llama8b,
  source: 'spec',
  weightBits: 16,
  kvCacheBytes: 2,
  tensorParallelSize: 1,
  maxModelLen: 8192,
  maxNumSeqs: 256,
  gpuType: 'nvidia-l4',
  gpuMemoryMiB: 23034,
  gpuMemoryUtilization: 0.9,
};

function fit(b: ModelBuilder, profile?: string) {
  const m = b.obj();
  const v = resolveVllm(m.metadata?.name ?? '', m.spec!.vllm!);
  return checkFit(v, profile ? aProfile(profile).spec : undefined);
}

describe('estimateMemory', () => {
  it('computes weights as params x bits / 8 and KV as 2 x layers x kvHeads x headDim x bytes', () => {
    const e = estimateMemory(base);
    expect(e.weightsMiB).toBeCloseTo((8030e6 * 2) / 2 ** 20, 3);
    // 128 KiB per token at 16 bits x 8192 tokens x MIN_FULL_SEQUENCES sequences.
    expect(e.kvCacheMiB).toBe((131072 * 8192 * MIN_FULL_SEQUENCES) / 2 ** 20);
    expect(e.budgetMiB).toBeCloseTo(23034 * 0.9, 6);
  });

  it.each([
    ['tensorParallelSize 2 halves weights and KV per GPU', { tensorParallelSize: 2 }, 0.5, 0.5],
    ['fp8 KV cache halves the KV cache only', { kvCacheBytes: 1 as const }, 1, 0.5],
    ['4-bit weights quarter the weights only', { weightBits: 4 as const }, 0.25, 1],
    ['maxModelLen 4096 halves the KV cache', { maxModelLen: 4096 }, 1, 0.5],
    ['maxNumSeqs below the minimum lowers the KV cache', { maxNumSeqs: 2 }, 1, 0.5],
  ])('%s', (_name, change, weightsRatio, kvRatio) => {
    const before = estimateMemory(base);
    const after = estimateMemory({ ...base, ...change });
    expect(after.weightsMiB / before.weightsMiB).toBeCloseTo(weightsRatio, 6);
    expect(after.kvCacheMiB / before.kvCacheMiB).toBeCloseTo(kvRatio, 6);
  });

  it('says what is needed and what is available, in GiB with one decimal', () => {
    const e = estimateMemory({
      ...base,
      arch: { ...llama8b, paramsM: 70554 },
      source: 'known-family:llama-3-70b',
    });
    expect(e.fits).toBe(false);
    expect(e.message).toBe(
      'needs 143.5 GiB per GPU (weights 131.4 + KV cache 4.0 for 4 x 8192 tokens + overhead 8.1) ' +
        'but 20.2 GiB usable on nvidia-l4 (22.5 GiB x gpuMemoryUtilization 0.9) with ' +
        'tensorParallelSize 1; architecture from known-family:llama-3-70b',
    );
  });

  it.each([
    [0, '0.0'],
    [1024, '1.0'],
    [1536, '1.5'],
    [20730.6, '20.2'],
  ])('gib(%d MiB) is %s', (mib, text) => expect(gib(mib)).toBe(text));
});

describe('checkFit: model x profile x GPU', () => {
  it.each<[string, ModelBuilder, string | undefined, 'True' | 'False' | 'Unknown']>([
    ['8B AWQ int4 on one L4', aModel('llama-awq').maxModelLen(8192), 'awq-int4', 'True'],
    ['8B fp16 on one L4 at 4096 tokens', aModel('llama').maxModelLen(4096), undefined, 'True'],
    ['8B fp16 on one T4', aModel('llama').gpuType('nvidia-t4').maxModelLen(4096), 'none', 'False'],
    ['70B fp16 on one L4', aModel('llama-70b').maxModelLen(8192), undefined, 'False'],
    ['70B AWQ int4 on one L4', aModel('llama-70b').maxModelLen(8192), 'awq-int4', 'False'],
    [
      '70B AWQ int4 on 2 A100 80GB TP 2',
      aModel('llama-70b').gpuType('nvidia-a100-80gb').gpus(2).tp(2).maxModelLen(8192),
      'awq-int4',
      'True',
    ],
    [
      '70B fp8 on 2 H100 TP 2',
      aModel('llama-70b').gpuType('nvidia-h100-80gb').gpus(2).tp(2).maxModelLen(8192),
      'fp8',
      'True',
    ],
    [
      'Qwen 32B fp8 on 2 L40S TP 2',
      aModel('qwen-32b').gpuType('nvidia-l40s').gpus(2).tp(2).maxModelLen(32768),
      'fp8',
      'True',
    ],
    [
      'a GPU type of our own with memoryGiB',
      aModel('llama-awq').gpuType('acme-x1').gpuMemoryGiB(16).maxModelLen(8192),
      'awq-int4',
      'True',
    ],
    [
      'an unknown model without architecture',
      aModel('acme/secret-model').maxModelLen(8192),
      'awq-int4',
      'Unknown',
    ],
  ])('%s -> FitsGPU %s', (_name, builder, profile, expected) => {
    expect(fit(builder, profile).condition.status).toBe(expected);
  });

  it('blocks 70B fp16 on one L4 with InsufficientGPUMemory and the numbers', () => {
    const result = fit(aModel('llama-70b').maxModelLen(8192));
    expect(result.blocked?.reason).toBe('InsufficientGPUMemory');
    expect(result.blocked?.message).toMatch(
      /needs 149\.5 GiB per GPU \(weights 131\.4 \+ KV cache 10\.0 for 4 x 8192 tokens \+ overhead 8\.1\)/,
    );
    expect(result.blocked?.message).toContain('but 20.2 GiB usable on nvidia-l4');
    expect(result.blocked?.message).toContain('architecture from known-family:llama-3-70b');
  });

  it('reports weights plus KV cache of all GPUs of a replica in MiB', () => {
    const one = fit(
      aModel('qwen-32b').gpuType('nvidia-l40s').gpus(2).tp(2).maxModelLen(8192),
      'fp8',
    );
    const e = one.estimate!;
    expect(one.estimatedMiBPerReplica).toBe(Math.ceil((e.weightsMiB + e.kvCacheMiB) * 2));
  });

  it('uses the family context length when maxModelLen is not set', () => {
    const result = fit(aModel('llama-awq'), 'awq-int4');
    expect(result.condition.message).toContain('for 4 x 131072 tokens');
  });
});
