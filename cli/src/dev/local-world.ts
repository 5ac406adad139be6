// Everything `sluice dev` starts around the API when no cluster is configured: the test server
// with the CRDs and examples/, one fake backend per example model, the operator in-process and
// the local kubelet; once the API listens, the KEDA stand-in. Stopped in reverse order.
import { join } from 'node:path';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { operatorEnvSchema, type DevEnv, type Logger, createLogger } from '@sluice/common';
import { startOperator, type RunningOperator } from '@sluice/operator';
import { exampleModels, readManifests, REPO_ROOT, type ExampleModel } from './examples.js';
import { closeFakeBackends, startFakeBackends, type FakeBackend } from './fake-backends.js';
import { applyObjects, startLocalCluster, type LocalCluster } from './local-cluster.js';
import { LocalKeda } from './local-keda.js';
import { LocalKubelet } from './local-kubelet.js';

export interface LocalWorld {
  readonly kubeconfigPath: string;
  readonly backends: readonly FakeBackend[];
  readonly operator: RunningOperator;
  /** Starts the KEDA stand-in, which reads the demand it scales on from the API's /metrics. */
  startKeda(apiMetricsUrl: string): void;
  stop(): Promise<void>;
}

export async function startLocalWorld(env: DevEnv, logger: Logger): Promise<LocalWorld> {
  const objects = readManifests(join(REPO_ROOT, 'examples'));
  const cluster = await startLocalCluster(join(env.SLUICE_DATA_DIR, 'kubeconfig'));
  const backends = await startFakeBackends(exampleModels(objects)).catch(async (error: unknown) => {
    await cluster.server.close();
    throw error;
  });
  const stopBackends = async (): Promise<void> => {
    await closeFakeBackends(backends);
    logger.info('Stopped fake backends');
    await cluster.server.close();
    logger.info('Stopped the Kubernetes-API test server');
  };
  try {
    await applyObjects(cluster.kubeConfig, objects);
    const operator = await startOperator(
      operatorConfig(env, cluster),
      createLogger(env, 'operator'),
    );
    const kubelet = new LocalKubelet(cluster.kubeConfig, logger);
    kubelet.start();
    const keda = new LocalKeda(cluster.kubeConfig, logger);
    await waitUntilReady(cluster.kubeConfig, exampleModels(objects), logger);
    const stop = async (): Promise<void> => {
      await keda.stop();
      await kubelet.stop();
      await operator.app.close();
      logger.info('Stopped the operator');
      await stopBackends();
    };
    const startKeda = (url: string) => keda.start(url);
    return { kubeconfigPath: cluster.kubeconfigPath, backends, operator, startKeda, stop };
  } catch (error) {
    await stopBackends();
    throw error;
  }
}

/** One operator, so no leader election; its HTTP on a free port (probes and metrics). */
function operatorConfig(env: DevEnv, cluster: LocalCluster) {
  return operatorEnvSchema.parse({
    LOG_LEVEL: env.LOG_LEVEL,
    LOG_FORMAT: env.LOG_FORMAT,
    KUBECONFIG: cluster.kubeconfigPath,
    OPERATOR_HTTP_ADDR: '127.0.0.1:0',
    LEADER_ELECTION: 'false',
  });
}

const isReady = (model: { status?: { conditions?: { type: string; status: string }[] } }) =>
  model.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** The banner should describe a world that works: wait (bounded) until every model is Ready. */
async function waitUntilReady(
  kubeConfig: KubeConfig,
  models: readonly ExampleModel[],
  logger: Logger,
  timeoutMs = 30_000,
): Promise<void> {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const deadline = Date.now() + timeoutMs;
  let notReady: string[] = models.map((m) => m.name);
  while (Date.now() < deadline) {
    const list = (await custom.listClusterCustomObject({
      group: 'sluice.dev',
      version: 'v1alpha1',
      plural: 'inferencemodels',
    })) as { items: { metadata?: { name?: string }; status?: never }[] };
    notReady = list.items.filter((m) => !isReady(m)).map((m) => m.metadata?.name ?? '');
    if (notReady.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  logger.warn({ models: notReady }, 'Some example models are not Ready yet; see kubectl describe');
}
