import { parseVllmArgs } from './vllm-argparse.js';

const base = ['--model', '/models/m', '--port', '8000'];

function errorOf(...args: string[]): string | undefined {
  const r = parseVllmArgs([...base, ...args]);
  return r.ok ? undefined : r.error;
}

describe('parseVllmArgs (vLLM 0.10.1.1 table)', () => {
  it.each<[string, string[]]>([
    ['space and = forms', ['--max-num-seqs', '8', '--gpu-memory-utilization=0.85']],
    ['aliases', ['-tp', '2', '-dp=2', '-q', 'awq_marlin']],
    ['BooleanOptionalAction both ways', ['--enable-prefix-caching', '--no-enable-lora']],
    ['store_true', ['--disable-log-stats']],
    ['underscores, as FlexibleArgumentParser rewrites them', ['--max_num_seqs', '4']],
    ['human-readable ints', ['--max-model-len', '32k', '--max-num-batched-tokens', '2K']],
    ['nargs + until the next option', ['--served-model-name', 'a', 'b', '--max-loras', '2']],
    ['lora modules, name=path and JSON', ['--lora-modules', 'a=/x', '{"name":"b","path":"/y"}']],
    ['dotted JSON options and -O3', ['--compilation-config.level', '3', '-O3']],
    ['an unambiguous abbreviation (allow_abbrev)', ['--max-num-seq', '4']],
    ['an optional value given as None', ['--max-num-seqs', 'None']],
    ['the optional positional model_tag', ['extra-model-tag']],
    ['a short option with its value attached', ['-qawq']],
    ['nargs ? with and without a value', ['--hf-token', '--hf-token', 'abc']],
    ['a value after --, taken as model_tag', ['--', '--x']],
  ])('accepts %s', (_, args) => {
    expect(parseVllmArgs([...base, ...args])).toMatchObject({ ok: true });
  });

  it('returns the values it parsed, --no- forms as false', () => {
    const r = parseVllmArgs([...base, '--no-enable-prefix-caching', '-tp', '2']);
    expect(
      r.ok && [r.values.get('--enable-prefix-caching'), r.values.get('--tensor-parallel-size')],
    ).toEqual([false, 2]);
  });

  it.each<[string, string[], string]>([
    ['an unknown flag', ['--max-num-seq-typo', '4'], 'unrecognized arguments: --max-num-seq-typo'],
    [
      'a bad KV cache dtype',
      ['--kv-cache-dtype', 'fp16'],
      "argument --kv-cache-dtype: invalid choice: 'fp16' (choose from 'auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2', 'fp8_inc')",
    ],
    [
      'a misspelt quantization method',
      ['--quantization', 'awq_marlinx'],
      "argument --quantization/-q: invalid choice: 'awq_marlinx'",
    ],
    [
      'a float for an int',
      ['--tensor-parallel-size', '1.5'],
      "argument --tensor-parallel-size/-tp: invalid int value: '1.5'",
    ],
    [
      'text for an Optional[int]',
      ['--max-num-seqs', 'many'],
      "argument --max-num-seqs: Value many cannot be converted to <class 'int'>.",
    ],
    [
      'text for a float',
      ['--gpu-memory-utilization', 'most'],
      "argument --gpu-memory-utilization: invalid float value: 'most'",
    ],
    ['a missing value', ['--max-loras'], 'argument --max-loras: expected one argument'],
    [
      'a value that is an option',
      ['--max-loras', '--enable-lora'],
      'argument --max-loras: expected one argument',
    ],
    [
      'no items for nargs +',
      ['--lora-modules', '--enable-lora'],
      'argument --lora-modules: expected at least one argument',
    ],
    [
      'a value given to a boolean',
      ['--enable-lora=true'],
      "argument --enable-lora/--no-enable-lora: ignored explicit argument 'true'",
    ],
    [
      '--no- on a store_true flag',
      ['--no-disable-log-stats'],
      'unrecognized arguments: --no-disable-log-stats',
    ],
    [
      'an ambiguous abbreviation',
      ['--max-num', '4'],
      'ambiguous option: --max-num could match --max-num-batched-tokens, --max-num-seqs',
    ],
    [
      'a block size vLLM has no kernel for',
      ['--block-size', '24'],
      'argument --block-size: invalid choice: 24',
    ],
    [
      'binary suffix with decimals',
      ['--max-model-len', '1.5K'],
      'argument --max-model-len: Decimals are not allowed with binary suffixes like K',
    ],
    [
      'broken JSON',
      ['--compilation-config', '{level'],
      'argument --compilation-config/-O: Value {level cannot be converted',
    ],
    ['a LoRA module with two =', ['--lora-modules', 'a=b=c'], 'invalid --lora-modules item a=b=c'],
    [
      'a LoRA module that is neither form',
      ['--lora-modules', 'a,b'],
      'Invalid JSON format for --lora-modules: a,b',
    ],
    ['a second stray value', ['tag', 'again'], 'unrecognized arguments: again'],
  ])('refuses %s', (_, args, message) => {
    expect(errorOf(...args)).toContain(message);
  });

  it('names every unknown flag and stray value at once, as argparse does', () => {
    expect(errorOf('--foo', '--bar', '1')).toBe('unrecognized arguments: --foo --bar');
  });
});
