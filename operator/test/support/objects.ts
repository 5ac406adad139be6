// Reads and merge patches of arbitrary objects for tests that tamper with what the operator owns.
import {
  ApiException,
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from '@kubernetes/client-node';

export const objectRef = (
  namespace: string,
  apiVersion: string,
  kind: string,
  name: string,
): KubernetesObject => ({ apiVersion, kind, metadata: { name, namespace } });

/** The object as stored, or undefined when it does not exist. */
export async function readObject(
  objects: KubernetesObjectApi,
  object: KubernetesObject,
): Promise<KubernetesObject | undefined> {
  try {
    return await objects.read(object as KubernetesObject & { metadata: { name: string } });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  }
}

export const mergePatch = (
  objects: KubernetesObjectApi,
  object: KubernetesObject,
  body: object,
): Promise<KubernetesObject> =>
  objects.patch(
    { ...object, ...body },
    undefined,
    undefined,
    undefined,
    undefined,
    PatchStrategy.MergePatch,
  );
