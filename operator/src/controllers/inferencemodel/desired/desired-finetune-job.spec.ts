import { desiredFineTuneJob, fineTuneHash, fineTuneJobName } from './desired-finetune-job.js';
import { FINETUNE_HASH_LABEL } from './labels.js';
import { shortId } from './model-source.js';
import { aModel, type ModelBuilder } from '../testing/model-builder.js';

const base = aModel('llama').lora({}).fineTune();

function job(b: ModelBuilder) {
  const m = b.obj();
  return desiredFineTuneJob(m, m.spec!.fineTune!, m.spec!.vllm!);
}

function hash(b: ModelBuilder): string {
  const m = b.obj();
  return fineTuneHash(m.spec!.fineTune!, m.spec!.vllm!);
}

describe('fine-tune Job', () => {
  it('is named <model>-ft-<hash8> and labelled with the spec hash', () => {
    const j = job(base);
    const h = hash(base);
    expect(j.metadata?.name).toBe(`m1-ft-${h.slice(0, 8)}`);
    expect(j.metadata?.labels?.[FINETUNE_HASH_LABEL]).toBe(h.slice(0, 63));
    expect(j.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'InferenceModel',
      controller: true,
    });
  });

  it('keeps names within a DNS label', () => {
    expect(fineTuneJobName('x'.repeat(80), 'abcdef0123').length).toBeLessThanOrEqual(63);
  });

  it.each<[string, ModelBuilder]>([
    ['dataset', base.fineTune({ datasetURI: 's3://data/other.jsonl' })],
    ['method', base.fineTune({ method: 'qlora' })],
    ['epochs', base.fineTune({ hyperparameters: { epochs: 5 } })],
    ['learning rate', base.fineTune({ hyperparameters: { learningRate: '1e-4' } })],
    ['rank', base.fineTune({ hyperparameters: { loraRank: 8 } })],
    ['trainer image', base.fineTune({ trainerImage: 'ghcr.io/example/trainer:2' })],
    ['output', base.fineTune({ outputURI: 's3://models/other/' })],
    ['base model (defaulted from spec.vllm.model)', base.vllmModel('Qwen/Qwen2.5-7B-Instruct')],
  ])('changes the hash when the %s changes', (_name, changed) => {
    expect(hash(changed)).not.toBe(hash(base));
  });

  it.each<[string, ModelBuilder]>([
    ['tier', base.tier('medium')],
    ['autoscaling', base.autoscaling({ maxReplicas: 5 })],
    ['price', base.price('9.99')],
    ['batching', base.maxNumSeqs(8)],
    [
      'defaults written out',
      base.fineTune({
        method: 'lora',
        serveAs: 'adapter',
        hyperparameters: {
          epochs: 3,
          learningRate: '2e-4',
          loraRank: 16,
          loraAlpha: 32,
          batchSize: 8,
        },
      }),
    ],
  ])('keeps the hash when the %s changes', (_name, changed) => {
    expect(hash(changed)).toBe(hash(base));
  });

  it('runs the trainer once per spec with its inputs as flags and one GPU', () => {
    const j = job(base.hfToken('hf'));
    expect(j.spec?.backoffLimit).toBe(2);
    const pod = j.spec!.template.spec!;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]).toMatchObject({
      image: 'ghcr.io/example/trainer:1',
      args: [
        '--base-model',
        'meta-llama/Llama-3.1-8B-Instruct',
        '--dataset',
        's3://data/train.jsonl',
        '--method',
        'lora',
        '--epochs',
        '3',
        '--learning-rate',
        '2e-4',
        '--lora-rank',
        '16',
        '--lora-alpha',
        '32',
        '--batch-size',
        '8',
        '--output',
        's3://models/out/',
      ],
      env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }],
      resources: { limits: { 'nvidia.com/gpu': '1' } },
    });
    expect(pod.nodeSelector).toBeUndefined();
    expect(JSON.stringify(pod.affinity)).toContain('"values":["NVIDIA-L4"]');
  });
});

describe('fine-tune Job storage', () => {
  const claim = (name: string) => `pvc-${shortId(name)}`;

  it.each<[string, ModelBuilder, Record<string, string>, [object[], object[]]]>([
    [
      'object-store URIs pass through; the trainer reads and uploads itself',
      base,
      { '--dataset': 's3://data/train.jsonl', '--output': 's3://models/out/' },
      [[], []],
    ],
    [
      'pvc output mounted read-write',
      base.fineTune({ outputURI: 'pvc://ft-out/ticket/' }),
      { '--output': '/models/ft-out/ticket' },
      [
        [{ name: claim('ft-out'), persistentVolumeClaim: { claimName: 'ft-out' } }],
        [{ name: claim('ft-out'), mountPath: '/models/ft-out' }],
      ],
    ],
    [
      'pvc dataset read-only, https dataset as it is',
      base.fineTune({ datasetURI: 'pvc://data/t.jsonl' }),
      { '--dataset': '/models/data/t.jsonl' },
      [
        [{ name: claim('data'), persistentVolumeClaim: { claimName: 'data', readOnly: true } }],
        [{ name: claim('data'), mountPath: '/models/data', readOnly: true }],
      ],
    ],
    [
      'one claim for dataset and output: one volume, read-write',
      base.fineTune({ datasetURI: 'pvc://work/train.jsonl', outputURI: 'pvc://work/out' }),
      { '--dataset': '/models/work/train.jsonl', '--output': '/models/work/out' },
      [
        [{ name: claim('work'), persistentVolumeClaim: { claimName: 'work' } }],
        [{ name: claim('work'), mountPath: '/models/work' }],
      ],
    ],
    [
      'pvc base model read-only',
      base.fineTune({ baseModel: 'pvc://weights/llama' }),
      { '--base-model': '/models/weights/llama' },
      [
        [
          {
            name: claim('weights'),
            persistentVolumeClaim: { claimName: 'weights', readOnly: true },
          },
        ],
        [{ name: claim('weights'), mountPath: '/models/weights', readOnly: true }],
      ],
    ],
  ])('%s', (_name, b, flags, [volumes, mounts]) => {
    const pod = job(b).spec!.template.spec!;
    const args = pod.containers[0]!.args!;
    for (const [flag, value] of Object.entries(flags)) {
      expect(args[args.indexOf(flag) + 1]).toBe(value);
    }
    expect(pod.volumes!.slice(1)).toEqual(volumes);
    expect(pod.containers[0]!.volumeMounts!.slice(1)).toEqual(mounts);
    expect(pod.initContainers).toBeUndefined();
  });
});
