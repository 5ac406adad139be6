// The caches of what InferenceModels own: one informer per child kind, listing and watching only
// the objects labelled managed-by=sluice-operator (not every Service of the cluster). The kinds of
// optional APIs (KEDA's ScaledObject, the Prometheus Operator's ServiceMonitor) are cached only
// while the cluster serves them: their informers start and stop as capabilities change.
import {
  AppsV1Api,
  AutoscalingV2Api,
  BatchV1Api,
  CoreV1Api,
  PolicyV1Api,
  type CustomObjectsApi,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { OPTIONAL_APIS, type Capability, type CapabilitySet } from '../../../kube/capabilities.js';
import { Informer, type InformerOptions } from '../../../runtime/index.js';
import { MANAGED_BY } from '../desired/labels.js';

export const CHILDREN_SELECTOR = `app.kubernetes.io/managed-by=${MANAGED_BY}`;

type List = () => Promise<KubernetesListObject<KubernetesObject>>;
type Lists = Record<string, { path: string; list: List }>;

/** The kinds every model may own, from the built-in APIs. */
function requiredKinds(kubeConfig: KubeConfig): Lists {
  const labelSelector = CHILDREN_SELECTOR;
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const policy = kubeConfig.makeApiClient(PolicyV1Api);
  const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);
  return {
    Deployment: {
      path: '/apis/apps/v1/deployments',
      list: () => apps.listDeploymentForAllNamespaces({ labelSelector }),
    },
    Job: {
      path: '/apis/batch/v1/jobs',
      list: () => batch.listJobForAllNamespaces({ labelSelector }),
    },
    Service: {
      path: '/api/v1/services',
      list: () => core.listServiceForAllNamespaces({ labelSelector }),
    },
    PodDisruptionBudget: {
      path: '/apis/policy/v1/poddisruptionbudgets',
      list: () => policy.listPodDisruptionBudgetForAllNamespaces({ labelSelector }),
    },
    PersistentVolumeClaim: {
      path: '/api/v1/persistentvolumeclaims',
      list: () => core.listPersistentVolumeClaimForAllNamespaces({ labelSelector }),
    },
    HorizontalPodAutoscaler: {
      path: '/apis/autoscaling/v2/horizontalpodautoscalers',
      list: () => autoscaling.listHorizontalPodAutoscalerForAllNamespaces({ labelSelector }),
    },
  };
}

/** The kind each optional API contributes. */
export const OPTIONAL_KINDS: Readonly<Record<Capability, string>> = {
  keda: 'ScaledObject',
  serviceMonitor: 'ServiceMonitor',
};

export interface ChildInformersOptions {
  readonly kubeConfig: KubeConfig;
  readonly custom: CustomObjectsApi;
  /** Everything an Informer needs besides what to list. */
  readonly informer: Omit<InformerOptions<KubernetesObject>, 'kubeConfig' | 'path' | 'list'>;
  /** A child was added, changed or deleted (or resynced). */
  readonly onChange: (child: KubernetesObject) => void;
}

export class ChildInformers {
  private readonly byKind = new Map<string, Informer<KubernetesObject>>();
  private following: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: ChildInformersOptions) {}

  /** Creates the informers of the built-in kinds (not started: the caller's Manager starts them). */
  required(): Array<Informer<KubernetesObject>> {
    return Object.entries(requiredKinds(this.options.kubeConfig)).map(([kind, source]) =>
      this.create(kind, source.path, source.list),
    );
  }

  /**
   * Starts the informers of newly served optional kinds and stops those no longer served; one
   * change after the other, and none once stopped (a change detected during shutdown).
   */
  follow(capabilities: CapabilitySet): Promise<void> {
    const next = this.following.then(() => this.apply(capabilities));
    this.following = next.catch(() => undefined);
    return next;
  }

  private async apply(capabilities: CapabilitySet): Promise<void> {
    if (this.stopped) return;
    for (const capability of Object.keys(OPTIONAL_KINDS) as Capability[]) {
      const kind = OPTIONAL_KINDS[capability];
      const cached = this.byKind.get(kind);
      if (capabilities[capability] && !cached)
        this.create(kind, ...this.custom(capability)).start();
      if (!capabilities[capability] && cached) {
        this.byKind.delete(kind);
        await cached.stop();
      }
    }
  }

  /** The cache of a kind; undefined when the kind is not cached (an optional API not served). */
  cacheOf(kind: string): Informer<KubernetesObject> | undefined {
    return this.byKind.get(kind);
  }

  /** True when every cache has listed once. */
  hasSynced(): boolean {
    return [...this.byKind.values()].every((informer) => informer.hasSynced());
  }

  /** Stops the optional informers (the Manager stops the required ones). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.following;
    const optional = new Set(Object.values(OPTIONAL_KINDS));
    const stopping = [...this.byKind].filter(([kind]) => optional.has(kind));
    await Promise.all(stopping.map(([, informer]) => informer.stop()));
  }

  private custom(capability: Capability): [string, List] {
    const api = OPTIONAL_APIS[capability];
    const path = `/apis/${api.group}/${api.version}/${api.plural}`;
    const list = async () =>
      (await this.options.custom.listCustomObjectForAllNamespaces({
        ...api,
        labelSelector: CHILDREN_SELECTOR,
      })) as KubernetesListObject<KubernetesObject>;
    return [path, list];
  }

  private create(kind: string, path: string, list: List): Informer<KubernetesObject> {
    const informer = new Informer<KubernetesObject>({
      ...this.options.informer,
      kubeConfig: this.options.kubeConfig,
      path,
      list,
      labelSelector: CHILDREN_SELECTOR,
    });
    informer.onChange(this.options.onChange);
    this.byKind.set(kind, informer);
    return informer;
  }
}
