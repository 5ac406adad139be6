import { readScaledObject } from './local-keda.js';

describe('readScaledObject (local KEDA)', () => {
  it('reads what the operator writes', () => {
    const object = {
      metadata: { name: 'm', namespace: 'ml', uid: 'u' },
      spec: {
        scaleTargetRef: { name: 'm' },
        minReplicaCount: 0,
        maxReplicaCount: 2,
        cooldownPeriod: 600,
        triggers: [{ type: 'prometheus', metadata: { query: 'q', threshold: '4' } }],
      },
    };
    expect(readScaledObject(object)).toEqual({
      namespace: 'ml',
      uid: 'u',
      target: 'm',
      bounds: { minReplicas: 0, maxReplicas: 2, cooldownSeconds: 600 },
      triggers: object.spec.triggers,
    });
  });

  it("fills in KEDA's defaults (minReplicaCount 0, maxReplicaCount 100, cooldownPeriod 300)", () => {
    expect(readScaledObject({ metadata: { name: 'm' } })).toEqual({
      namespace: 'default',
      uid: 'm',
      target: 'm',
      bounds: { minReplicas: 0, maxReplicas: 100, cooldownSeconds: 300 },
      triggers: [],
    });
  });
});
