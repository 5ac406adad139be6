import { readdirSync, readFileSync } from 'node:fs';
import type { V1Deployment, V1Job } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { InferenceModel, QuantizationProfile } from '@sluice/crds';
import { CONFIG_HASH_ANNOTATION } from '../desired/labels.js';
import { shortId } from '../desired/model-source.js';
import { planInferenceModel, type Capabilities, type PlanInput } from './plan.js';
import { aModel, aProfile, type ModelBuilder } from '../testing/model-builder.js';

const NOW = '2026-11-27T12:00:00Z';
const caps: Capabilities = { keda: false, serviceMonitor: true };

function plan(b: ModelBuilder, extra: Partial<PlanInput> = {}) {
  return planInferenceModel({ model: b.obj(), capabilities: caps, now: NOW, ...extra });
}

function kinds(p: ReturnType<typeof plan>): string[] {
  return p.objects.map((o) => o.kind ?? '');
}

function cond(p: ReturnType<typeof plan>, type: string) {
  return p.conditions.find((c) => c.type === type);
}

const small = aModel('llama-awq').quant('awq-int4').maxModelLen(8192);

describe('planInferenceModel (vllm)', () => {
  it('plans Deployment, Service, PDB, HPA and ServiceMonitor for a model that fits', () => {
    const p = plan(small, { profile: aProfile('awq-int4') });
    expect(kinds(p)).toEqual([
      'PersistentVolumeClaim',
      'Job',
      'Deployment',
      'Service',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'ServiceMonitor',
    ]);
    expect(cond(p, 'FitsGPU')).toMatchObject({ status: 'True', reason: 'EstimateFits' });
    expect(p.statusPatch).toMatchObject({
      phase: 'Pending',
      endpoint: 'http://m1.ml.svc:8000/v1',
      servedModelName: 'm1',
      gpusPerReplica: 1,
      gpuHourlyUSD: '0.80',
      currentHourlyCostUSD: '0.00',
    });
    expect(p.statusPatch.resolvedArgs).toContain('awq_marlin');
    expect(p.statusPatch.estimatedGPUMemoryMiBPerReplica).toBeGreaterThan(3000);
  });

  it.each<[string, PlanInput['profile']]>([
    ['missing', 'missing'],
    ['not passed', undefined],
  ])(
    'reports an unknown profile (%s) as Ready=False QuantizationProfileNotFound, without workload',
    (_name, profile) => {
      const p = plan(small, profile === undefined ? {} : { profile });
      expect(kinds(p)).toEqual([]);
      expect(cond(p, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'QuantizationProfileNotFound',
      });
      expect(cond(p, 'Ready')?.message).toContain(
        'QuantizationProfile awq-int4 was not found in namespace ml',
      );
      expect(p.statusPatch.phase).toBe('Failed');
    },
  );

  it('blocks a model that cannot fit: no Deployment, HPA or PDB, Ready=False with the numbers', () => {
    const p = plan(aModel('llama-70b').maxModelLen(8192).price('0.80'), {
      observed: { deployment: { replicas: 1, readyReplicas: 1, progressDeadlineExceeded: false } },
    });
    expect(kinds(p)).toEqual([]);
    expect(p.obsolete).toEqual([]);
    const ready = cond(p, 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'InsufficientGPUMemory' });
    expect(ready?.message).toContain('needs 149.5 GiB per GPU (weights 131.4 + KV cache 10.0');
    expect(cond(p, 'FitsGPU')).toMatchObject({ status: 'False', reason: 'InsufficientGPUMemory' });
    // The previous Deployment still runs and still costs money.
    expect(p.statusPatch.currentHourlyCostUSD).toBe('0.80');
  });

  it.each<[string, ModelBuilder, string, string | undefined]>([
    [
      'fp8 on a T4',
      aModel('llama').maxModelLen(4096).quant('fp8').gpuType('nvidia-t4'),
      'fp8',
      'QuantizationUnsupportedOnGPU',
    ],
    [
      'fp8 on an A10G (8.6)',
      aModel('llama').maxModelLen(4096).quant('fp8').gpuType('nvidia-a10g'),
      'fp8',
      undefined,
    ],
    [
      'fp8 on an A100 (8.0, Marlin W8A16)',
      aModel('llama').maxModelLen(4096).quant('fp8').gpuType('nvidia-a100-80gb'),
      'fp8',
      undefined,
    ],
    [
      'awq on a T4 (7.5)',
      aModel('llama-awq').maxModelLen(4096).quant('awq-int4').gpuType('nvidia-t4'),
      'awq-int4',
      undefined,
    ],
    [
      'fp8 on a GPU type Sluice does not know: vLLM decides',
      aModel('llama').maxModelLen(4096).quant('fp8').gpuType('amd-mi300x').gpuMemoryGiB(192),
      'fp8',
      undefined,
    ],
  ])('%s', (_name, model, profile, reason) => {
    const p = plan(model, { profile: aProfile(profile) });
    expect(cond(p, 'Ready')?.reason === reason).toBe(reason !== undefined);
    expect(kinds(p).includes('Deployment')).toBe(reason === undefined);
  });

  it.each<[string, string[], string]>([
    [
      'an unknown flag',
      ['--enable-chunk-prefill'],
      'unrecognized arguments: --enable-chunk-prefill',
    ],
    [
      'a value outside the choices',
      ['--kv-cache-dtype', 'fp16'],
      "argument --kv-cache-dtype: invalid choice: 'fp16'",
    ],
    ['a missing value', ['--max-num-seqs'], 'argument --max-num-seqs: expected one argument'],
  ])(
    'blocks extraArgs with %s the pinned vLLM would refuse, leaving a running Deployment as it was',
    (_name, extraArgs, error) => {
      const p = plan(small.extraArgs(...extraArgs), {
        profile: aProfile('awq-int4'),
        observed: {
          deployment: { replicas: 1, readyReplicas: 1, progressDeadlineExceeded: false },
        },
      });
      expect(kinds(p)).toEqual([]);
      expect(p.statusPatch.phase).toBe('Failed');
      const ready = cond(p, 'Ready');
      expect(ready).toMatchObject({ status: 'False', reason: 'InvalidVllmArgs' });
      expect(ready?.message).toContain(`spec.vllm.extraArgs: ${error}`);
      expect(ready?.message).toContain('vllm/vllm-openai:v0.10.1.1 would refuse to start');
    },
  );

  it.each<[string, ModelBuilder]>([
    [
      'valid extraArgs',
      small.extraArgs('--enforce-eager', '--max-num-seqs=64', '--swap-space', '8'),
    ],
    [
      'an image other than the pinned one, whose flags Sluice does not know',
      small.image('vllm/vllm-openai:v0.11.0').extraArgs('--new-flag'),
    ],
  ])('rolls out %s', (_name, model) => {
    expect(kinds(plan(model, { profile: aProfile('awq-int4') }))).toContain('Deployment');
  });

  it('blocks fp8 on a T4 with a message a human can act on, and leaves a running Deployment as it was', () => {
    const t4 = aModel('llama').maxModelLen(4096).quant('fp8').gpuType('nvidia-t4');
    const p = plan(t4, {
      profile: aProfile('fp8'),
      observed: { deployment: { replicas: 1, readyReplicas: 1, progressDeadlineExceeded: false } },
    });
    expect(kinds(p)).toEqual([]);
    expect(p.obsolete).toEqual([]);
    expect(p.statusPatch.phase).toBe('Failed');
    expect(cond(p, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'QuantizationUnsupportedOnGPU',
      message:
        "QuantizationProfile fp8 uses fp8, and vLLM's fp8 kernels need compute capability 8.0 " +
        'or newer; nvidia-t4 has 7.5, so vLLM would refuse to start. Reference a profile with ' +
        'awq, gptq, bitsandbytes (or none), or pick a newer spec.vllm.gpu.type.',
    });
  });

  it('rolls the Deployment when the resolved config changes, not otherwise', () => {
    const hash = (b: ModelBuilder) => {
      const objects = plan(b, { profile: aProfile('awq-int4') }).objects;
      const d = objects.find((o) => o.kind === 'Deployment') as V1Deployment;
      return d.spec?.template.metadata?.annotations?.[CONFIG_HASH_ANNOTATION];
    };
    expect(hash(small)).toBe(hash(small.tier('medium').autoscaling({ maxReplicas: 9 })));
    expect(hash(small)).not.toBe(hash(small.maxNumSeqs(64)));
    expect(hash(small)).not.toBe(hash(small.image('vllm/vllm-openai:v0.11.0')));
  });

  it('keeps lastTransitionTime of conditions that did not flip', () => {
    const first = plan(small, { profile: aProfile('awq-int4') });
    const model = { ...small.obj(), status: first.statusPatch };
    const later = planInferenceModel({
      model,
      profile: aProfile('awq-int4'),
      capabilities: caps,
      now: '2026-11-28T00:00:00Z',
    });
    expect(later.conditions.map((c) => c.lastTransitionTime)).toEqual(
      first.conditions.map(() => NOW),
    );
    expect(later.statusChanged).toBe(false);
  });
});

describe('planInferenceModel (fine-tune)', () => {
  const ft = aModel('llama').maxModelLen(4096).gpuType('nvidia-a10g').lora({}).fineTune();
  const jobName = (p: ReturnType<typeof plan>) => (p.objects[0] as V1Job).metadata?.name ?? '';

  it('creates the Job first and deploys the base model meanwhile', () => {
    const p = plan(ft);
    expect(kinds(p)[0]).toBe('Job');
    expect(kinds(p)).toContain('Deployment');
    expect(cond(p, 'FineTuneSucceeded')).toMatchObject({ status: 'Unknown', reason: 'JobPending' });
    expect(p.statusPatch.fineTune).toEqual({ jobName: jobName(p), phase: 'Pending' });
    expect(p.statusPatch.phase).toBe('FineTuning');
  });

  it('serves the adapter once the Job succeeded', () => {
    const name = jobName(plan(ft));
    const p = plan(ft, {
      observed: { fineTuneJobs: [{ name, phase: 'Succeeded', completionTime: NOW }] },
    });
    const dir = `/downloads/${shortId('s3://models/out/')}`;
    expect(p.statusPatch.resolvedArgs).toEqual(
      expect.arrayContaining(['--lora-modules', `m1-ft=${dir}`]),
    );
    // vLLM reads a local path: an init container fetches the adapter before it starts.
    const pod = (p.objects.find((o) => o.kind === 'Deployment') as V1Deployment).spec!.template
      .spec!;
    const fetchers = pod.initContainers?.filter((c) => c.name !== 'wait-for-model-cache');
    expect(fetchers?.map((c) => c.command?.at(-1))).toEqual([dir]);
    expect(p.statusPatch.servedModelName).toBe('m1-ft');
    expect(p.statusPatch.fineTune).toMatchObject({
      phase: 'Succeeded',
      outputURI: 's3://models/out/',
    });
    expect(cond(p, 'FineTuneSucceeded')).toMatchObject({ status: 'True', reason: 'JobSucceeded' });
  });

  it('serves the trained weights when serveAs is model', () => {
    const b = ft.fineTune({ serveAs: 'model', outputURI: 'pvc://ft-out/merged' });
    const name = jobName(plan(b));
    const p = plan(b, { observed: { fineTuneJobs: [{ name, phase: 'Succeeded' }] } });
    expect(p.statusPatch.resolvedArgs?.slice(0, 2)).toEqual(['--model', '/models/ft-out/merged']);
    const deployment = p.objects.find((o) => o.kind === 'Deployment') as V1Deployment;
    expect(deployment.spec?.template.spec?.volumes).toContainEqual({
      name: `pvc-${shortId('ft-out')}`,
      persistentVolumeClaim: { claimName: 'ft-out', readOnly: true },
    });
  });

  it('ignores a Job of a previous spec and reports a failed one as Degraded', () => {
    const stale = plan(ft, {
      observed: { fineTuneJobs: [{ name: 'm1-ft-00000000', phase: 'Succeeded' }] },
    });
    expect(stale.statusPatch.resolvedArgs).not.toContain('--lora-modules');
    const name = jobName(plan(ft));
    const failure = {
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the backoff limit',
    };
    const failed = plan(ft, {
      observed: { fineTuneJobs: [{ name, phase: 'Failed', failed: 3, failure }] },
    });
    expect(cond(failed, 'Degraded')).toMatchObject({ status: 'True', reason: 'FineTuneFailed' });
    for (const type of ['Degraded', 'FineTuneSucceeded']) {
      expect(cond(failed, type)?.message).toContain('BackoffLimitExceeded');
    }
    expect(cond(failed, 'FineTuneSucceeded')).toMatchObject({ status: 'False' });
    expect(failed.statusPatch.phase).toBe('Degraded');
  });
});

describe('planInferenceModel (external)', () => {
  it.each<[string, ModelBuilder, boolean | undefined, [string, string]]>([
    ['usable', aModel().external(), true, ['True', 'ExternalAPIConfigured']],
    ['Secret missing', aModel().external(), false, ['False', 'SecretNotFound']],
    ['Secret not looked up', aModel().external(), undefined, ['False', 'SecretNotChecked']],
    ['bad URL', aModel().external('https://'), true, ['False', 'InvalidBaseURL']],
  ])('%s: no workload, Ready as the inputs say', (_name, b, secretFound, [status, reason]) => {
    const p = plan(b, secretFound === undefined ? {} : { observed: { secretFound } });
    expect(p.objects).toEqual([]);
    expect(cond(p, 'Ready')).toMatchObject({ status, reason });
    expect(p.statusPatch.phase).toBe(status === 'True' ? 'Ready' : 'Failed');
    expect(p.statusPatch.endpoint).toBe(b.obj().spec?.external?.baseURL);
    expect(p.statusPatch.servedModelName).toBe('gpt-4o');
    expect(p.statusPatch.currentHourlyCostUSD).toBeUndefined();
    expect(p.statusPatch.tokenPricesPer1MUSD).toBe('2.50/10.00');
  });
});

/** scale-to-zero.yaml asks for KEDA, and says it needs it installed. */
const asksForKeda = (model: InferenceModel): boolean => model.spec?.autoscaling?.scaler === 'keda';

describe('the examples in examples/', () => {
  const dir = new URL('../../../../../examples/', import.meta.url);
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) =>
      parseAllDocuments(readFileSync(new URL(f, dir), 'utf8')).map(
        (d) => d.toJS() as { kind?: string },
      ),
    );
  const profiles = docs.filter((d): d is QuantizationProfile => d.kind === 'QuantizationProfile');
  const models = docs.filter((d): d is InferenceModel => d.kind === 'InferenceModel');

  it('has models to plan', () => expect(models.length).toBeGreaterThanOrEqual(4));

  it.each(models.map((m) => [m.metadata?.name ?? '', m] as const))(
    '%s plans Ready-able, without errors',
    (_name, example) => {
      const model = {
        ...example,
        metadata: { ...example.metadata, namespace: 'default', uid: 'u', generation: 1 },
      };
      const ref = model.spec?.vllm?.quantizationProfileRef?.name;
      const profile = profiles.find((p) => p.metadata?.name === ref);
      const p = planInferenceModel({
        model,
        capabilities: { ...caps, keda: asksForKeda(model) },
        now: NOW,
        ...(profile ? { profile } : {}),
        observed: {
          secretFound: true,
          deployment: { replicas: 1, readyReplicas: 1, progressDeadlineExceeded: false },
        },
      });
      expect(p.statusPatch.phase).toBe('Ready');
      expect(cond(p, 'Ready')?.status).toBe('True');
      if (model.spec?.provider === 'vllm') {
        expect(cond(p, 'FitsGPU')?.status).toBe('True');
        expect(p.objects.map((o) => o.kind)).toContain('Deployment');
      }
    },
  );
});
