import type { KubernetesObject } from '@kubernetes/client-node';
import { exampleModels } from './examples.js';

const model = (name: string, spec: object, namespace?: string): KubernetesObject =>
  ({
    kind: 'InferenceModel',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec,
  }) as KubernetesObject;

describe('exampleModels', () => {
  it.each([
    [
      'a vllm model with a served name',
      model('m', { provider: 'vllm', vllm: { servedModelName: 'q' } }),
      { provider: 'vllm', servedModelName: 'q', namespace: 'default' },
    ],
    [
      'a vllm model without one',
      model('m', { provider: 'vllm', vllm: {} }),
      { provider: 'vllm', servedModelName: 'm' },
    ],
    [
      'an external model',
      model('m', { provider: 'external', external: { modelId: 'gpt-4o' } }),
      { provider: 'external', servedModelName: 'gpt-4o' },
    ],
    ['a namespaced model', model('m', { provider: 'vllm' }, 'team'), { namespace: 'team' }],
  ])('reads %s', (_, object, expected) => {
    expect(exampleModels([object])).toEqual([expect.objectContaining({ name: 'm', ...expected })]);
  });

  it('ignores other kinds', () => {
    expect(exampleModels([{ kind: 'Secret', metadata: { name: 's' } }])).toEqual([]);
  });
});
