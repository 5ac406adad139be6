// The manifests local mode applies: examples/*.yaml (never examples/invalid/, which the API
// server must refuse), and which of their models need a fake backend.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

/** cli/dist/dev -> the repository root, where crds/ and examples/ are. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ExampleModel {
  readonly namespace: string;
  readonly name: string;
  readonly provider: 'vllm' | 'external';
  /** The name the fake must serve: what the router will send in `model`. */
  readonly servedModelName: string;
}

interface ModelManifest extends KubernetesObject {
  spec?: {
    provider?: string;
    vllm?: { servedModelName?: string };
    external?: { modelId?: string };
  };
}

export function readManifests(dir: string): KubernetesObject[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8'))
      .map((doc) => doc.toJS() as KubernetesObject | null)
      .filter((object): object is KubernetesObject => object !== null),
  );
}

/** The InferenceModels among the manifests, with the name each one serves. */
export function exampleModels(objects: readonly KubernetesObject[]): ExampleModel[] {
  return objects
    .filter((object) => object.kind === 'InferenceModel')
    .map((object) => toModel(object as ModelManifest));
}

function toModel(model: ModelManifest): ExampleModel {
  const name = model.metadata?.name ?? '';
  const namespace = model.metadata?.namespace ?? 'default';
  const provider = model.spec?.provider === 'external' ? 'external' : 'vllm';
  return { namespace, name, provider, servedModelName: servedName(model, name) };
}

/** The operator's default for vLLM (resolved-spec.ts) is the model's own name. */
function servedName(model: ModelManifest, name: string): string {
  const spec = model.spec;
  const fromSpec =
    spec?.provider === 'external' ? spec.external?.modelId : spec?.vllm?.servedModelName;
  return fromSpec ?? name;
}
