// The autoscaler of the vLLM Deployment: an autoscaling/v2 HPA on a per-pod vLLM metric, or a
// KEDA ScaledObject (keda.sh/v1alpha1) with a Prometheus trigger when KEDA is installed and the
// spec asks for it (the only way to scale to zero without an alpha feature gate).
//
// HPA metric names are vLLM's own (`vllm:num_requests_waiting`, `vllm:num_requests_running`),
// served through the custom metrics API by prometheus-adapter with a pass-through rule
// (seriesQuery `{__name__=~"vllm:.*",namespace!="",pod!=""}`, name kept as is).
import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { InferenceModel } from '@sluice/crds';
import { demandTrigger } from './demand-trigger.js';
import { childMetadata } from './owner.js';
import { identity, type ResolvedAutoscaling } from '../plan/resolved-spec.js';

export const DEFAULT_PROMETHEUS_ADDRESS = 'http://prometheus-operated.monitoring.svc:9090';

/** A KEDA ScaledObject (no client-node type: it is a CRD). */
export interface ScaledObject {
  apiVersion: 'keda.sh/v1alpha1';
  kind: 'ScaledObject';
  metadata: V2HorizontalPodAutoscaler['metadata'];
  spec: Record<string, unknown>;
}

export function vllmMetricName(a: ResolvedAutoscaling): string {
  return `vllm:${a.metric}`;
}

export function desiredHpa(
  model: InferenceModel,
  a: ResolvedAutoscaling,
): V2HorizontalPodAutoscaler {
  const { name } = identity(model);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: childMetadata(model),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      // autoscaling/v2 rejects 0 without the HPAScaleToZero gate; the CRD already requires keda for 0.
      minReplicas: Math.max(1, a.minReplicas),
      maxReplicas: a.maxReplicas,
      metrics: [
        {
          type: 'Pods',
          pods: {
            metric: { name: vllmMetricName(a) },
            target: { type: 'AverageValue', averageValue: String(a.targetPerReplica) },
          },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: a.scaleDownStabilizationSeconds } },
    },
  };
}

export function desiredScaledObject(
  model: InferenceModel,
  a: ResolvedAutoscaling,
  prometheusAddress: string = DEFAULT_PROMETHEUS_ADDRESS,
): ScaledObject {
  const { name, namespace } = identity(model);
  // Summed over the model's pods; KEDA divides by the threshold to get replicas. `or vector(0)`
  // keeps the query defined when no pod exists (scaled to zero).
  const query = `sum(${vllmMetricName(a)}{namespace="${namespace}",service="${name}"}) or vector(0)`;
  const vllm = {
    type: 'prometheus',
    name: 'vllm-queue',
    metadata: { serverAddress: prometheusAddress, query, threshold: String(a.targetPerReplica) },
  };
  // Only a model that may sleep needs waking (and holding up while vLLM's queue is empty).
  const demand = a.minReplicas === 0 ? [demandTrigger(namespace, name, prometheusAddress)] : [];
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: childMetadata(model),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      // KEDA's own cool-down before going to zero; the HPA it creates gets the same window.
      cooldownPeriod: a.scaleDownStabilizationSeconds,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: { scaleDown: { stabilizationWindowSeconds: a.scaleDownStabilizationSeconds } },
        },
      },
      triggers: [vllm, ...demand],
    },
  };
}
