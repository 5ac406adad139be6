import { evaluateJsonPath } from './jsonpath.js';

const o = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, models: [{ name: 'a' }, { name: 'b' }] },
  status: {
    conditions: [
      { type: 'Ready', status: 'True', reason: 'Up' },
      { type: 'Degraded', status: 'False' },
    ],
  },
};

describe('evaluateJsonPath', () => {
  it.each([
    ['.spec.replicas', [3]],
    ['{.spec.replicas}', [3]],
    ['$.metadata.name', ['x']],
    ['.spec.models[1].name', ['b']],
    ['.spec.models[*].name', ['a', 'b']],
    ['.spec.models[5].name', []],
    [".metadata.labels['app.kubernetes.io/name']", ['web']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    [".status.conditions[?(@.type=='Degraded')].status", ['False']],
    ['.status.conditions[?(@.type!="Ready")].type', ['Degraded']],
    ['.status.missing.deeper', []],
  ])('%s -> %p', (path, expected) => {
    expect(evaluateJsonPath(path, o)).toEqual(expected);
  });

  it('rejects paths outside the subset', () => {
    expect(() => evaluateJsonPath('.a[1:2]', o)).toThrow(/unsupported JSONPath/);
  });
});
