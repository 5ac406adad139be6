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
 * client-side rate limiter (KUBE_QPS, KUBE_BURST), as client-go's rest.Config does.
 */
@Injectable()
export class KubeClients {
  readonly kubeConfig: KubeConfig;
  readonly objects: KubernetesObjectApi;
  readonly custom: CustomObjectsApi;
  readonly coordination: CoordinationV1Api;

  constructor(@InjectOperatorConfig() config: OperatorConfig) {
    const limiter = new RateLimiter({ qps: config.KUBE_QPS, burst: config.KUBE_BURST });
    this.kubeConfig = limitRequests(loadKubeConfig(config.KUBECONFIG), limiter);
    this.objects = KubernetesObjectApi.makeApiClient(this.kubeConfig);
    this.custom = this.kubeConfig.makeApiClient(CustomObjectsApi);
    this.coordination = this.kubeConfig.makeApiClient(CoordinationV1Api);
  }
}
