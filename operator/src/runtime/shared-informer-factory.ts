import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import { Informer, type InformerOptions } from './informer.js';

/** Which collection an informer caches: client-go's informer key, a GroupVersionResource. */
export interface InformerResource {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly labelSelector?: string;
}

export interface InformerSource<T extends KubernetesObject> {
  /** The collection's URL path across all namespaces, e.g. `/apis/apps/v1/deployments`. */
  readonly path: string;
  readonly list: () => Promise<KubernetesListObject<T>>;
}

/** What every informer of a factory shares; `onFatal` is told which path failed. */
export type SharedInformerOptions = Omit<
  InformerOptions<KubernetesObject>,
  'path' | 'list' | 'labelSelector' | 'onFatal'
> & {
  readonly onFatal: (path: string, error: unknown) => void;
  /** Called once per informer created, e.g. to let a Manager start and stop it. */
  readonly onCreated?: (informer: Informer<KubernetesObject>) => void;
};

/** The key of one shared informer; the label selector is part of it, as in client-go. */
export const informerKey = (r: InformerResource): string =>
  `${r.group}/${r.version}/${r.resource}?${r.labelSelector ?? ''}`;

/**
 * client-go's SharedInformerFactory, small: one informer (one LIST, one WATCH) per resource and
 * label selector, however many controllers ask for it; each adds its own handler with onChange.
 * Who starts and stops the informers is the caller's (see onCreated).
 */
export class SharedInformerFactory {
  private readonly informers = new Map<string, Informer<KubernetesObject>>();

  constructor(private readonly options: SharedInformerOptions) {}

  /** The informer of `resource`, created from `source` the first time it is asked for. */
  informerFor<T extends KubernetesObject>(
    resource: InformerResource,
    source: () => InformerSource<T>,
  ): Informer<T> {
    const key = informerKey(resource);
    const shared = this.informers.get(key);
    if (shared) return shared as unknown as Informer<T>;
    const { path, list } = source();
    const { onFatal, onCreated, ...rest } = this.options;
    const informer = new Informer<T>({
      ...rest,
      path,
      list,
      ...(resource.labelSelector === undefined ? {} : { labelSelector: resource.labelSelector }),
      onFatal: (error) => onFatal(path, error),
    });
    const erased = informer as unknown as Informer<KubernetesObject>;
    this.informers.set(key, erased);
    onCreated?.(erased);
    return informer;
  }

  /** How many distinct informers were created (one per key). */
  get size(): number {
    return this.informers.size;
  }
}
