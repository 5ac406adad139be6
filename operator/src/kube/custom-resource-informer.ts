import type {
  CustomObjectsApi,
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import type { Informer, SharedInformerFactory } from '../runtime/index.js';

export interface CustomResourceNames {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

/** The shared informer of a custom resource across all namespaces (one per operator). */
export function customResourceInformer<T extends KubernetesObject>(
  factory: SharedInformerFactory,
  custom: CustomObjectsApi,
  names: CustomResourceNames,
): Informer<T> {
  const { group, version, plural } = names;
  return factory.informerFor<T>({ group, version, resource: plural }, () => ({
    path: `/apis/${group}/${version}/${plural}`,
    list: async () =>
      (await custom.listCustomObjectForAllNamespaces({
        group,
        version,
        plural,
      })) as KubernetesListObject<T>,
  }));
}
