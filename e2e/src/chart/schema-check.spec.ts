import { hasSchema, schemaErrors } from './schema-check.js';

const serviceMonitor = (spec: object) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'sluice-api', namespace: 'sluice' },
  spec,
});

const scaledObject = (spec: object) => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'llama', namespace: 'default' },
  spec: { scaleTargetRef: { name: 'llama' }, triggers: [], ...spec },
});

describe('schemaErrors (vendored Kubernetes, KEDA and Prometheus Operator specifications)', () => {
  it('knows every kind the chart and the operator write', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'ServiceAccount'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
      ['monitoring.coreos.com/v1', 'ServiceMonitor'],
      ['keda.sh/v1alpha1', 'ScaledObject'],
    ]) {
      expect(`${apiVersion}/${kind}: ${hasSchema(apiVersion!, kind!)}`).toBe(
        `${apiVersion}/${kind}: true`,
      );
    }
    expect(hasSchema('example.dev/v1', 'Thing')).toBe(false);
  });

  it('refuses a ServiceMonitor field the Prometheus Operator does not know', () => {
    const typo = serviceMonitor({ selector: {}, endpoint: [{ port: 'metrics' }] });
    expect(schemaErrors(typo, typo.apiVersion, typo.kind)).toEqual([
      'strict decoding error: unknown field "spec.endpoint"',
      // v0.93's schema requires endpoints.
      'spec.endpoints: Required value',
    ]);
    const ok = serviceMonitor({ selector: {}, endpoints: [{ port: 'metrics', interval: '30s' }] });
    expect(schemaErrors(ok, ok.apiVersion, ok.kind)).toEqual([]);
  });

  it("runs KEDA's own CEL rule (minReplicaCount <= maxReplicaCount)", () => {
    const inverted = scaledObject({ minReplicaCount: 3, maxReplicaCount: 1 });
    expect(schemaErrors(inverted, inverted.apiVersion, inverted.kind).join('\n')).toMatch(
      /minReplicaCount/,
    );
  });

  it('refuses a ClusterRole rule with a misspelt field', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'sluice' },
      rules: [{ apiGroups: [''], resource: ['configmaps'], verbs: ['get'] }],
    };
    expect(schemaErrors(role, role.apiVersion, role.kind)).toEqual([
      'strict decoding error: unknown field "rules[0].resource"',
    ]);
  });
});
