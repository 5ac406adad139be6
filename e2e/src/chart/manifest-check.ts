// What an install of rendered manifests would refuse, or silently get wrong, checked without a
// cluster: every document a named Kubernetes object; each checked against the vendored
// Kubernetes, KEDA and Prometheus Operator specifications (schema-check.ts); a Deployment's selector matching its pod labels (kube-apiserver's
// ValidateDeploymentSpec); and no Go fmt error such as `%!d(float64=8080)` in any value, which
// Helm renders without complaint when `printf "%d"` gets a YAML number (a float64) without `int`.
import { hasSchema, schemaErrors } from './schema-check.js';
import type { Manifest } from './renderer.js';

// A JSON string holding one of Go fmt's error verbs: %!d(float64=8080), %!s(MISSING)...
const FMT_ERROR = /"[^"]*%!\w?\([^"]*"/;

interface Head {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

/** Kinds no specification is vendored for, and that are therefore only checked for a name. */
export function unmodelled(manifests: Manifest[]): string[] {
  return manifests
    .map(({ object }) => object as Head)
    .filter((o) => !hasSchema(String(o.apiVersion), String(o.kind)))
    .map((o) => `${String(o.apiVersion)}/${String(o.kind)}`);
}

/** Every finding, each prefixed with the template the document came from; none when valid. */
export function checkManifests(manifests: Manifest[]): string[] {
  return manifests.flatMap(({ source, object }) =>
    findings(object).map((finding) => `${source}: ${finding}`),
  );
}

function findings(object: Record<string, unknown>): string[] {
  const { apiVersion, kind, metadata } = object as Head;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return ['apiVersion and kind must be strings'];
  const name = metadata?.name;
  if (typeof name !== 'string' || name === '')
    return [`${kind}: metadata.name must be a non-empty string`];
  const fmtError = FMT_ERROR.exec(JSON.stringify(object))?.[0];
  return [
    ...schemaErrors(object, apiVersion, kind),
    ...(kind === 'Deployment' ? selectorErrors(object) : []),
    ...(fmtError ? [`a Go fmt error in a value: ${fmtError}`] : []),
  ].map((finding) => `${kind} ${name}: ${finding}`);
}

function selectorErrors(deployment: Record<string, unknown>): string[] {
  const spec = deployment.spec as {
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> } };
  };
  const labels = spec.template?.metadata?.labels ?? {};
  const wanted = Object.entries(spec.selector?.matchLabels ?? {});
  if (wanted.length > 0 && wanted.every(([k, v]) => labels[k] === v)) return [];
  return [
    'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`',
  ];
}
