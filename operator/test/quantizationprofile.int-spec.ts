// The real operator against the Kubernetes-API test server: the example QuantizationProfiles
// become Ready with observedGeneration and the vLLM flags they resolve to, a reconcile with
// nothing to change writes nothing, the status counts the InferenceModels that use a profile,
// follows spec changes, and reports what the operator cannot do (a quantization Job, a GPU the
// method does not run on) as Degraded, while such a model is not Ready and not deployed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiException,
  AppsV1Api,
  CustomObjectsApi,
  EventsV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import type { Condition, InferenceModel, QuantizationProfile } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

const group = 'sluice.dev';
const version = 'v1alpha1';
const namespace = 'default';
const WAIT = 15_000;

let cluster: TestCluster;
let operator: RunningOperator;
let custom: CustomObjectsApi;

beforeAll(async () => {
  cluster = await startTestCluster();
  custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  await installSluiceCrds(cluster.kubeConfig);
  operator = await startTestOperator(cluster.kubeconfigPath);
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

const examples = (): QuantizationProfile[] =>
  parseAllDocuments(
    readFileSync(join(repoRoot, 'examples', 'quantization-profiles.yaml'), 'utf8'),
  ).map((doc) => doc.toJS() as QuantizationProfile);

const api = (plural: string) => ({ group, version, plural, namespace });
const profiles = api('quantizationprofiles');
const models = api('inferencemodels');

const create = async (where: typeof profiles, body: object) =>
  (await custom.createNamespacedCustomObject({ ...where, body })) as QuantizationProfile;
const getProfile = async (name: string) =>
  (await custom.getNamespacedCustomObject({ ...profiles, name })) as QuantizationProfile;
async function patchProfile(name: string, body: object): Promise<QuantizationProfile> {
  const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  const patched: unknown = await custom.patchNamespacedCustomObject(
    { ...profiles, name, body },
    options,
  );
  return patched as QuantizationProfile;
}

const getModel = async (name: string) =>
  (await custom.getNamespacedCustomObject({ ...models, name })) as InferenceModel;
const modelReady = (m: InferenceModel): Condition | undefined =>
  m.status?.conditions?.find((c) => c.type === 'Ready');

/** The model's Deployment, or undefined when the operator created none. */
async function deploymentOf(name: string): Promise<V1Deployment | undefined> {
  const apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
  return apps.readNamespacedDeployment({ name, namespace }).catch((error: unknown) => {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  });
}

const condition = (p: QuantizationProfile, type: string): Condition | undefined =>
  p.status?.conditions?.find((c) => c.type === type);

/** The profile's status was computed from its current generation, and Ready says `fits`. */
async function readyWhen(name: string, fits: (ready: Condition) => boolean): Promise<void> {
  await eventually(async () => {
    const p = await getProfile(name);
    const ready = condition(p, 'Ready');
    return p.status?.observedGeneration === p.metadata?.generation && !!ready && fits(ready);
  }, WAIT);
}

const llama = (name: string, profile: string, gpu = 'nvidia-l4'): InferenceModel => {
  const model = parse(
    readFileSync(join(repoRoot, 'examples', 'small-llama-8b-awq.yaml'), 'utf8'),
  ) as InferenceModel;
  const vllm = {
    ...model.spec?.vllm,
    quantizationProfileRef: { name: profile },
    gpu: { type: gpu },
  };
  return {
    ...model,
    metadata: { name, namespace },
    spec: { ...model.spec, vllm },
  } as InferenceModel;
};

describe('QuantizationProfile controller', () => {
  it('reports the example profiles Ready with observedGeneration and their vLLM flags', async () => {
    for (const profile of examples()) await create(profiles, profile);
    const flags = {
      'awq-int4':
        'Resolves to vLLM flags: --quantization awq_marlin --kv-cache-dtype fp8 (on nvidia-t4: --quantization awq --kv-cache-dtype fp8).',
      fp8: 'Resolves to vLLM flags: --quantization fp8 --kv-cache-dtype fp8_e4m3.',
      none: 'Resolves to vLLM flags: none.',
    };
    for (const [name, message] of Object.entries(flags)) {
      await readyWhen(name, (ready) => ready.status === 'True');
      const profile = await getProfile(name);
      expect(profile.status?.observedGeneration).toBe(1);
      expect(condition(profile, 'Ready')).toMatchObject({
        reason: 'FlagsResolved',
        observedGeneration: 1,
        message: `${message} No InferenceModel references it.`,
      });
      expect(condition(profile, 'Degraded')).toMatchObject({ status: 'False' });
      // Only what the CRD's status schema declares (the server would prune anything else).
      expect(Object.keys(profile.status ?? {}).sort()).toEqual([
        'conditions',
        'observedGeneration',
      ]);
    }
  });

  it('writes nothing when a reconcile has nothing to change', async () => {
    // A label changes the profile (so it is reconciled) but not its plan.
    const touched = await patchProfile('none', { metadata: { labels: { touched: 'yes' } } });
    await settle('none');
    expect((await getProfile('none')).metadata?.resourceVersion).toBe(
      touched.metadata?.resourceVersion,
    );
  });

  it('counts the InferenceModels that reference it, and forgets a deleted one', async () => {
    const name = uniqueName('llama');
    await create(models, llama(name, 'awq-int4'));
    await readyWhen('awq-int4', (r) =>
      r.message.endsWith(`Referenced by 1 InferenceModel: ${name}.`),
    );
    await custom.deleteNamespacedCustomObject({ ...models, name });
    await readyWhen('awq-int4', (r) => r.message.endsWith('No InferenceModel references it.'));
  });

  it('follows a spec change to the next generation', async () => {
    await patchProfile('fp8', { spec: { kvCacheDtype: 'auto' } });
    await readyWhen('fp8', (r) =>
      r.message.startsWith('Resolves to vLLM flags: --quantization fp8.'),
    );
    expect((await getProfile('fp8')).status?.observedGeneration).toBe(2);
  });

  it('reports Degraded for a model whose GPU cannot run the method', async () => {
    const name = uniqueName('t4');
    await create(models, llama(name, 'fp8', 'nvidia-t4'));
    await eventually(
      async () => condition(await getProfile('fp8'), 'Degraded')?.status === 'True',
      WAIT,
    );
    const degraded = condition(await getProfile('fp8'), 'Degraded');
    expect(degraded).toMatchObject({ reason: 'UnsupportedGPU', observedGeneration: 2 });
    expect(degraded?.message).toContain(`${name} (nvidia-t4, 7.5)`);
    await warning('fp8', 'UnsupportedGPU');
    // The model says the same as its profile: not Ready, and no Deployment vLLM would crash in.
    await eventually(async () => modelReady(await getModel(name))?.reason !== undefined, WAIT);
    expect(modelReady(await getModel(name))).toMatchObject({
      status: 'False',
      reason: 'QuantizationUnsupportedOnGPU',
      message: expect.stringContaining(
        'nvidia-t4 has 7.5, so vLLM would refuse to start',
      ) as unknown,
    });
    expect((await getModel(name)).status?.phase).toBe('Failed');
    expect(await deploymentOf(name)).toBeUndefined();
    await custom.deleteNamespacedCustomObject({ ...models, name });
    await eventually(
      async () => condition(await getProfile('fp8'), 'Degraded')?.status === 'False',
      WAIT,
    );
  });

  it('says a quantization Job is not run yet, as a condition, and stays usable', async () => {
    const name = uniqueName('awq-job');
    const job = {
      image: 'ghcr.io/example/llm-compressor:0.1',
      sourceModel: 'org/model',
      outputURI: 's3://bucket/model',
    };
    await create(profiles, {
      apiVersion: `${group}/${version}`,
      kind: 'QuantizationProfile',
      metadata: { name, namespace },
      spec: { method: 'awq', weightBits: 4, quantizationJob: job },
    });
    await readyWhen(name, (r) => r.status === 'True');
    const profile = await getProfile(name);
    expect(condition(profile, 'QuantizationJobSucceeded')).toMatchObject({
      status: 'Unknown',
      reason: 'QuantizationJobNotSupported',
    });
    expect(condition(profile, 'Degraded')).toMatchObject({
      status: 'True',
      reason: 'QuantizationJobNotSupported',
    });
    expect(profile.status?.quantizationJob).toBeUndefined();
    await warning(name, 'QuantizationJobNotSupported');
  });
});

/** Waits for a Warning Event about profile `name` with this reason. */
async function warning(name: string, reason: string): Promise<void> {
  const events = cluster.kubeConfig.makeApiClient(EventsV1Api);
  await eventually(async () => {
    const list = await events.listNamespacedEvent({ namespace });
    return list.items.some(
      (e) =>
        e.regarding?.name === name &&
        e.regarding.kind === 'QuantizationProfile' &&
        e.reason === reason &&
        e.type === 'Warning',
    );
  }, WAIT);
}

/** Waits until the profile stops changing for a while (quiescence). */
async function settle(name: string, quietMs = 500): Promise<void> {
  let last = (await getProfile(name)).metadata?.resourceVersion;
  let since = Date.now();
  await eventually(async () => {
    const now = (await getProfile(name)).metadata?.resourceVersion;
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= quietMs;
  }, WAIT);
}
