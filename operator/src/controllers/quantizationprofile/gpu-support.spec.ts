import { unsupportedGpus } from './gpu-support.js';
import { model, profile } from './testing/fixtures.js';

describe('unsupportedGpus', () => {
  it.each([
    ['fp8 on Ada', profile('fp8', 8), [model('a', 'p', 'nvidia-l4')], undefined],
    [
      'fp8 on Ampere (W8A16 Marlin)',
      profile('fp8', 8),
      [model('a', 'p', 'nvidia-a100-80gb')],
      undefined,
    ],
    ['awq on a T4', profile('awq', 4), [model('a', 'p', 'nvidia-t4')], undefined],
    ['none on a T4', profile('none', 16), [model('a', 'p', 'nvidia-t4')], undefined],
    ['no models', profile('fp8', 8), [], undefined],
    ['a GPU type it does not know', profile('fp8', 8), [model('a', 'p', 'amd-mi300x')], undefined],
    [
      'fp8 on a T4',
      profile('fp8', 8),
      [model('a', 'p', 'nvidia-l4'), model('b', 'p', 'nvidia-t4')],
      "vLLM's fp8 kernels need compute capability 8.0 or newer, which these InferenceModels' " +
        'GPUs lack: b (nvidia-t4, 7.5); use another method or GPU type. Those models are not ' +
        'Ready (QuantizationUnsupportedOnGPU) and are not rolled out with this profile.',
    ],
  ])('%s', (_, p, models, expected) => {
    expect(unsupportedGpus(p.spec!, models)).toBe(expected);
  });
});
