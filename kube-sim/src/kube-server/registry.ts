// Which resources are served: the built-in table plus those registered by CRDs. Creating a CRD
// registers its served versions; deleting it removes them (the store drops their objects).
import { builtinTypes } from './builtins.js';
import type { Json, KubeObject, PrinterColumn, ResourceType } from './types.js';

type CrdVersion = {
  name: string;
  served?: boolean;
  subresources?: { status?: unknown };
  additionalPrinterColumns?: PrinterColumn[];
  schema?: { openAPIV3Schema?: Json };
};

interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: {
    plural: string;
    singular?: string;
    kind: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

export const crdTypes = (crd: KubeObject): ResourceType[] => {
  const spec = crd['spec'] as CrdSpec;
  const n = spec.names;
  return spec.versions
    .filter((v) => v.served !== false)
    .map((v) => ({
      group: spec.group,
      version: v.name,
      plural: n.plural,
      singular: n.singular ?? n.kind.toLowerCase(),
      kind: n.kind,
      listKind: n.listKind ?? `${n.kind}List`,
      namespaced: spec.scope !== 'Cluster',
      hasStatus: v.subresources?.status !== undefined,
      shortNames: n.shortNames ?? [],
      categories: n.categories ?? [],
      printerColumns: v.additionalPrinterColumns ?? [],
      ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
      crd,
    }));
};

/** The status the apiextensions controllers set once a CRD's names are accepted. */
export const crdStatus = (crd: KubeObject): Json => {
  const spec = crd['spec'] as CrdSpec;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const condition = (type: string, reason: string, message: string): Json => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    acceptedNames: { ...spec.names, listKind: spec.names.listKind ?? `${spec.names.kind}List` },
    storedVersions: spec.versions
      .filter((v) => (v as { storage?: boolean }).storage)
      .map((v) => v.name),
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
  };
};

export class Registry {
  private types: ResourceType[] = builtinTypes();

  /** The resources served at one group-version (discovery and OpenAPI documents list these). */
  servedAt(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.version === version);
  }

  all(): ResourceType[] {
    return this.types;
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find(
      (t) => t.group === group && t.version === version && t.plural === plural,
    );
  }

  register(crd: KubeObject): void {
    this.unregister(crd.metadata.name ?? '');
    this.types.push(...crdTypes(crd));
  }

  /** Returns the removed types so their objects can be dropped. */
  unregister(crdName: string): ResourceType[] {
    const removed = this.types.filter((t) => t.crd?.metadata.name === crdName);
    this.types = this.types.filter((t) => t.crd?.metadata.name !== crdName);
    return removed;
  }

  groupVersions(): Array<{ group: string; version: string }> {
    const seen = new Map<string, { group: string; version: string }>();
    for (const t of this.types) seen.set(`${t.group}/${t.version}`, t);
    return [...seen.values()];
  }
}
