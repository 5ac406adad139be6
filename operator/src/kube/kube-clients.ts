import { Injectable } from '@nestjs/common';
import {
  CoordinationV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  type KubeConfig,
} from '@kubernetes/client-node';
import { InjectOperatorConfig, type OperatorConfig } from '../config/operator-config.js';
import { RateLimiter, limitRequests } from '../runtime/index.js';
import { loadKubeConfig } from './kube-connection.js';

/**
 * The clients controllers write with: one KubeConfig whose every request waits for the
 * client-side rate limiter (KUBE_QPS, KUBE_BURST), as client-go's rest.Config does. Events get a
 * client of their own with its own limiter (KUBE_EVENT_QPS, KUBE_EVENT_BURST), as each client-go
 * clientset (controller-runtime's event broadcaster has its own) gets its own token bucket.
 */
@Injectable()
export class KubeClients {
  readonly kubeConfig: KubeConfig;
  readonly objects: KubernetesObjectApi;
  readonly custom: CustomObjectsApi;
  readonly coordination: CoordinationV1Api;
  readonly events: KubernetesObjectApi;

  constructor(@InjectOperatorConfig() config: OperatorConfig) {
    const limiter = new RateLimiter({ qps: config.KUBE_QPS, burst: config.KUBE_BURST });
    this.kubeConfig = limitRequests(loadKubeConfig(config.KUBECONFIG), limiter);
    this.objects = KubernetesObjectApi.makeApiClient(this.kubeConfig);
    this.custom = this.kubeConfig.makeApiClient(CustomObjectsApi);
    this.coordination = this.kubeConfig.makeApiClient(CoordinationV1Api);
    const eventLimiter = new RateLimiter({
      qps: config.KUBE_EVENT_QPS,
      burst: config.KUBE_EVENT_BURST,
    });
    const eventConfig = limitRequests(loadKubeConfig(config.KUBECONFIG), eventLimiter);
    this.events = KubernetesObjectApi.makeApiClient(eventConfig);
  }
}
