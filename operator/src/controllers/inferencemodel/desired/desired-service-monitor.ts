// A Prometheus Operator ServiceMonitor (monitoring.coreos.com/v1) scraping vLLM's /metrics, which
// the autoscaler's metric and the economics capacity views read.
import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { selectorLabels } from './labels.js';
import { childMetadata } from './owner.js';
import { identity } from '../plan/resolved-spec.js';

export interface ServiceMonitor {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'ServiceMonitor';
  metadata: V1ObjectMeta;
  spec: Record<string, unknown>;
}

/** `extraLabels` (the operator's SERVICE_MONITOR_LABELS) never replace the operator's own labels. */
export function desiredServiceMonitor(
  model: InferenceModel,
  extraLabels: Readonly<Record<string, string>> = {},
): ServiceMonitor {
  const { name, namespace } = identity(model);
  const metadata = childMetadata(model);
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { ...metadata, labels: { ...extraLabels, ...metadata.labels } },
    spec: {
      selector: { matchLabels: selectorLabels(name) },
      namespaceSelector: { matchNames: [namespace] },
      endpoints: [{ port: 'http', path: '/metrics', interval: '15s' }],
    },
  };
}
