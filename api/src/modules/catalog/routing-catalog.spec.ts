import type { InferenceModel, QuantizationProfile, RoutingPolicy } from '@sluice/crds';
import { silentLogger } from '@sluice/operator/runtime';
import { aModel, aPolicy, aProfile } from '../routing/engine/testing/builders.js';
import { fakeRouterModel } from '../routing/engine/testing/fake-router-model.js';
import { MemorySource } from './memory-source.js';
import { RoutingCatalog } from './routing-catalog.js';

function catalog() {
  const sources = {
    models: new MemorySource<InferenceModel>(),
    policies: new MemorySource<RoutingPolicy>(),
    profiles: new MemorySource<QuantizationProfile>(),
  };
  return { sources, view: new RoutingCatalog(sources, silentLogger) };
}

const inNamespace = <T extends { metadata?: { namespace?: string } }>(o: T, ns: string): T => ({
  ...o,
  metadata: { ...o.metadata, namespace: ns },
});

type Sources = ReturnType<typeof catalog>['sources'];

describe('RoutingCatalog', () => {
  it.each<[string, boolean, (s: Sources) => void]>([
    ['a model of its namespace', true, (s) => s.models.put(aModel('b').obj())],
    ['a profile of its namespace', true, (s) => s.profiles.put(aProfile('q', {}))],
    ['a model elsewhere', false, (s) => s.models.put(inNamespace(aModel('b').obj(), 'other'))],
    ['another policy', false, (s) => s.policies.put(aPolicy('other').tier('small', 'a').obj())],
  ])('%s: rebuilds the snapshot %p', (_name, rebuilt, change) => {
    const { sources, view } = catalog();
    sources.models.put(aModel('a').obj());
    sources.policies.put(aPolicy('p').tier('small', 'a').obj());
    const before = view.snapshot('default', 'p');
    change(sources);
    expect(view.snapshot('default', 'p') !== before).toBe(rebuilt);
  });

  it.each<[string, boolean]>([
    ['with the router model', true],
    ['without one', false],
  ])('builds learned policies %s: Ready %p', (_name, ready) => {
    const sources = {
      models: new MemorySource<InferenceModel>(),
      policies: new MemorySource<RoutingPolicy>(),
      profiles: new MemorySource<QuantizationProfile>(),
    };
    const model = ready ? fakeRouterModel() : undefined;
    const view = new RoutingCatalog(sources, silentLogger, undefined, { model });
    sources.models.put(aModel('a').obj());
    sources.models.put(aModel('b').tier('big').obj());
    const learned = aPolicy('p')
      .tier('small', 'a')
      .tier('big', 'b')
      .learned(['small', 50], ['big', 0]);
    sources.policies.put(learned.defaultRoute(undefined).obj());
    const snapshot = view.snapshot('default', 'p');
    expect(snapshot?.readiness.ready).toBe(ready);
    expect(snapshot?.model).toBe(model);
  });

  it('follows readiness and policy generations, and forgets deleted policies', () => {
    const { sources, view } = catalog();
    const policy = aPolicy('p').tier('small', 'a');
    sources.policies.put(policy.obj());
    expect(view.snapshot('default', 'p')?.models.size).toBe(0);
    sources.models.put(aModel('a').ready(false).obj());
    expect(view.snapshot('default', 'p')?.models.get('a')?.ready).toBe(false);
    sources.models.put(aModel('a').obj());
    expect(view.snapshot('default', 'p')?.models.get('a')?.ready).toBe(true);
    sources.policies.put(policy.generation(2).obj());
    expect(view.snapshot('default', 'p')?.policy.generation).toBe(2);
    sources.policies.remove(policy.obj());
    expect(view.snapshot('default', 'p')).toBeUndefined();
    expect(view.snapshots()).toEqual([]);
  });

  it.each<[string, boolean[], boolean]>([
    ['all kinds listed', [true, true, true], true],
    ['policies not yet', [true, false, true], false],
  ])('hasSynced: %s', (_name, [models, policies, profiles], expected) => {
    const { sources, view } = catalog();
    sources.models.synced = models ?? false;
    sources.policies.synced = policies ?? false;
    sources.profiles.synced = profiles ?? false;
    expect(view.hasSynced()).toBe(expected);
  });

  it('without a cluster holds nothing and never syncs', () => {
    const view = new RoutingCatalog(undefined, silentLogger);
    expect([view.hasSynced(), view.snapshots(), view.snapshot('default', 'p')]).toEqual([
      false,
      [],
      undefined,
    ]);
  });
});
