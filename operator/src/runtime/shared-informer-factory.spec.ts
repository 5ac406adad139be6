import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { Informer } from './informer.js';
import {
  SharedInformerFactory,
  informerKey,
  type InformerResource,
} from './shared-informer-factory.js';

const kubeConfig = new KubeConfig();
kubeConfig.loadFromOptions({
  clusters: [{ name: 'c', server: 'http://127.0.0.1:1' }],
  users: [{ name: 'u' }],
  contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
  currentContext: 'x',
});

const MODELS: InformerResource = { group: 'sluice.dev', version: 'v1alpha1', resource: 'models' };

function factory() {
  const created: Array<Informer<KubernetesObject>> = [];
  const sources: string[] = [];
  const shared = new SharedInformerFactory({
    kubeConfig,
    onFatal: () => undefined,
    onCreated: (informer) => created.push(informer),
  });
  const source = (path: string) => () => {
    sources.push(path);
    return { path, list: () => Promise.resolve({ items: [] }) };
  };
  return { shared, created, sources, source };
}

describe('SharedInformerFactory', () => {
  it('hands every caller of a resource the same informer, created once', () => {
    const { shared, created, sources, source } = factory();
    const first = shared.informerFor(MODELS, source('/apis/sluice.dev/v1alpha1/models'));
    const second = shared.informerFor(MODELS, source('/apis/sluice.dev/v1alpha1/models'));
    expect(second).toBe(first);
    expect(created).toEqual([first]);
    expect(sources).toHaveLength(1);
    expect(shared.size).toBe(1);
  });

  it.each<[string, InformerResource]>([
    ['another label selector', { ...MODELS, labelSelector: 'a=b' }],
    ['another version', { ...MODELS, version: 'v1' }],
    ['another group', { ...MODELS, group: 'other.dev' }],
    ['another resource', { ...MODELS, resource: 'profiles' }],
  ])('creates a second informer for %s', (_, other) => {
    const { shared, created, source } = factory();
    const first = shared.informerFor(MODELS, source('/a'));
    const second = shared.informerFor(other, source('/b'));
    expect(second).not.toBe(first);
    expect(created).toHaveLength(2);
  });

  it.each<[InformerResource, string]>([
    [MODELS, 'sluice.dev/v1alpha1/models?'],
    [{ group: '', version: 'v1', resource: 'services', labelSelector: 'a=b' }, '/v1/services?a=b'],
  ])('keys %j as %s', (resource, key) => {
    expect(informerKey(resource)).toBe(key);
  });
});
