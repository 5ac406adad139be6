// What the API server answers for an object: the Kubernetes-API test server's own pipeline
// (@sluice/crds/admission: prune, default, schema with ajv, CEL rules), so these tests and the
// e2e server agree by design.
import { formatFieldError, validateCustomResource } from '@sluice/crds/admission';
import { loadCrds, type Schema } from './crd-files.js';

export interface Rejection {
  errors: string[];
}

export const crds = loadCrds();
export const schemas = new Map<string, Schema>(crds.map((c) => [c.kind, c.schema]));
const documents = new Map(crds.map((c) => [c.kind, c.document]));

export function rejections(kind: string, object: unknown): Rejection {
  const crd = documents.get(kind);
  if (!crd) throw new Error(`no CRD for kind ${kind}`);
  const { errors } = validateCustomResource({ crd, version: 'v1alpha1', object });
  return { errors: errors.map(formatFieldError) };
}
