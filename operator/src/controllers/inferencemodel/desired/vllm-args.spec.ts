import { resolveVllm } from '../plan/resolved-spec.js';
import { aModel, aProfile, type ModelBuilder } from '../testing/model-builder.js';
import { shortId } from './model-source.js';
import { quantizationArgs, servedLocations, vllmArgs } from './vllm-args.js';

function args(
  b: ModelBuilder,
  profile?: string,
  adapters: { name: string; source: string }[] = [],
) {
  const m = b.obj();
  return vllmArgs(
    resolveVllm('m1', m.spec!.vllm!),
    profile ? aProfile(profile).spec : undefined,
    adapters,
  );
}

/** The value after a flag, or undefined. */
function flag(list: string[], name: string): string | undefined {
  const i = list.indexOf(name);
  return i < 0 ? undefined : list[i + 1];
}

describe('vllmArgs', () => {
  it('resolves the defaults of a minimal spec, in a fixed order', () => {
    expect(args(aModel('llama'))).toEqual([
      '--model',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--served-model-name',
      'm1',
      '--port',
      '8000',
      '--tensor-parallel-size',
      '1',
      '--max-num-seqs',
      '256',
      '--enable-prefix-caching',
      '--enable-chunked-prefill',
      '--gpu-memory-utilization',
      '0.9',
    ]);
  });

  it.each<[string, string, string, string[]]>([
    [
      'awq on Ada',
      'awq-int4',
      'nvidia-l4',
      ['--quantization', 'awq_marlin', '--kv-cache-dtype', 'fp8'],
    ],
    [
      'awq on Turing (no Marlin)',
      'awq-int4',
      'nvidia-t4',
      ['--quantization', 'awq', '--kv-cache-dtype', 'fp8'],
    ],
    ['awq with auto KV', 'awq-int4-autokv', 'nvidia-l4', ['--quantization', 'awq_marlin']],
    ['gptq on Hopper', 'gptq-int4', 'nvidia-h100-80gb', ['--quantization', 'gptq_marlin']],
    ['gptq on Turing', 'gptq-int4', 'nvidia-t4', ['--quantization', 'gptq']],
    ['fp8', 'fp8', 'nvidia-l40s', ['--quantization', 'fp8', '--kv-cache-dtype', 'fp8_e4m3']],
    [
      'bitsandbytes',
      'bnb-int4',
      'nvidia-a10g',
      ['--quantization', 'bitsandbytes', '--load-format', 'bitsandbytes'],
    ],
    ['none', 'none', 'nvidia-a100-80gb', []],
  ])('%s -> %j', (_name, profile, gpu, expected) => {
    expect(quantizationArgs(aProfile(profile).spec, gpu)).toEqual(expected);
  });

  it('passes no quantization flags without a profile', () => {
    expect(quantizationArgs(undefined, 'nvidia-l4')).toEqual([]);
  });

  it.each<[string, ModelBuilder, string, string | undefined]>([
    ['served name', aModel().servedAs('llama-3.1'), '--served-model-name', 'llama-3.1'],
    ['tensor parallel', aModel().gpus(2).tp(2), '--tensor-parallel-size', '2'],
    ['no data parallel when GPUs = TP', aModel().gpus(2).tp(2), '--data-parallel-size', undefined],
    ['data parallel for GPUs beyond TP', aModel().gpus(4).tp(2), '--data-parallel-size', '2'],
    ['max-num-seqs', aModel().maxNumSeqs(64), '--max-num-seqs', '64'],
    [
      'max-num-batched-tokens',
      aModel().batching({ maxNumBatchedTokens: 8192 }),
      '--max-num-batched-tokens',
      '8192',
    ],
    ['max-model-len', aModel().maxModelLen(4096), '--max-model-len', '4096'],
    [
      'gpu-memory-utilization',
      aModel().batching({ gpuMemoryUtilization: 0.95 }),
      '--gpu-memory-utilization',
      '0.95',
    ],
    [
      'pvc model mounted under /models',
      aModel('pvc://weights/llama-8b'),
      '--model',
      '/models/weights/llama-8b',
    ],
    ['s3 model streamed', aModel('s3://bucket/llama'), '--load-format', 'runai_streamer'],
  ])('%s', (_name, builder, name, value) => {
    expect(flag(args(builder), name)).toBe(value);
  });

  it('turns prefix caching off explicitly', () => {
    expect(args(aModel().batching({ enablePrefixCaching: false }))).toContain(
      '--no-enable-prefix-caching',
    );
  });

  it('always chunks prefills: the V1 engine ignores --no-enable-chunked-prefill', () => {
    const list = args(aModel().batching({ enableChunkedPrefill: false }));
    expect(list).toContain('--enable-chunked-prefill');
    expect(list).not.toContain('--no-enable-chunked-prefill');
  });

  it('adds LoRA flags and adapters, the finished fine-tune last', () => {
    const builder = aModel().lora({
      maxLoras: 2,
      maxLoraRank: 32,
      adapters: [{ name: 'sql', source: 'org/sql-lora' }],
    });
    const list = args(builder, undefined, [{ name: 'm1-ft', source: 's3://out/' }]);
    const lora = list.slice(list.indexOf('--enable-lora'));
    expect(lora).toEqual([
      '--enable-lora',
      '--max-loras',
      '2',
      '--max-lora-rank',
      '32',
      '--lora-modules',
      'sql=org/sql-lora',
      `m1-ft=/downloads/${shortId('s3://out/')}`,
    ]);
  });

  it.each<[string, string, string]>([
    ['Hugging Face id as it is', 'org/sql-lora', 'org/sql-lora'],
    ['pvc at its mount', 'pvc://loras/sql/v2/', '/models/loras/sql/v2'],
    ['s3 at its download folder', 's3://b/sql/', `/downloads/${shortId('s3://b/sql/')}`],
    ['gs at its download folder', 'gs://b/sql', `/downloads/${shortId('gs://b/sql')}`],
  ])('serves an adapter from %s', (_name, source, path) => {
    const list = args(aModel().lora({ adapters: [{ name: 'sql', source }] }));
    expect(flag(list, '--lora-modules')).toBe(`sql=${path}`);
  });

  const llama = 'meta-llama/Llama-3.1-8B-Instruct';
  it.each<[string, ModelBuilder, string | undefined, string[]]>([
    ['a Hugging Face model (vLLM downloads it)', aModel(), undefined, [llama]],
    ['a pvc model', aModel('pvc://w/llama'), undefined, ['pvc://w/llama']],
    ['no s3 model that streams', aModel('s3://b/llama'), undefined, []],
    ['an s3 model for bitsandbytes', aModel('s3://b/llama'), 'bnb-int4', ['s3://b/llama']],
    [
      'adapters, the fine-tune last, when LoRA is enabled',
      aModel().lora({ adapters: [{ name: 'a', source: 'pvc://l/a' }] }),
      undefined,
      [llama, 'pvc://l/a', 's3://out/'],
    ],
  ])('servedLocations lists %s', (_name, b, profile, uris) => {
    const v = resolveVllm('m1', b.obj().spec!.vllm!);
    const extra = [{ name: 'm1-ft', source: 's3://out/' }];
    const located = servedLocations(v, profile ? aProfile(profile).spec : undefined, extra);
    expect(located.map((l) => l.uri)).toEqual(uris);
  });

  it('fetches a gs model: the pinned vLLM streams s3:// only', () => {
    const list = args(aModel('gs://b/llama'));
    expect(flag(list, '--model')).toBe(`/downloads/${shortId('gs://b/llama')}`);
    expect(list).not.toContain('runai_streamer');
  });

  it('fetches an s3 model for bitsandbytes, whose load format cannot stream', () => {
    const list = args(aModel('s3://b/llama'), 'bnb-int4');
    expect(flag(list, '--model')).toBe(`/downloads/${shortId('s3://b/llama')}`);
    expect(list).not.toContain('runai_streamer');
  });

  it('omits LoRA flags when LoRA is not enabled', () => {
    expect(args(aModel())).not.toContain('--enable-lora');
  });

  it('appends extraArgs last, so they override', () => {
    const list = args(aModel().extraArgs('--max-num-seqs', '8', '--enforce-eager'), 'awq-int4');
    expect(list.slice(-3)).toEqual(['--max-num-seqs', '8', '--enforce-eager']);
  });

  it('is deterministic', () => {
    const b = aModel('qwen-32b').gpus(2).tp(2).lora({}).maxModelLen(8192);
    expect(args(b, 'fp8')).toEqual(args(b, 'fp8'));
  });
});
