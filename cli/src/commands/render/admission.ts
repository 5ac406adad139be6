// What the API server would store: the sluice.dev CRD schemas (crds/*.yaml, the source of truth)
// prune, default and validate each document, with the same code the Kubernetes-API test server
// runs (@sluice/crds/admission). Rendering the stored form keeps render faithful to the operator,
// which plans from what the API server returns, defaults included.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatInvalid, validateCustomResource } from '@sluice/crds/admission';
import type { ManifestObject } from './manifests.js';

/** crds/ seen from cli/src/commands/render/ and from cli/dist/commands/render/ alike. */
const CRD_DIR = new URL('../../../../crds/', import.meta.url);
const CRD_FILES: Record<string, string> = {
  InferenceModel: 'sluice.dev_inferencemodels.yaml',
  QuantizationProfile: 'sluice.dev_quantizationprofiles.yaml',
};
const VERSION = 'v1alpha1';
const GROUP = 'sluice.dev';

export type Admitted = { object: ManifestObject } | { error: string };

export class Admission {
  private readonly crds = new Map<string, Record<string, unknown>>();

  /** The object as stored (pruned and defaulted), or kube-apiserver's Invalid message. */
  admit(object: ManifestObject): Admitted {
    const kind = String(object.kind);
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    if (name === '') return { error: `${kind}: metadata.name: Required value` };
    const result = validateCustomResource({ crd: this.crd(kind), version: VERSION, object });
    if (result.errors.length > 0) return { error: formatInvalid(kind, GROUP, name, result.errors) };
    return { object: result.object as ManifestObject };
  }

  private crd(kind: string): Record<string, unknown> {
    let crd = this.crds.get(kind);
    if (!crd) {
      const file = CRD_FILES[kind];
      if (!file) throw new Error(`no CustomResourceDefinition for kind ${kind}`);
      crd = parse(readFileSync(new URL(file, CRD_DIR), 'utf8')) as Record<string, unknown>;
      this.crds.set(kind, crd);
    }
    return crd;
  }
}
