// The fine-tune journey with the real operator against the Kubernetes-API test server: a model
// with spec.fineTune gets a batch/v1 Job named by its spec hash and keeps serving the base model;
// the test plays the Job controller (writes the Job's /status as kube does) and the model then
// serves the adapter, or reports why the Job failed. A changed fineTune spec starts a new Job
// beside the old one; an unchanged spec never starts another.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AppsV1Api,
  BatchV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1Job,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import type { Condition, InferenceModel } from '@sluice/crds';
import type { RunningOperator } from '../src/bootstrap.js';
import { startTestOperator } from './support/test-operator.js';
import {
  fineTuneHash,
  fineTuneJobName,
} from '../src/controllers/inferencemodel/desired/desired-finetune-job.js';
import { MODEL_LABEL } from '../src/controllers/inferencemodel/desired/labels.js';
import { shortId } from '../src/controllers/inferencemodel/desired/model-source.js';
import { installSluiceCrds, repoRoot } from './support/sluice-crds.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

const resource = { group: 'sluice.dev', version: 'v1alpha1', plural: 'inferencemodels' };
const namespace = 'default';
const WAIT = 15_000;
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

let cluster: TestCluster;
let operator: RunningOperator;
let custom: CustomObjectsApi;
let batch: BatchV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  cluster = await startTestCluster();
  custom = cluster.kubeConfig.makeApiClient(CustomObjectsApi);
  batch = cluster.kubeConfig.makeApiClient(BatchV1Api);
  apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
  await installSluiceCrds(cluster.kubeConfig);
  operator = await startTestOperator(cluster.kubeconfigPath);
});
afterAll(async () => {
  await operator?.app.close();
  await cluster?.close();
});

/** examples/fine-tune.yaml under a name of its own. */
async function createModel(name: string): Promise<InferenceModel> {
  const example = parse(
    readFileSync(join(repoRoot, 'examples', 'fine-tune.yaml'), 'utf8'),
  ) as InferenceModel;
  const body = { ...example, metadata: { name, namespace } };
  return (await custom.createNamespacedCustomObject({
    ...resource,
    namespace,
    body,
  })) as InferenceModel;
}

const getModel = async (name: string): Promise<InferenceModel> =>
  (await custom.getNamespacedCustomObject({ ...resource, namespace, name })) as InferenceModel;

async function patchModel(name: string, body: object): Promise<void> {
  await custom.patchNamespacedCustomObject({ ...resource, namespace, name, body }, mergePatch);
}

const condition = (m: InferenceModel, type: string): Condition | undefined =>
  m.status?.conditions?.find((c) => c.type === type);

/** The model's Jobs by name, oldest first. */
/** The model's fine-tune Jobs (not its model-cache download Job). */
async function jobs(model: string): Promise<V1Job[]> {
  const labelSelector = `${MODEL_LABEL}=${model},app.kubernetes.io/component=finetune`;
  const list = await batch.listNamespacedJob({ namespace, labelSelector });
  return list.items;
}

async function jobNamed(name: string): Promise<V1Job> {
  return batch.readNamespacedJob({ name, namespace });
}

/** The Job the operator should create for the model's current (defaulted) fineTune spec. */
async function expectedJobName(name: string): Promise<string> {
  const spec = (await getModel(name)).spec!;
  return fineTuneJobName(name, fineTuneHash(spec.fineTune!, spec.vllm!));
}

async function deploymentArgs(name: string): Promise<string[]> {
  const d: V1Deployment = await apps.readNamespacedDeployment({ name, namespace });
  return d.spec?.template.spec?.containers[0]?.args ?? [];
}

/** Waits until the model's status satisfies `check`, and returns the model. */
async function statusOf(name: string, check: (m: InferenceModel) => boolean) {
  await eventually(async () => check(await getModel(name)), WAIT);
  return getModel(name);
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** What the Job controller writes when the trainer's pod exited 0 (Kubernetes 1.31+ order). */
async function markSucceeded(job: string): Promise<void> {
  const at = now();
  const done = (type: string) => ({
    type,
    status: 'True',
    reason: 'CompletionsReached',
    message: 'Reached expected number of succeeded pods',
    lastProbeTime: at,
    lastTransitionTime: at,
  });
  const status = {
    startTime: at,
    completionTime: at,
    succeeded: 1,
    conditions: [done('SuccessCriteriaMet'), done('Complete')],
  };
  await batch.patchNamespacedJobStatus({ name: job, namespace, body: { status } }, mergePatch);
}

/** What the Job controller writes when backoffLimit failed pods were reached. */
async function markFailed(job: string): Promise<void> {
  const at = now();
  const failed = (type: string) => ({
    type,
    status: 'True',
    reason: 'BackoffLimitExceeded',
    message: 'Job has reached the specified backoff limit',
    lastProbeTime: at,
    lastTransitionTime: at,
  });
  const status = {
    startTime: at,
    failed: 3,
    conditions: [failed('FailureTarget'), failed('Failed')],
  };
  await batch.patchNamespacedJobStatus({ name: job, namespace, body: { status } }, mergePatch);
}

async function markDeploymentReady(name: string, replicas = 1): Promise<void> {
  const status = {
    replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    updatedReplicas: replicas,
  };
  await apps.patchNamespacedDeploymentStatus({ name, namespace, body: { status } }, mergePatch);
}

describe('fine-tune Jobs', () => {
  const name = uniqueName('ft');
  let firstJob = '';

  it('runs the trainer as a Job named by the spec hash, owned by the model', async () => {
    const model = await createModel(name);
    firstJob = await expectedJobName(name);
    await eventually(async () => (await jobs(name)).length > 0, WAIT);
    const job = await jobNamed(firstJob);
    expect(job.metadata?.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'InferenceModel',
        name,
        uid: model.metadata?.uid,
        controller: true,
      }),
    ]);
    const trainer = job.spec!.template.spec!.containers[0]!;
    expect(trainer.image).toBe('ghcr.io/example/sluice-lora-trainer:0.1.0');
    expect(trainer.args).toEqual(
      expect.arrayContaining(['--dataset', 's3://support-data/tickets/train-2026-10.jsonl']),
    );
    expect(trainer.args!.join(' ')).toContain('--lora-rank 16 --lora-alpha 32');
    expect(trainer.args!.slice(-2)).toEqual(['--output', 's3://support-models/ticket-classifier/']);
  });

  it('reports the Job as pending and serves the base model meanwhile', async () => {
    const status = await statusOf(name, (m) => m.status?.fineTune?.jobName === firstJob);
    expect(status.status?.fineTune?.phase).toBe('Pending');
    expect(condition(status, 'FineTuneSucceeded')).toMatchObject({
      status: 'Unknown',
      reason: 'JobPending',
    });
    expect(status.status?.phase).toBe('FineTuning');
    await eventually(async () => (await deploymentArgs(name)).includes('--enable-lora'), WAIT);
    expect(await deploymentArgs(name)).not.toContain('--lora-modules');
  });

  it('serves the adapter once the Job succeeded, and Ready follows the Deployment', async () => {
    await markSucceeded(firstJob);
    const done = await statusOf(name, (m) => m.status?.fineTune?.phase === 'Succeeded');
    expect(condition(done, 'FineTuneSucceeded')).toMatchObject({
      status: 'True',
      reason: 'JobSucceeded',
    });
    expect(done.status?.fineTune).toMatchObject({
      jobName: firstJob,
      outputURI: 's3://support-models/ticket-classifier/',
    });
    expect(done.status?.servedModelName).toBe(`${name}-ft`);

    // vLLM gets a local path; an init container fetches the adapter from s3 before it starts.
    const local = `/downloads/${shortId('s3://support-models/ticket-classifier/')}`;
    await eventually(async () => (await deploymentArgs(name)).includes('--lora-modules'), WAIT);
    const args = await deploymentArgs(name);
    expect(args[args.indexOf('--lora-modules') + 1]).toBe(`${name}-ft=${local}`);
    const pod = (await apps.readNamespacedDeployment({ name, namespace })).spec?.template.spec;
    const fetchers = pod?.initContainers?.filter((c) => c.name !== 'wait-for-model-cache');
    expect(fetchers?.map((c) => c.command?.at(-1))).toEqual([local]);

    expect(condition(await getModel(name), 'Ready')?.status).toBe('False');
    await markDeploymentReady(name);
    const ready = await statusOf(name, (m) => condition(m, 'Ready')?.status === 'True');
    expect(ready.status).toMatchObject({ phase: 'Ready', readyReplicas: 1 });
  });

  it('never starts another Job for an unchanged spec, whatever reconciles it', async () => {
    const before = (await jobs(name)).map((j) => [j.metadata?.name, j.metadata?.resourceVersion]);
    // A label change reconciles the model; a Deployment change reconciles it again, visibly.
    await patchModel(name, { metadata: { labels: { touched: 'yes' } } });
    await markDeploymentReady(name, 2);
    await statusOf(name, (m) => m.status?.readyReplicas === 2);
    const after = (await jobs(name)).map((j) => [j.metadata?.name, j.metadata?.resourceVersion]);
    expect(after).toEqual(before);
    expect(after).toHaveLength(1);
  });

  it('starts a new Job when the fineTune spec changes, and keeps the old one', async () => {
    await patchModel(name, { spec: { fineTune: { hyperparameters: { epochs: 5 } } } });
    await eventually(async () => (await jobs(name)).length === 2, WAIT);
    const second = await expectedJobName(name);
    expect(second).not.toBe(firstJob);
    expect((await jobs(name)).map((j) => j.metadata?.name).sort()).toEqual(
      [firstJob, second].sort(),
    );
    expect((await jobNamed(second)).spec?.template.spec?.containers[0]?.args?.join(' ')).toContain(
      '--epochs 5',
    );
    // Only the current spec's Job counts: nothing new is served until it succeeds.
    const pending = await statusOf(name, (m) => m.status?.fineTune?.jobName === second);
    expect(pending.status?.fineTune?.phase).toBe('Pending');
    await eventually(async () => !(await deploymentArgs(name)).includes('--lora-modules'), WAIT);
  });
});

describe('a failed fine-tune Job', () => {
  it('surfaces the Job controller reason in FineTuneSucceeded and Degraded; deleting the Job retries', async () => {
    const name = uniqueName('ft-fail');
    await createModel(name);
    const job = await expectedJobName(name);
    await eventually(async () => (await jobs(name)).length === 1, WAIT);
    await markFailed(job);
    const failed = await statusOf(name, (m) => m.status?.fineTune?.phase === 'Failed');
    const fineTune = condition(failed, 'FineTuneSucceeded');
    expect(fineTune).toMatchObject({ status: 'False', reason: 'JobFailed' });
    expect(fineTune?.message).toContain(
      'BackoffLimitExceeded: Job has reached the specified backoff limit',
    );
    expect(fineTune?.message).toContain('3 failed');
    const degraded = condition(failed, 'Degraded');
    expect(degraded).toMatchObject({ status: 'True', reason: 'FineTuneFailed' });
    expect(degraded?.message).toContain('BackoffLimitExceeded');
    expect(failed.status?.phase).toBe('Degraded');
    expect(await deploymentArgs(name)).not.toContain('--lora-modules');

    // As the message says: deleting the failed Job retries the same spec under the same name.
    const uid = (await jobNamed(job)).metadata?.uid;
    await batch.deleteNamespacedJob({ name: job, namespace });
    await eventually(async () => {
      const again = await jobs(name);
      return again.length === 1 && again[0]?.metadata?.uid !== uid;
    }, WAIT);
    await statusOf(name, (m) => m.status?.fineTune?.phase === 'Pending');
  });
});
