import type { V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { ScaledObject } from './desired-autoscaler.js';
import { planInferenceModel, type Capabilities, type KubeObject } from '../plan/plan.js';
import { aModel, type ModelBuilder } from '../testing/model-builder.js';

const NOW = '2026-11-27T12:00:00Z';
const none: Capabilities = { keda: false, serviceMonitor: false };
const keda: Capabilities = { keda: true, serviceMonitor: false };

function plan(b: ModelBuilder, capabilities: Capabilities) {
  return planInferenceModel({ model: b.maxModelLen(4096).obj(), capabilities, now: NOW });
}

function ofKind<T extends KubeObject>(objects: KubeObject[], kind: string): T | undefined {
  return objects.find((o) => o.kind === kind) as T | undefined;
}

describe('autoscaler', () => {
  it.each<[string, ModelBuilder, Capabilities, 'HorizontalPodAutoscaler' | 'ScaledObject']>([
    ['hpa by default', aModel(), none, 'HorizontalPodAutoscaler'],
    ['hpa by default even with KEDA installed', aModel(), keda, 'HorizontalPodAutoscaler'],
    [
      'keda when asked and installed',
      aModel().autoscaling({ scaler: 'keda' }),
      keda,
      'ScaledObject',
    ],
    [
      'hpa when keda is asked but not installed',
      aModel().autoscaling({ scaler: 'keda' }),
      none,
      'HorizontalPodAutoscaler',
    ],
  ])('%s', (_name, b, capabilities, kind) => {
    const { objects, obsolete } = plan(b, capabilities);
    const kinds = objects.map((o) => o.kind);
    expect(kinds).toContain(kind);
    const other = kind === 'ScaledObject' ? 'HorizontalPodAutoscaler' : 'ScaledObject';
    expect(kinds).not.toContain(other);
    expect(obsolete).toEqual([
      expect.objectContaining({ kind: other, name: 'm1', namespace: 'ml' }),
    ]);
  });

  it.each([
    {
      autoscaling: {},
      min: 1,
      max: 1,
      metric: 'vllm:num_requests_waiting',
      target: '4',
      window: 300,
    },
    {
      autoscaling: {
        minReplicas: 2,
        maxReplicas: 6,
        metric: 'num_requests_running' as const,
        targetPerReplica: 48,
        scaleDownStabilizationSeconds: 600,
      },
      min: 2,
      max: 6,
      metric: 'vllm:num_requests_running',
      target: '48',
      window: 600,
    },
  ])('HPA for $autoscaling', ({ autoscaling, ...want }) => {
    const hpa = ofKind<V2HorizontalPodAutoscaler>(
      plan(aModel().autoscaling(autoscaling), none).objects,
      'HorizontalPodAutoscaler',
    )!;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'm1' },
      minReplicas: want.min,
      maxReplicas: want.max,
      metrics: [
        {
          type: 'Pods',
          pods: {
            metric: { name: want.metric },
            target: { type: 'AverageValue', averageValue: want.target },
          },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: want.window } },
    });
  });

  it('KEDA ScaledObject scales to zero on a Prometheus query of the vLLM metric', () => {
    const b = aModel().autoscaling({
      scaler: 'keda',
      minReplicas: 0,
      maxReplicas: 3,
      targetPerReplica: 8,
      scaleDownStabilizationSeconds: 900,
    });
    const so = ofKind<ScaledObject>(
      plan(b, { ...keda, prometheusAddress: 'http://prom:9090' }).objects,
      'ScaledObject',
    )!;
    expect(so.apiVersion).toBe('keda.sh/v1alpha1');
    expect(so.metadata?.ownerReferences?.[0]?.uid).toBe('uid-1');
    expect(so.spec).toMatchObject({
      scaleTargetRef: { name: 'm1' },
      minReplicaCount: 0,
      maxReplicaCount: 3,
      cooldownPeriod: 900,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: { scaleDown: { stabilizationWindowSeconds: 900 } },
        },
      },
      triggers: [
        {
          type: 'prometheus',
          name: 'vllm-queue',
          metadata: {
            serverAddress: 'http://prom:9090',
            query: 'sum(vllm:num_requests_waiting{namespace="ml",service="m1"}) or vector(0)',
            threshold: '8',
          },
        },
        {
          type: 'prometheus',
          name: 'sluice-demand',
          metadata: {
            serverAddress: 'http://prom:9090',
            query:
              'sum(rate(sluice_model_demand_total{model_namespace="ml",model="m1"}[2m])) or vector(0)',
            threshold: '1000000',
            activationThreshold: '0',
          },
        },
      ],
    });
  });

  it('wakes on routed demand only a model that may scale to zero', () => {
    const triggers = (minReplicas: number) => {
      const b = aModel().autoscaling({ scaler: 'keda', minReplicas, maxReplicas: 2 });
      const so = ofKind<ScaledObject>(plan(b, keda).objects, 'ScaledObject');
      return (so?.spec.triggers as { name: string }[]).map((t) => t.name);
    };
    expect(triggers(0)).toEqual(['vllm-queue', 'sluice-demand']);
    expect(triggers(1)).toEqual(['vllm-queue']);
  });

  it('reports KEDANotInstalled as Degraded when it falls back to an HPA', () => {
    const { conditions } = plan(aModel().autoscaling({ scaler: 'keda' }), none);
    expect(conditions.find((c) => c.type === 'Degraded')).toMatchObject({
      status: 'True',
      reason: 'KEDANotInstalled',
    });
  });

  it('adds a ServiceMonitor only when the Prometheus Operator is installed', () => {
    const without = plan(aModel(), none).objects.map((o) => o.kind);
    const withSm = plan(aModel(), { keda: false, serviceMonitor: true }).objects;
    expect(without).not.toContain('ServiceMonitor');
    expect(ofKind(withSm, 'ServiceMonitor')).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      spec: { endpoints: [{ port: 'http', path: '/metrics', interval: '15s' }] },
    });
  });
});
