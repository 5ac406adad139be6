// Every command line the planner can render must parse against the flag table of the pinned
// vLLM image (operator/src/conformance): a flag vLLM does not know, or a value outside its
// choices, would otherwise only show up as a CrashLoopBackOff on a GPU node.
import type { QuantizationProfileSpec } from '@sluice/crds';
import { VLLM_0_10_1_1 } from '../../../conformance/vllm-0.10.1.1-flags.js';
import { parseVllmArgs } from '../../../conformance/vllm-argparse.js';
import { indexOptions } from '../../../conformance/vllm-option-index.js';
import { resolveFlags } from '../../quantizationprofile/vllm-flags.js';
import { DEFAULT_IMAGE, resolveVllm } from '../plan/resolved-spec.js';
import { GPU_COMPUTE_CAPABILITY } from '../sizing/gpu-catalog.js';
import { aModel, type ModelBuilder } from '../testing/model-builder.js';
import { vllmArgs, type ExtraAdapter } from './vllm-args.js';

type Method = QuantizationProfileSpec['method'];
type KvDtype = NonNullable<QuantizationProfileSpec['kvCacheDtype']>;

const METHODS: Method[] = ['awq', 'gptq', 'fp8', 'bitsandbytes', 'none'];
const KV_DTYPES: (KvDtype | undefined)[] = [undefined, 'auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2'];
const BITS: Record<Method, 4 | 8 | 16> = { awq: 4, gptq: 4, fp8: 8, bitsandbytes: 4, none: 16 };
/** Every catalogued GPU (T4 has no Marlin) and one the catalog does not know. */
const GPUS = [...Object.keys(GPU_COMPUTE_CAPABILITY), 'custom-gpu'];

const profiles: (QuantizationProfileSpec | undefined)[] = [
  undefined,
  ...METHODS.flatMap((method) =>
    KV_DTYPES.map((kv) => ({ method, weightBits: BITS[method], ...(kv && { kvCacheDtype: kv }) })),
  ),
];

const SOURCES = [
  'meta-llama/Llama-3.1-8B-Instruct',
  's3://models/llama',
  'pvc://weights/llama',
  'gs://models/llama',
];
const PARALLEL: Array<[gpus: number, tp: number]> = [[1, 1], [2, 1], [4, 2], [8, 8]]; // prettier-ignore
const ADAPTERS = [
  { name: 'support', source: 's3://adapters/support' },
  { name: 'legal', source: 'pvc://adapters/legal' },
  { name: 'sql', source: 'org/sql-lora' },
];
const LORA: Array<(b: ModelBuilder) => ModelBuilder> = [
  (b) => b,
  (b) => b.lora({ enabled: true }),
  (b) => b.lora({ enabled: true, maxLoras: 8, maxLoraRank: 64, adapters: ADAPTERS }),
];
const FINE_TUNED: ExtraAdapter[][] = [[], [{ name: 'tuned', source: 'gs://out/tuned' }]];

/** No profile, awq with an fp8 KV cache, bitsandbytes (its own load format, never streamed). */
const SOME_PROFILES: (QuantizationProfileSpec | undefined)[] = [
  undefined,
  { method: 'awq', weightBits: 4, kvCacheDtype: 'fp8' },
  { method: 'bitsandbytes', weightBits: 4 },
];

/** Every combination of the given lists (their cartesian product). */
function product<T extends unknown[]>(...lists: { [K in keyof T]: readonly T[K][] }): T[] {
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((combo) => list.map((item) => [...combo, item])),
    [[]],
  ) as T[];
}

const optionIndex = indexOptions(VLLM_0_10_1_1);

/** The failures of one rendered line: a parse error, or a flag reached only by abbreviation. */
function problems(args: string[]): string[] {
  const r = parseVllmArgs(args);
  const notExact = args.filter(
    (a) => a.startsWith('--') && !optionIndex.has(a.split('=')[0] ?? ''),
  );
  return [...(r.ok ? [] : [r.error]), ...notExact.map((a) => `${a} is not an exact flag name`)];
}

function render(b: ModelBuilder, profile?: QuantizationProfileSpec, extra: ExtraAdapter[] = []) {
  return vllmArgs(resolveVllm('m1', b.obj().spec!.vllm!), profile, extra);
}

function failures(lines: string[][]): string[] {
  return lines.flatMap((args) => problems(args).map((p) => `${args.join(' ')}\n  -> ${p}`));
}

describe('vLLM command lines against the pinned flag table', () => {
  it('pins the table to the default image', () => {
    expect(DEFAULT_IMAGE).toBe(`vllm/vllm-openai:v${VLLM_0_10_1_1.version}`);
  });

  it('parses every quantization method and KV dtype on every GPU type', () => {
    const lines = GPUS.flatMap((gpu) => profiles.map((p) => render(aModel().gpuType(gpu), p)));
    expect(lines.length).toBe(GPUS.length * profiles.length);
    expect(failures(lines)).toEqual([]);
  });

  it('parses LoRA, sources, parallelism and batching combinations', () => {
    const lines = product(
      SOURCES,
      PARALLEL,
      LORA,
      FINE_TUNED,
      [true, false],
      [undefined, 8192],
    ).flatMap(([source, [gpus, tp], lora, extra, prefix, len]) => {
      const b = lora(aModel().vllmModel(source).gpus(gpus).tp(tp)).batching({
        enablePrefixCaching: prefix,
        ...(len && { maxModelLen: len, maxNumBatchedTokens: len }),
      });
      return SOME_PROFILES.map((profile) => render(b, profile, extra));
    });
    expect(lines.length).toBe(4 * 4 * 3 * 2 * 2 * 2 * SOME_PROFILES.length);
    expect(failures(lines)).toEqual([]);
  });

  it('parses the flags a QuantizationProfile shows in its status', () => {
    const lines = profiles.flatMap((p) => {
      if (!p) return [];
      const flags = resolveFlags(p);
      return [flags.common, ...flags.exceptions.map((e) => e.flags)].map((f) => [
        '--model',
        'x',
        ...f,
      ]);
    });
    expect(failures(lines)).toEqual([]);
  });

  it('reports a typo in extraArgs, which come last on the line', () => {
    const args = render(aModel().extraArgs('--enable-chunk-prefill', '--max-num-seqs', '8'));
    expect(failures([args]).join()).toContain('unrecognized arguments: --enable-chunk-prefill');
  });

  it('flags a prefix that argparse would silently take as an abbreviation', () => {
    const args = render(aModel().extraArgs('--enable-chunked-prefil'));
    expect(parseVllmArgs(args).ok).toBe(true);
    expect(failures([args]).join()).toContain('--enable-chunked-prefil is not an exact flag name');
  });
});
