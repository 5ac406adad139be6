import { modelName, shapeErrors } from './kube-shape.js';

const deployment = (spec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', labels: { app: 'api' } },
  spec,
});

describe('modelName', () => {
  it.each([
    ['apps/v1', 'Deployment', 'V1Deployment'],
    ['v1', 'ServiceAccount', 'V1ServiceAccount'],
    ['policy/v1', 'PodDisruptionBudget', 'V1PodDisruptionBudget'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'V2HorizontalPodAutoscaler'],
    ['monitoring.coreos.com/v1', 'ServiceMonitor', undefined],
  ])('%s %s -> %s', (apiVersion, kind, name) => {
    expect(modelName(apiVersion, kind)).toBe(name);
  });
});

describe('shapeErrors (strict decoding of a built-in kind)', () => {
  it.each<[string, object, string[]]>([
    ['a valid object', { replicas: 2, selector: { matchLabels: { app: 'api' } } }, []],
    ['an unknown field', { replica: 2 }, ['unknown field "spec.replica"']],
    ['a number as text', { replicas: '2' }, ['spec.replicas: expected number, got string "2"']],
    [
      'a fraction where Kubernetes wants int32',
      { replicas: 1.5 },
      ['spec.replicas: expected number, got number 1.5'],
    ],
    [
      'a misplaced key deep in a pod template',
      { template: { metadata: { labels: null, app: 'api' } } },
      ['unknown field "spec.template.metadata.app"'],
    ],
    [
      'a list where an object belongs',
      { selector: [] },
      ['spec.selector: expected object, got array []'],
    ],
    [
      'a map of strings holding an object',
      { selector: { matchLabels: { app: { name: 'api' } } } },
      ['spec.selector.matchLabels.app: expected string, got object {"name":"api"}'],
    ],
    [
      'a container port name or number (IntOrString) given as a boolean',
      {
        template: {
          spec: {
            containers: [{ name: 'a', readinessProbe: { httpGet: { port: true } } }],
          },
        },
      },
      [
        'spec.template.spec.containers[0].readinessProbe.httpGet.port: expected IntOrString, got boolean true',
      ],
    ],
  ])('%s', (_, spec, errors) => {
    expect(shapeErrors(deployment(spec), 'V1Deployment', '')).toEqual(errors);
  });
});
