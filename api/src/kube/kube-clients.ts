import { Injectable } from '@nestjs/common';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { InjectApiConfig, type ApiConfig } from '../config/api-config.js';
import { loadKubeConfig } from './kube-config.js';

/**
 * What the API needs of a configured cluster: it lists and watches sluice.dev objects, and the
 * ConfigMaps labelled as router model artifacts (router-model-configmaps.ts).
 */
export interface KubeConnection {
  readonly kubeConfig: KubeConfig;
  readonly custom: CustomObjectsApi;
  readonly core: CoreV1Api;
  /** The API server's URL, for logs. */
  readonly server: string;
}

/**
 * The API's Kubernetes clients, from KUBECONFIG, ~/.kube/config or the in-cluster service
 * account; `connection` is undefined when none of them exists (see kube-config.ts). No
 * client-side rate limit: the API makes one list and one watch per kind, not a request per query.
 */
@Injectable()
export class KubeClients {
  readonly connection: KubeConnection | undefined;

  constructor(@InjectApiConfig() config: ApiConfig) {
    const kubeConfig = loadKubeConfig({ kubeconfig: config.KUBECONFIG });
    this.connection =
      kubeConfig === undefined
        ? undefined
        : {
            kubeConfig,
            custom: kubeConfig.makeApiClient(CustomObjectsApi),
            core: kubeConfig.makeApiClient(CoreV1Api),
            server: kubeConfig.getCurrentCluster()?.server ?? '(none)',
          };
  }
}
