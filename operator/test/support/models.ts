// InferenceModels and their children through client-node, for tests that drive the whole
// operator: the examples/ manifests, reads that treat 404 as absent, and quiescence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiException,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type KubernetesObject,
  type V1Deployment,
} from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import type { InferenceModel } from '@sluice/crds';
import { eventually } from './cluster.js';
import { repoRoot } from './sluice-crds.js';

const crd = { group: 'sluice.dev', version: 'v1alpha1', plural: 'inferencemodels' };
const namespace = 'default';

/** An examples/ manifest: the first document, or the one with this name. */
export function example<T = KubernetesObject>(file: string, name?: string): T {
  const text = readFileSync(join(repoRoot, 'examples', file), 'utf8');
  if (name === undefined) return parse(text) as T;
  const docs = parseAllDocuments(text).map((doc) => doc.toJS() as KubernetesObject);
  const found = docs.find((doc) => doc.metadata?.name === name);
  if (!found) throw new Error(`examples/${file} has no ${name}`);
  return found as T;
}

export function modelClient(kubeConfig: KubeConfig) {
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  const get = async (name: string): Promise<InferenceModel> =>
    (await custom.getNamespacedCustomObject({ ...crd, namespace, name })) as InferenceModel;
  const child = async <T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    name: string,
  ): Promise<T | undefined> => {
    try {
      return await objects.read<T>({ apiVersion, kind, metadata: { name, namespace } });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  };
  return {
    objects,
    get,
    child,
    deployment: (name: string) => child<V1Deployment>('apps/v1', 'Deployment', name),
    create: async (model: InferenceModel): Promise<void> => {
      await custom.createNamespacedCustomObject({ ...crd, namespace, body: model });
    },
    patch: async (name: string, body: object): Promise<void> => {
      const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
      await custom.patchNamespacedCustomObject({ ...crd, namespace, name, body }, options);
    },
    /** The status caught up with the spec: observedGeneration is the generation, Ready is set. */
    observed: async (name: string): Promise<boolean> => {
      const model = await get(name);
      const ready = model.status?.conditions?.some((c) => c.type === 'Ready');
      return model.status?.observedGeneration === model.metadata?.generation && ready === true;
    },
  };
}

export type ModelClient = ReturnType<typeof modelClient>;

/** The value after `flag` in the vLLM container's args. */
export function vllmArg(deployment: V1Deployment | undefined, flag: string): string | undefined {
  const args = deployment?.spec?.template.spec?.containers[0]?.args ?? [];
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

/** Waits until `snapshot` stops changing for `quietMs` (quiescence), and returns it. */
export async function settled(
  snapshot: () => Promise<string>,
  quietMs = 500,
  ms = 15_000,
): Promise<string> {
  let last = await snapshot();
  let since = Date.now();
  await eventually(async () => {
    const now = await snapshot();
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= quietMs;
  }, ms);
  return last;
}
