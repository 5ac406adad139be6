import type { QuantizationProfileSpec } from '@sluice/crds';
import { GPU_COMPUTE_CAPABILITY, GPU_MEMORY_MIB } from './gpu-catalog.js';
import { methodsFor, neededText, unsupportedQuantization } from './quantization-support.js';

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

  it('needs Marlin (Ampere) for 8-bit AWQ: vLLM exits on a T4', () => {
    expect(unsupportedQuantization('awq', 'nvidia-t4', 4)).toBeUndefined();
    const u = unsupportedQuantization('awq', 'nvidia-t4', 8);
    expect(u).toEqual({
      method: 'awq',
      weightBits: 8,
      gpuType: 'nvidia-t4',
      needed: 80,
      capability: 75,
    });
    expect(neededText(u!)).toBe("vLLM's 8-bit awq kernels need compute capability 8.0 or newer");
    expect(unsupportedQuantization('awq', 'nvidia-l4', 8)).toBeUndefined();
  });

  it('lists what a T4 can run instead', () => {
    expect(methodsFor('nvidia-t4')).toEqual(['awq', 'gptq', 'bitsandbytes']);
  });

  it('knows the capability of every GPU type whose memory it knows', () => {
    expect(Object.keys(GPU_COMPUTE_CAPABILITY).sort()).toEqual(Object.keys(GPU_MEMORY_MIB).sort());
  });
});
