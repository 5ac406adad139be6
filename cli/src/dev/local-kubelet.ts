// LOCAL MODE ONLY. The test server has no kubelet and no Deployment controller, so the operator's
// vLLM Deployments would never get pods and no model would become Ready. This loop plays their
// part for the operator's Deployments only: it reports every wanted replica as ready (the fake
// vLLM answers for them) in the Deployment's status, which a real cluster writes itself. The
// operator then derives Ready, phase and capacity exactly as it does in a cluster.
import { AppsV1Api, type KubeConfig, type V1Deployment } from '@kubernetes/client-node';
import type { Logger } from '@sluice/common';

const OPERATOR_DEPLOYMENTS = 'app.kubernetes.io/managed-by=sluice-operator';

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

export class LocalKubelet {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly logger: Logger,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.sync())
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'Local kubelet could not update Deployments');
        });
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sync(): Promise<void> {
    const apps = this.kubeConfig.makeApiClient(AppsV1Api);
    const list = await apps.listDeploymentForAllNamespaces({ labelSelector: OPERATOR_DEPLOYMENTS });
    for (const deployment of list.items) {
      const status = readyStatus(deployment);
      if (status === undefined) continue;
      const { name = '', namespace = 'default' } = deployment.metadata ?? {};
      await apps.replaceNamespacedDeploymentStatus({
        name,
        namespace,
        body: { ...deployment, status },
      });
      this.logger.info({ deployment: `${namespace}/${name}` }, 'Local kubelet: replicas ready');
    }
  }
}
