import type { FieldViolation } from '../../grpc/sluice-error.js';

// Kubernetes object names (k8s.io/apimachinery validation): a namespace is a DNS-1123 label,
// an InferenceModel's name a DNS-1123 subdomain. A ResourceRef that cannot name an object is
// refused here, before it reaches the ledger or a metric label.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_LABEL = 63;
const MAX_SUBDOMAIN = 253;

const LABEL_RULE = `must be a DNS-1123 label: at most ${MAX_LABEL} lowercase letters, digits and '-', starting and ending with a letter or digit`;
const SUBDOMAIN_RULE = `must be a DNS-1123 subdomain: at most ${MAX_SUBDOMAIN} lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`;

export const isDnsLabel = (value: string): boolean =>
  value.length <= MAX_LABEL && DNS_LABEL.test(value);

export const isDnsSubdomain = (value: string): boolean =>
  value.length <= MAX_SUBDOMAIN && DNS_SUBDOMAIN.test(value);

/**
 * What is wrong with a ResourceRef naming a Kubernetes object, each field under `field`
 * (`usage.model`). The name is required; an empty namespace means the decision's.
 */
export function resourceRefViolations(
  ref: { readonly namespace: string; readonly name: string },
  field: string,
): FieldViolation[] {
  const name =
    ref.name === ''
      ? [{ field: `${field}.name`, description: 'is required when model is set' }]
      : isDnsSubdomain(ref.name)
        ? []
        : [{ field: `${field}.name`, description: SUBDOMAIN_RULE }];
  const namespace =
    ref.namespace === '' || isDnsLabel(ref.namespace)
      ? []
      : [{ field: `${field}.namespace`, description: LABEL_RULE }];
  return [...name, ...namespace];
}
