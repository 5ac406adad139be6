import type { KubernetesListObject, KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import {
  INFERENCE_MODEL,
  QUANTIZATION_PROFILE,
  ROUTING_POLICY,
  type InferenceModel,
  type QuantizationProfile,
  type RoutingPolicy,
} from '@sluice/crds';
import {
  DEFAULT_WATCH_FAILURE_POLICY,
  Informer,
  type RuntimeLogger,
  type WatchFailurePolicy,
} from '@sluice/operator/runtime';
import type { KubeConnection } from '../../kube/kube-clients.js';
import { ROUTER_MODEL_SELECTOR } from './policy-router-model.js';
import type { CatalogSources } from './routing-catalog.js';

/**
 * The API never gives up on a watch: unlike the operator, whose restart converges again, a
 * restarted API would lose the policies it routes by while the control plane is away (SPEC 6:
 * Route keeps answering from the last in-memory policy). It keeps retrying with back-off instead.
 */
export const API_WATCH_FAILURE_POLICY: WatchFailurePolicy = {
  ...DEFAULT_WATCH_FAILURE_POLICY,
  fatalAfterMs: Number.POSITIVE_INFINITY,
};

interface CrdNames {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

type Watched<T> = Informer<T & KubernetesObject>;

export interface CatalogInformerSet extends CatalogSources {
  readonly models: Watched<InferenceModel>;
  readonly policies: Watched<RoutingPolicy>;
  readonly profiles: Watched<QuantizationProfile>;
  readonly routerModels: Informer<V1ConfigMap & KubernetesObject>;
  readonly all: readonly Informer<KubernetesObject>[];
}

/** List+watch of the three sluice.dev kinds and the labelled ConfigMaps in all namespaces. */
export function catalogInformers(
  connection: KubeConnection,
  logger: RuntimeLogger,
): CatalogInformerSet {
  const crd = <T>(names: CrdNames): Watched<T> =>
    new Informer<T & KubernetesObject>({
      kubeConfig: connection.kubeConfig,
      path: `/apis/${names.group}/${names.version}/${names.plural}`,
      list: async () =>
        (await connection.custom.listCustomObjectForAllNamespaces(names)) as KubernetesListObject<
          T & KubernetesObject
        >,
      failurePolicy: API_WATCH_FAILURE_POLICY,
      onFatal: (error: unknown) => logger.error({ err: error }, `Watch of ${names.plural} stopped`),
      logger,
    });
  const models = crd<InferenceModel>(INFERENCE_MODEL);
  const policies = crd<RoutingPolicy>(ROUTING_POLICY);
  const profiles = crd<QuantizationProfile>(QUANTIZATION_PROFILE);
  const routerModels = new Informer<V1ConfigMap & KubernetesObject>({
    kubeConfig: connection.kubeConfig,
    path: '/api/v1/configmaps',
    labelSelector: ROUTER_MODEL_SELECTOR,
    list: () =>
      connection.core.listConfigMapForAllNamespaces({ labelSelector: ROUTER_MODEL_SELECTOR }),
    failurePolicy: API_WATCH_FAILURE_POLICY,
    onFatal: (error: unknown) => logger.error({ err: error }, 'Watch of configmaps stopped'),
    logger,
  });
  const all = [models, policies, profiles, routerModels] as unknown as Informer<KubernetesObject>[];
  return { models, policies, profiles, routerModels, all };
}
