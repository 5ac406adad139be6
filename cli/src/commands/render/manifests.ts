// Reading the files given to `sluice render`: multi-document YAML (or JSON, a YAML subset), and
// kubectl's `kind: List` wrappers. Sorts the documents into what the planner reads.
import { parseAllDocuments } from 'yaml';

export type ManifestObject = Record<string, unknown> & {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
};

export interface SourceFile {
  name: string;
  text: string;
}

export interface Manifests {
  models: ManifestObject[];
  profiles: ManifestObject[];
  /** Documents render does not plan ("RoutingPolicy default/x"); Secrets are not listed. */
  skipped: string[];
}

export const SLUICE_API_VERSION = 'sluice.dev/v1alpha1';

/** Every non-empty document of every file, namespaced like kubectl does (default namespace). */
export function parseManifests(files: readonly SourceFile[], namespace: string): Manifests {
  const manifests: Manifests = { models: [], profiles: [], skipped: [] };
  for (const file of files) {
    for (const object of documents(file)) sort(manifests, withNamespace(object, namespace));
  }
  return manifests;
}

function documents(file: SourceFile): ManifestObject[] {
  return parseAllDocuments(file.text).flatMap((doc) => {
    const error = doc.errors[0];
    if (error) throw new Error(`${file.name}: ${error.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${file.name}: a document is not a Kubernetes object`);
    }
    const object = value as ManifestObject;
    return object.kind === 'List' && Array.isArray(object.items)
      ? (object.items as ManifestObject[])
      : [object];
  });
}

function withNamespace(object: ManifestObject, namespace: string): ManifestObject {
  const metadata = { ...object.metadata };
  metadata.namespace ??= namespace;
  return { ...object, metadata };
}

function sort(manifests: Manifests, object: ManifestObject): void {
  const sluice = object.apiVersion === SLUICE_API_VERSION;
  if (sluice && object.kind === 'InferenceModel') manifests.models.push(object);
  else if (sluice && object.kind === 'QuantizationProfile') manifests.profiles.push(object);
  else if (object.kind !== 'Secret') manifests.skipped.push(describe(object));
}

/** "Kind namespace/name", as messages name objects. */
export function describe(object: ManifestObject): string {
  const { name, namespace } = object.metadata ?? {};
  return `${String(object.kind)} ${String(namespace)}/${String(name)}`;
}
