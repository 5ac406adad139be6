// LOCAL MODE ONLY. The test server has no kubelet and no Deployment or Job controller, so the
// operator's vLLM Deployments would never get pods and no model would become Ready. This loop
// plays their part for the operator's children only: it reports every wanted replica as ready
// (the fake vLLM answers for them) in the Deployment's status, after a start-up time during which
// the new replicas are reported not ready (vLLM loading weights), and each model-cache download Job
// as complete (there are no weights to fetch), as a real cluster writes them itself. The operator
// then derives Ready, ModelCached, phase and capacity exactly as it does in a cluster.
import {
  AppsV1Api,
  BatchV1Api,
  type KubeConfig,
  type V1Deployment,
  type V1Job,
} from '@kubernetes/client-node';
import type { Logger } from '@sluice/common';

const OPERATOR_DEPLOYMENTS = 'app.kubernetes.io/managed-by=sluice-operator';
const DOWNLOAD_JOBS = `${OPERATOR_DEPLOYMENTS},app.kubernetes.io/component=model-cache`;

/** The status a Job controller reports once its one pod succeeded; undefined when it says so. */
export function completeStatus(job: V1Job, now: Date): V1Job['status'] | undefined {
  const done = job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True');
  if (done) return undefined;
  const startTime = job.status?.startTime ?? now;
  return {
    startTime,
    completionTime: now,
    succeeded: 1,
    conditions: [
      { type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: now },
      { type: 'Complete', status: 'True', lastTransitionTime: now },
    ],
  };
}

/** The status a Deployment controller reports once every replica of this generation is ready. */
export function readyStatus(deployment: V1Deployment): V1Deployment['status'] | undefined {
  const replicas = deployment.spec?.replicas ?? 1;
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  if (status.observedGeneration === generation && status.readyReplicas === replicas)
    return undefined;
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
  };
}

/** The status while more replicas are wanted than are ready: the new ones still starting. */
export function startingStatus(deployment: V1Deployment): V1Deployment['status'] | undefined {
  const replicas = deployment.spec?.replicas ?? 1;
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  const ready = status.readyReplicas ?? 0;
  if (status.observedGeneration === generation && status.replicas === replicas) return undefined;
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: ready,
    availableReplicas: ready,
  };
}

export class LocalKubelet {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Since when each Deployment (by uid) has wanted more replicas than are ready. */
  private readonly starting = new Map<string, number>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly logger: Logger,
    private readonly intervalMs = 500,
    /** How long a new replica takes to be ready (a real vLLM: minutes of loading weights). */
    private readonly startupMs = 2000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.sync())
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'Local kubelet could not update Deployments or Jobs');
        });
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sync(): Promise<void> {
    await this.syncDeployments();
    await this.completeDownloads();
  }

  private async completeDownloads(): Promise<void> {
    const batch = this.kubeConfig.makeApiClient(BatchV1Api);
    const list = await batch.listJobForAllNamespaces({ labelSelector: DOWNLOAD_JOBS });
    for (const job of list.items) {
      const status = completeStatus(job, new Date());
      if (status === undefined) continue;
      const { name = '', namespace = 'default' } = job.metadata ?? {};
      await batch.replaceNamespacedJobStatus({ name, namespace, body: { ...job, status } });
      this.logger.info({ job: `${namespace}/${name}` }, 'Local kubelet: model download complete');
    }
  }

  private async syncDeployments(): Promise<void> {
    const apps = this.kubeConfig.makeApiClient(AppsV1Api);
    const list = await apps.listDeploymentForAllNamespaces({ labelSelector: OPERATOR_DEPLOYMENTS });
    for (const deployment of list.items) {
      const status = this.statusOf(deployment, Date.now());
      if (status === undefined) continue;
      const { name = '', namespace = 'default' } = deployment.metadata ?? {};
      await apps.replaceNamespacedDeploymentStatus({
        name,
        namespace,
        body: { ...deployment, status },
      });
      const ready = `${status?.readyReplicas ?? 0} of ${status?.replicas ?? 0} replicas ready`;
      this.logger.info({ deployment: `${namespace}/${name}` }, `Local kubelet: ${ready}`);
    }
  }

  private statusOf(deployment: V1Deployment, nowMs: number): V1Deployment['status'] | undefined {
    const key = deployment.metadata?.uid ?? '';
    const wanted = deployment.spec?.replicas ?? 1;
    if (wanted <= (deployment.status?.readyReplicas ?? 0)) {
      this.starting.delete(key);
      return readyStatus(deployment);
    }
    const since = this.starting.get(key) ?? nowMs;
    this.starting.set(key, since);
    if (nowMs - since < this.startupMs) return startingStatus(deployment);
    this.starting.delete(key);
    return readyStatus(deployment);
  }
}
