import type { InferenceModel, QuantizationProfile, RoutingPolicy } from '@sluice/crds';
import { loadDefaultRouterModel } from '@sluice/router-model';
import {
  buildSnapshot,
  cachedCompiler,
  type ClassifierModel,
  type RoutingSnapshot,
} from '../engine/index.js';
import { exampleModels, examplePolicy, exampleProfiles } from '../engine/testing/examples.js';
import type { RoutingView } from '../routing-view.js';

/**
 * A RoutingView over CRD objects held in memory, compiled with the same buildSnapshot the
 * informer-backed view uses: for tests of the Router (and anything else reading ROUTING_VIEW)
 * without a Kubernetes API. `put` replaces a policy's objects, as an informer event would.
 */
export class InMemoryRoutingView implements RoutingView {
  private readonly byKey = new Map<string, RoutingSnapshot>();
  private readonly compile = cachedCompiler();

  /**
   * `model`: the router model learned policies classify with; by default the committed one, as
   * the API loads it (RouterModelModule); null: none, so learned policies are not Ready.
   */
  constructor(private readonly model: ClassifierModel | null = committedRouterModel()) {}

  put(
    policy: RoutingPolicy,
    models: readonly InferenceModel[],
    profiles: readonly QuantizationProfile[] = [],
  ): this {
    const model = this.model ?? undefined;
    const snapshot = buildSnapshot({ policy, models, profiles, model }, this.compile);
    if (snapshot === undefined) throw new Error('a RoutingPolicy without spec cannot route');
    this.byKey.set(`${snapshot.policy.namespace}/${snapshot.policy.name}`, snapshot);
    return this;
  }

  snapshot(namespace: string, name: string): RoutingSnapshot | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }

  snapshots(): readonly RoutingSnapshot[] {
    return [...this.byKey.values()];
  }

  hasSynced(): boolean {
    return true;
  }
}

let committed: ClassifierModel | undefined;

/** The committed router model, read once per process (its artifact is about 1.5 MB). */
function committedRouterModel(): ClassifierModel {
  committed ??= loadDefaultRouterModel();
  return committed;
}

/** spec.cache of examples/routing-policy.yaml (the engine's example builder leaves it out). */
export const EXAMPLE_CACHE: NonNullable<NonNullable<RoutingPolicy['spec']>['cache']> = {
  scope: 'tenant',
  exact: { enabled: true, ttlSeconds: 3600 },
  semantic: { enabled: true, similarityThreshold: '0.95', ttlSeconds: 86_400 },
};

/**
 * examples/routing-policy.yaml `default` in namespace `default`, with the example models (all
 * Ready) and quantization profiles. `cache` replaces the example's cache block.
 */
export function exampleRoutingPolicy(cache = EXAMPLE_CACHE): RoutingPolicy {
  const policy = examplePolicy().obj();
  if (policy.spec === undefined) throw new Error('the example policy has a spec');
  return { ...policy, spec: { ...policy.spec, cache } };
}

export function exampleRoutingView(): InMemoryRoutingView {
  return new InMemoryRoutingView().put(
    exampleRoutingPolicy(),
    exampleModels().map((m) => m.obj()),
    exampleProfiles(),
  );
}
