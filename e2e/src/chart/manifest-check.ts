// What an install of rendered manifests would refuse, or silently get wrong, checked without a
// cluster: every document a named Kubernetes object; built-in kinds decoded strictly
// (kube-shape.ts); a Deployment's selector matching its pod labels (kube-apiserver's
// ValidateDeploymentSpec); and no Go fmt error such as `%!d(float64=8080)` in any value, which
// Helm renders without complaint when `printf "%d"` gets a YAML number (a float64) without `int`.
import { modelName, shapeErrors } from './kube-shape.js';
import type { Manifest } from './renderer.js';

// A JSON string holding one of Go fmt's error verbs: %!d(float64=8080), %!s(MISSING)...
const FMT_ERROR = /"[^"]*%!\w?\([^"]*"/;

interface Head {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

/** Kinds client-node has no model for and that are therefore only checked for a name. */
export function unmodelled(manifests: Manifest[]): string[] {
  return manifests
    .map(({ object }) => object as Head)
    .filter((o) => !modelName(String(o.apiVersion), String(o.kind)))
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
  const model = modelName(apiVersion, kind);
  const fmtError = FMT_ERROR.exec(JSON.stringify(object))?.[0];
  return [
    ...(model ? shapeErrors(object, model, '') : []),
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
