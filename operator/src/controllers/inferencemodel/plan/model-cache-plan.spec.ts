import type { V1Deployment, V1Job, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { checkpointSize, modelCacheJobName } from '../desired/model-cache.js';
import type { ObservedJob } from '../observe/observed.js';
import { aModel, type ModelBuilder } from '../testing/model-builder.js';
import { planInferenceModel } from './plan.js';
import { resolveVllm } from './resolved-spec.js';

const NOW = '2026-12-07T12:00:00Z';
// An A100 80GB fits the 8B model unquantized, so the plan is not blocked by the fit check.
const llama = aModel('meta-llama/Llama-3.1-8B-Instruct')
  .gpuType('nvidia-a100-80gb')
  .maxModelLen(8192);
const JOB = modelCacheJobName('m1', 'meta-llama/Llama-3.1-8B-Instruct');

function plan(b: ModelBuilder, jobs: ObservedJob[] = []) {
  return planInferenceModel({
    model: b.obj(),
    capabilities: { keda: false, serviceMonitor: false },
    observed: { fineTuneJobs: jobs },
    now: NOW,
  });
}
const find = <T>(p: ReturnType<typeof plan>, kind: string) =>
  p.objects.find((o) => o.kind === kind) as T | undefined;
const condition = (p: ReturnType<typeof plan>, type: string) =>
  p.conditions.find((c) => c.type === type);

describe('model cache', () => {
  it('gives a Hugging Face model a claim', () => {
    const claim = find<V1PersistentVolumeClaim>(plan(llama), 'PersistentVolumeClaim')!;
    expect(claim.metadata!.name).toBe('m1-model-cache');
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '28Gi' } },
    });
  });

  it('fills the claim once with a download Job that needs no GPU', () => {
    const job = find<V1Job>(plan(llama), 'Job')!;
    expect(job.metadata!.name).toBe(JOB);
    const pod = job.spec!.template.spec!;
    expect(pod.containers[0]!.env).toContainEqual({
      name: 'MODEL_ID',
      value: 'meta-llama/Llama-3.1-8B-Instruct',
    });
    expect(pod.volumes).toEqual([
      { name: 'model-cache', persistentVolumeClaim: { claimName: 'm1-model-cache' } },
    ]);
    expect(pod.containers[0]!.resources!.limits).not.toHaveProperty('nvidia.com/gpu');
  });

  it('mounts the claim read-only into vLLM, offline, after waiting for the download', () => {
    const pod = find<V1Deployment>(plan(llama), 'Deployment')!.spec!.template.spec!;
    const vllm = pod.containers[0]!;
    expect(vllm.env).toContainEqual({ name: 'HF_HUB_OFFLINE', value: '1' });
    expect(vllm.volumeMounts).toContainEqual({
      name: 'model-cache-claim',
      mountPath: '/root/.cache/huggingface/hub',
      readOnly: true,
    });
    expect(pod.volumes).toContainEqual({
      name: 'model-cache-claim',
      persistentVolumeClaim: { claimName: 'm1-model-cache', readOnly: true },
    });
    const wait = pod.initContainers?.[0];
    expect(wait?.name).toBe('wait-for-model-cache');
    expect(wait?.env).toEqual([
      { name: 'MARKER', value: `/root/.cache/huggingface/hub/.sluice-downloaded-${JOB}` },
    ]);
    // The Job writes the same marker, at its own mount of the same claim.
    const job = find<V1Job>(plan(llama), 'Job')!;
    expect(job.spec?.template.spec?.containers[0]?.env).toContainEqual({
      name: 'MARKER',
      value: `/model-cache/.sluice-downloaded-${JOB}`,
    });
  });

  it.each<[string, ModelBuilder]>([
    ['emptyDir asked for', llama.modelCache({ type: 'emptyDir' })],
    ['pvc:// weights, local already', aModel('pvc://weights/llama-8b')],
    ['s3:// weights, streamed', aModel('s3://bucket/llama')],
  ])('has no cache when %s', (_name, b) => {
    const p = plan(b);
    expect(find(p, 'PersistentVolumeClaim')).toBeUndefined();
    expect(
      find<V1Deployment>(p, 'Deployment')!.spec!.template.spec!.containers[0]!.env,
    ).not.toContainEqual({ name: 'HF_HUB_OFFLINE', value: '1' });
    expect(condition(p, 'ModelCached')).toBeUndefined();
  });

  it('takes the storage class, access mode and size the spec gives', () => {
    const p = plan(
      llama.modelCache({ storageClassName: 'efs', accessMode: 'ReadWriteOnce', size: '50Gi' }),
    );
    expect(find<V1PersistentVolumeClaim>(p, 'PersistentVolumeClaim')?.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '50Gi' } },
      storageClassName: 'efs',
    });
  });

  it('sizes an unknown model generously', () => {
    const vllm = resolveVllm('m1', { model: 'acme/secret-model', gpu: { type: 'nvidia-l4' } });
    expect(checkpointSize(vllm)).toBe('200Gi');
  });

  it.each<[string, ObservedJob[], string, string]>([
    ['before the Job runs', [], 'False', 'Downloading'],
    ['while it runs', [{ name: JOB, phase: 'Running' }], 'False', 'Downloading'],
    ['once it succeeded', [{ name: JOB, phase: 'Succeeded' }], 'True', 'Downloaded'],
  ])('reports ModelCached %s', (_name, jobs, status, reason) => {
    expect(condition(plan(llama, jobs), 'ModelCached')).toMatchObject({ status, reason });
  });

  it('is Degraded, naming what to check, when the download failed', () => {
    const failed: ObservedJob = {
      name: JOB,
      phase: 'Failed',
      failure: {
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      },
    };
    const p = plan(llama, [failed]);
    expect(condition(p, 'ModelCached')).toMatchObject({
      status: 'False',
      reason: 'DownloadFailed',
    });
    expect(condition(p, 'Degraded')).toMatchObject({
      status: 'True',
      reason: 'ModelDownloadFailed',
    });
    expect(condition(p, 'Degraded')?.message).toContain('spec.vllm.hfTokenSecretRef');
  });

  it('downloads again, with a new Job, when the model changes', () => {
    const other = find<V1Job>(plan(aModel('Qwen/Qwen2.5-7B-Instruct')), 'Job');
    expect(other?.metadata?.name).not.toBe(JOB);
  });
});
