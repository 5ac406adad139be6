// What an API server would refuse in one rendered object, from the vendored specifications
// (kube-sim/vendor/): built-in kinds against Kubernetes' OpenAPI for 1.27 and 1.33, KEDA's
// ScaledObject and the Prometheus Operator's ServiceMonitor against their own CRDs. Unknown
// fields count as errors, as with kubectl's default fieldValidation=Strict.
import { formatFieldError, validateCustomResource, type FieldError } from '@sluice/crds/admission';
import {
  KEDA_SCALED_OBJECT_CRD,
  SERVICE_MONITOR_CRD,
  schemasFor,
  validateBuiltin,
  type GroupVersionKind,
} from '@sluice/kube-sim';

const VENDORED_CRDS = [KEDA_SCALED_OBJECT_CRD, SERVICE_MONITOR_CRD];

const gvkOf = (apiVersion: string, kind: string): GroupVersionKind => {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { group: group ?? '', version: version ?? '', kind };
};

function vendoredCrd(gvk: GroupVersionKind): Record<string, unknown> | undefined {
  return VENDORED_CRDS.find((crd) => {
    const spec = crd.spec as { group: string; names: { kind: string } };
    return spec.group === gvk.group && spec.names.kind === gvk.kind;
  });
}

/** Whether a specification for this kind is vendored (else only its name can be checked). */
export const hasSchema = (apiVersion: string, kind: string): boolean => {
  const gvk = gvkOf(apiVersion, kind);
  return schemasFor(gvk).length > 0 || vendoredCrd(gvk) !== undefined;
};

/** The refusals, as the API server words them; empty when the object would be accepted. */
export function schemaErrors(
  object: Record<string, unknown>,
  apiVersion: string,
  kind: string,
): string[] {
  const gvk = gvkOf(apiVersion, kind);
  const crd = vendoredCrd(gvk);
  if (crd) return findings(validateCustomResource({ crd, version: gvk.version, object }));
  const result = validateBuiltin(gvk, object);
  return result.decodeError !== undefined ? [result.decodeError] : findings(result);
}

const findings = (result: { unknownFields: string[]; errors: FieldError[] }): string[] => [
  ...result.unknownFields.map((f) => `strict decoding error: unknown field "${f}"`),
  ...result.errors.map(formatFieldError),
];
