import { describeFlags, resolveFlags } from './vllm-flags.js';
import { profile } from './testing/fixtures.js';

const specOf = (...args: Parameters<typeof profile>) => profile(...args).spec!;

describe('resolveFlags and describeFlags', () => {
  it.each([
    [
      specOf('awq', 4, 'fp8'),
      '--quantization awq_marlin --kv-cache-dtype fp8 (on nvidia-t4: --quantization awq --kv-cache-dtype fp8)',
    ],
    [specOf('gptq', 8), '--quantization gptq_marlin (on nvidia-t4: --quantization gptq)'],
    [specOf('fp8', 8, 'fp8_e4m3'), '--quantization fp8 --kv-cache-dtype fp8_e4m3'],
    [specOf('bitsandbytes', 4), '--quantization bitsandbytes --load-format bitsandbytes'],
    [specOf('none', 16, 'auto'), 'none'],
    [specOf('none', 16, 'fp8_e5m2'), '--kv-cache-dtype fp8_e5m2'],
  ])('%j -> %s', (spec, expected) => {
    expect(describeFlags(resolveFlags(spec))).toBe(expected);
  });

  it('keeps the flags of most GPU types as the common ones', () => {
    const flags = resolveFlags(specOf('awq', 4));
    expect(flags.common).toEqual(['--quantization', 'awq_marlin']);
    expect(flags.exceptions).toEqual([
      { gpuTypes: ['nvidia-t4'], flags: ['--quantization', 'awq'] },
    ]);
  });
});
