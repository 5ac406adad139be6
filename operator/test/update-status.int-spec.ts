// updateStatus against the Kubernetes-API test server: a status field the new status no longer
// has (fineTune, the memory estimate after the spec dropped them) disappears, and an unchanged
// status is not written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { INFERENCE_MODEL, type InferenceModel } from '@sluice/crds';
import { updateStatus, type JsonObject } from '../src/runtime/index.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let custom: CustomObjectsApi;

beforeAll(async () => {
  cluster = await startTestCluster();
  custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  await installSluiceCrds(cluster.kubeConfig);
});
afterAll(() => cluster.close());

const where = (name: string) => ({ ...INFERENCE_MODEL, namespace: 'default', name });
const get = async (name: string): Promise<InferenceModel> =>
  (await custom.getNamespacedCustomObject(where(name))) as InferenceModel;
const asObject = (model: InferenceModel) => model as unknown as Parameters<typeof updateStatus>[2];

const condition = {
  type: 'Ready',
  status: 'False',
  reason: 'DeploymentPending',
  message: 'Waiting.',
  lastTransitionTime: '2026-01-01T00:00:00Z',
  observedGeneration: 1,
};

describe('updateStatus', () => {
  it('removes the fields the new status no longer has, and writes nothing when equal', async () => {
    const name = uniqueName('status');
    const example = parse(
      readFileSync(join(repoRoot, 'examples', 'small-llama-8b-awq.yaml'), 'utf8'),
    ) as InferenceModel;
    await custom.createNamespacedCustomObject({
      ...INFERENCE_MODEL,
      namespace: 'default',
      body: { ...example, metadata: { name, namespace: 'default' } },
    });
    const full: JsonObject = {
      observedGeneration: 1,
      phase: 'Pending',
      conditions: [condition],
      estimatedGPUMemoryMiBPerReplica: 9000,
      fineTune: { phase: 'Running', jobName: `${name}-ft` },
    };
    expect(await updateStatus(custom, INFERENCE_MODEL, asObject(await get(name)), full)).toBe(true);
    expect((await get(name)).status).toMatchObject({
      estimatedGPUMemoryMiBPerReplica: 9000,
      fineTune: { phase: 'Running' },
    });

    const reduced: JsonObject = {
      observedGeneration: 1,
      phase: 'Pending',
      conditions: [condition],
    };
    expect(await updateStatus(custom, INFERENCE_MODEL, asObject(await get(name)), reduced)).toBe(
      true,
    );
    const after = await get(name);
    expect(after.status).toEqual(reduced);

    expect(await updateStatus(custom, INFERENCE_MODEL, asObject(after), reduced)).toBe(false);
    expect((await get(name)).metadata?.resourceVersion).toBe(after.metadata?.resourceVersion);
  });
});
