import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import { desiredDeployment } from './desired-deployment.js';
import { CONFIG_HASH_ANNOTATION } from './labels.js';
import { shortId } from './model-source.js';
import { resolveVllm } from '../plan/resolved-spec.js';
import { podStorage } from './source-storage.js';
import { servedLocations } from './vllm-args.js';
import { aModel, type ModelBuilder } from '../testing/model-builder.js';

function deployment(b: ModelBuilder, args = ['--model', 'x'], hash = 'h1'): V1Deployment {
  const model = b.obj();
  const vllm = resolveVllm('m1', model.spec!.vllm!);
  const storage = podStorage(servedLocations(vllm, undefined, [{ name: 'ft', source: FT }]));
  return desiredDeployment({ model, vllm, args, configHash: hash, storage });
}

const FT = 's3://models/ft/';

function container(d: V1Deployment): V1Container {
  return d.spec!.template.spec!.containers[0]!;
}

describe('desiredDeployment', () => {
  it('is owned by the model, in its namespace, with stable selector labels', () => {
    const d = deployment(aModel());
    expect(d.metadata).toMatchObject({
      name: 'm1',
      namespace: 'ml',
      ownerReferences: [
        {
          kind: 'InferenceModel',
          name: 'm1',
          uid: 'uid-1',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(d.spec!.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'vllm',
      'app.kubernetes.io/instance': 'm1',
      'app.kubernetes.io/component': 'server',
    });
    expect(d.spec!.replicas).toBeUndefined();
  });

  it.each<[string, ModelBuilder, object]>([
    [
      'one GPU by default: 6 CPUs, 24Gi, memory limit = request, no CPU limit',
      aModel(),
      {
        requests: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' },
        limits: { 'nvidia.com/gpu': '1', memory: '24Gi' },
      },
    ],
    [
      'gpu.count GPUs scale CPU and memory',
      aModel().gpus(4).tp(4),
      {
        requests: { cpu: '18', memory: '48Gi', 'nvidia.com/gpu': '4' },
        limits: { 'nvidia.com/gpu': '4', memory: '48Gi' },
      },
    ],
    [
      'spec.vllm.resources overrides field by field',
      aModel().resources({ requests: { memory: '40Gi' }, limits: { cpu: '12' } }),
      {
        requests: { cpu: '6', memory: '40Gi', 'nvidia.com/gpu': '1' },
        limits: { 'nvidia.com/gpu': '1', memory: '40Gi', cpu: '12' },
      },
    ],
  ])('requests and limits: %s', (_name, b, resources) => {
    expect(container(deployment(b)).resources).toEqual(resources);
  });

  it('rolls out without a spare GPU by default, as the model says otherwise', () => {
    const rolling = (b: ModelBuilder) => deployment(b).spec!.strategy!.rollingUpdate;
    expect(rolling(aModel())).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(rolling(aModel().rollout({ maxSurge: 1, maxUnavailable: 0 }))).toEqual({
      maxSurge: 1,
      maxUnavailable: 0,
    });
  });

  it('gives progress a deadline above the startup probe window', () => {
    const d = deployment(aModel());
    const startup = container(d).startupProbe!;
    const window = startup.periodSeconds! * startup.failureThreshold!;
    expect(d.spec!.progressDeadlineSeconds).toBeGreaterThan(window);
  });

  it('runs the resolved args with the pinned image on port 8000', () => {
    const c = container(deployment(aModel().image('vllm/vllm-openai:v0.10.0'), ['--model', 'a']));
    expect(c).toMatchObject({
      image: 'vllm/vllm-openai:v0.10.0',
      command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
      args: ['--model', 'a'],
      ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
    });
  });

  it('probes /health: startup generous, then readiness and liveness', () => {
    const c = container(deployment(aModel()));
    for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
      expect(probe?.httpGet).toEqual({ path: '/health', port: 'http' });
    }
    expect((c.startupProbe?.periodSeconds ?? 0) * (c.startupProbe?.failureThreshold ?? 0)).toBe(
      1800,
    );
  });

  it('mounts /dev/shm in memory and a model cache', () => {
    const d = deployment(aModel());
    expect(d.spec!.template.spec!.volumes).toContainEqual({
      name: 'dshm',
      emptyDir: { medium: 'Memory', sizeLimit: '8Gi' },
    });
    expect(container(d).volumeMounts).toContainEqual({ name: 'dshm', mountPath: '/dev/shm' });
    expect(container(d).volumeMounts).toContainEqual({
      name: 'model-cache',
      mountPath: '/root/.cache/huggingface',
    });
  });

  it('mounts a pvc:// model read-only', () => {
    const d = deployment(aModel('pvc://weights/llama'));
    const name = `pvc-${shortId('weights')}`;
    expect(d.spec!.template.spec!.volumes).toContainEqual({
      name,
      persistentVolumeClaim: { claimName: 'weights', readOnly: true },
    });
    expect(container(d).volumeMounts).toContainEqual({
      name,
      mountPath: '/models/weights',
      readOnly: true,
    });
    expect(d.spec!.template.spec!.initContainers).toBeUndefined();
  });

  it.each<[string, ModelBuilder, [string[], string[], string[]]]>([
    ['no LoRA: nothing to fetch or mount', aModel(), [[], [], []]],
    [
      'pvc and s3 adapters plus the fine-tune: one claim, one fetcher per object-store URI',
      aModel('pvc://weights/llama').lora({
        adapters: [
          { name: 'sql', source: 'pvc://weights/loras/sql' },
          { name: 'hub', source: 'org/hub-lora' },
          { name: 'gs', source: 'gs://loras/gs' },
        ],
      }),
      [
        [`pvc-${shortId('weights')}`, 'downloads'],
        ['/models/weights', '/downloads'],
        [`fetch-${shortId('gs://loras/gs')}`, `fetch-${shortId(FT)}`],
      ],
    ],
  ])('adapter storage: %s', (_name, b, [volumes, mounts, inits]) => {
    const d = deployment(b);
    const pod = d.spec!.template.spec!;
    expect(pod.volumes!.map((v) => v.name)).toEqual(['dshm', 'model-cache', ...volumes]);
    expect(
      container(d)
        .volumeMounts!.slice(2)
        .map((m) => m.mountPath),
    ).toEqual(mounts);
    expect((pod.initContainers ?? []).map((c) => c.name)).toEqual(inits);
  });

  it.each([
    [aModel().hfToken('hf'), { name: 'hf', key: 'token' }],
    [aModel().hfToken('hf', 'tok'), { name: 'hf', key: 'tok' }],
  ])('reads HF_TOKEN from the Secret', (b, secretKeyRef) => {
    expect(container(deployment(b)).env).toContainEqual({
      name: 'HF_TOKEN',
      valueFrom: { secretKeyRef },
    });
  });

  it('schedules on the GPU type with the GPU toleration', () => {
    const spec = deployment(aModel().gpuType('nvidia-a10g')).spec!.template.spec!;
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'nvidia.com/gpu.product', operator: 'In', values: ['NVIDIA-A10G'] },
          ],
        },
      ],
    });
    expect(spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  it('records the config hash on the Deployment and its pod template (a new hash rolls pods)', () => {
    const d = deployment(aModel(), ['--model', 'x'], 'abc');
    expect(d.metadata!.annotations).toEqual({ [CONFIG_HASH_ANNOTATION]: 'abc' });
    expect(d.spec!.template.metadata!.annotations).toEqual({ [CONFIG_HASH_ANNOTATION]: 'abc' });
  });
});
