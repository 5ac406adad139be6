import type { QuantizationProfileSpec } from '@sluice/crds';
import { GPU_COMPUTE_CAPABILITY, GPU_MEMORY_MIB } from './gpu-catalog.js';
import { methodsFor, unsupportedQuantization } from './quantization-support.js';

type Method = QuantizationProfileSpec['method'];

describe('unsupportedQuantization', () => {
  it.each<[Method, string, boolean]>([
    ['fp8', 'nvidia-t4', false],
    ['fp8', 'nvidia-a100-40gb', true],
    ['fp8', 'nvidia-l4', true],
    ['awq', 'nvidia-t4', true],
    ['gptq', 'nvidia-t4', true],
    ['bitsandbytes', 'nvidia-t4', true],
    ['none', 'nvidia-t4', true],
    ['fp8', 'amd-mi300x', true], // unknown capability: vLLM's own check decides
  ])('%s on %s runs: %s', (method, gpu, runs) => {
    expect(unsupportedQuantization(method, gpu) === undefined).toBe(runs);
  });

  it('says what the GPU has and what the method needs', () => {
    expect(unsupportedQuantization('fp8', 'nvidia-t4')).toEqual({
      method: 'fp8',
      gpuType: 'nvidia-t4',
      needed: 80,
      capability: 75,
    });
  });

  it('lists what a T4 can run instead', () => {
    expect(methodsFor('nvidia-t4')).toEqual(['awq', 'gptq', 'bitsandbytes']);
  });

  it('knows the capability of every GPU type whose memory it knows', () => {
    expect(Object.keys(GPU_COMPUTE_CAPABILITY).sort()).toEqual(Object.keys(GPU_MEMORY_MIB).sort());
  });
});
