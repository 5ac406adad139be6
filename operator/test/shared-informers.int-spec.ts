// The InferenceModel and QuantizationProfile controllers both watch InferenceModels and
// QuantizationProfiles; through the shared informer factory each kind is listed and watched once
// per operator, and both controllers still hear of every change. The test server's request log,
// with the operator's own token, counts the lists and watches.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import type { InferenceModel, QuantizationProfile } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';
import { example, modelClient } from './support/models.js';
import { installSluiceCrds } from './support/sluice-crds.js';
import { startTestOperator } from './support/test-operator.js';

const OPERATOR_TOKEN = 'sluice-operator-shared-informers';
const namespace = 'default';
const WAIT = 15_000;

let cluster: TestCluster;
let operator: RunningOperator | undefined;

beforeAll(async () => {
  cluster = await startTestCluster(undefined, { recordRequests: true });
  await installSluiceCrds(cluster.kubeConfig);
  // A token of its own, so the operator's requests are told apart from the test's.
  const path = join(dirname(cluster.kubeconfigPath), 'operator-kubeconfig');
  const text = readFileSync(cluster.kubeconfigPath, 'utf8');
  writeFileSync(path, text.replace('sluice-test-token', OPERATOR_TOKEN), { mode: 0o600 });
  operator = await startTestOperator(path);
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

const ready = async (): Promise<boolean> =>
  (await fetch(`${operator?.httpUrl}/readyz`)).status === 200;

/** How often the operator listed and watched each of the two kinds. */
function listsAndWatches(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of cluster.server.requests?.entries({ user: OPERATOR_TOKEN }) ?? []) {
    const kind = ['inferencemodels', 'quantizationprofiles'].includes(r.resource);
    if (!kind || r.subresource !== '' || !['list', 'watch'].includes(r.verb)) continue;
    const key = `${r.verb} ${r.resource}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function profileMessage(custom: CustomObjectsApi, name: string): Promise<string> {
  const crd = { group: 'sluice.dev', version: 'v1alpha1', plural: 'quantizationprofiles' };
  const profile = (await custom.getNamespacedCustomObject({
    ...crd,
    namespace,
    name,
  })) as QuantizationProfile;
  return profile.status?.conditions?.find((c) => c.type === 'Ready')?.message ?? '';
}

describe('shared informers', () => {
  it('list and watch each kind once for both controllers, which both hear of changes', async () => {
    await eventually(ready, WAIT);
    const models = modelClient(cluster.kubeConfig);
    const custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
    const profile = example<KubernetesObject>('quantization-profiles.yaml', 'awq-int4');
    await models.objects.create({ ...profile, metadata: { name: 'awq-int4', namespace } });
    const name = uniqueName('llama');
    const model = example<InferenceModel>('small-llama-8b-awq.yaml');
    await models.create({ ...model, metadata: { name, namespace } });

    // The InferenceModel controller reconciled the model, and the QuantizationProfile controller
    // counted it: each heard of the model through the one shared InferenceModel informer.
    await eventually(() => models.observed(name), WAIT);
    await eventually(
      async () => (await profileMessage(custom, 'awq-int4')).includes(`InferenceModel: ${name}.`),
      WAIT,
    );
    expect(listsAndWatches()).toEqual({
      'list inferencemodels': 1,
      'watch inferencemodels': 1,
      'list quantizationprofiles': 1,
      'watch quantizationprofiles': 1,
    });
  }, 30_000);
});
