import type { V1ConfigMap } from '@kubernetes/client-node';
import type { InferenceModel, QuantizationProfile, RoutingPolicy } from '@sluice/crds';
import type { RuntimeLogger } from '@sluice/operator/runtime';
import {
  buildSnapshot,
  cachedCompiler,
  type ClassifierModel,
  type RoutingSnapshot,
} from '../routing/engine/index.js';
import { RouterModelArtifacts } from '../routing/router-model-artifacts.js';
import type { RoutingView } from '../routing/routing-view.js';
import { withLocalEndpoints, type LocalEndpoints } from './local-endpoints.js';
import { resolvePolicyRouterModel } from './policy-router-model.js';

/** The part of the runtime's Informer the catalog reads (an Informer fits; tests may pass maps). */
export interface ObjectSource<T> {
  list(namespace?: string): readonly T[];
  get(name: string, namespace?: string): T | undefined;
  onChange(handler: (object: T) => void): void;
  hasSynced(): boolean;
}

export interface CatalogSources {
  readonly models: ObjectSource<InferenceModel>;
  readonly policies: ObjectSource<RoutingPolicy>;
  readonly profiles: ObjectSource<QuantizationProfile>;
  /** ConfigMaps labelled as router model artifacts (spec.classifier.model.configMapRef). */
  readonly routerModels?: ObjectSource<V1ConfigMap>;
}

/**
 * The built-in model (undefined if it failed to load), and those policies name in
 * spec.classifier.model, decoded once per ConfigMap version. LoadedRouterModel is one.
 */
export interface RouterModels {
  readonly model: ClassifierModel | undefined;
  readonly artifacts?: RouterModelArtifacts;
}

const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;
const namespaceOf = (object: { metadata?: { namespace?: string } }): string =>
  object.metadata?.namespace ?? 'default';

/**
 * RoutingView over the informers' caches. Each change rebuilds the snapshots it can affect (a
 * policy: its own; a model or profile: every policy of its namespace, since refs are
 * namespace-local) and replaces them whole, so Route reads a consistent snapshot with no I/O.
 * Without sources (no cluster configured) it holds nothing and never syncs.
 */
export class RoutingCatalog implements RoutingView {
  private readonly views = new Map<string, RoutingSnapshot>();
  private readonly compile = cachedCompiler();
  private readonly model: ClassifierModel | undefined;
  private readonly artifacts: RouterModelArtifacts;

  constructor(
    private readonly sources: CatalogSources | undefined,
    private readonly logger: RuntimeLogger,
    /** Local mode only (sluice dev): see local-endpoints.ts. */
    private readonly localEndpoints?: LocalEndpoints,
    /** The router models learned policies classify with (router-model.module.ts). */
    routerModels?: RouterModels,
  ) {
    this.model = routerModels?.model;
    this.artifacts = routerModels?.artifacts ?? new RouterModelArtifacts();
    if (sources === undefined) return;
    sources.policies.onChange((policy) =>
      this.rebuild(namespaceOf(policy), policy.metadata?.name ?? ''),
    );
    sources.models.onChange((model) => this.rebuildNamespace(namespaceOf(model)));
    sources.profiles.onChange((profile) => this.rebuildNamespace(namespaceOf(profile)));
    sources.routerModels?.onChange((configMap) => {
      const namespace = namespaceOf(configMap);
      const name = configMap.metadata?.name ?? '';
      if (sources.routerModels?.get(name, namespace) === undefined)
        this.artifacts.forget(namespace, name);
      this.rebuildNamespace(namespace);
    });
  }

  snapshot(namespace: string, name: string): RoutingSnapshot | undefined {
    return this.views.get(keyOf(namespace, name));
  }

  snapshots(): readonly RoutingSnapshot[] {
    return [...this.views.values()];
  }

  hasSynced(): boolean {
    const s = this.sources;
    if (s === undefined) return false;
    const configMaps = s.routerModels?.hasSynced() ?? true;
    return s.models.hasSynced() && s.policies.hasSynced() && s.profiles.hasSynced() && configMaps;
  }

  private rebuildNamespace(namespace: string): void {
    for (const policy of this.sources?.policies.list(namespace) ?? [])
      this.rebuild(namespace, policy.metadata?.name ?? '');
  }

  /** A deleted policy (gone from the cache) or one without a spec routes nothing. */
  private rebuild(namespace: string, name: string): void {
    const key = keyOf(namespace, name);
    const s = this.sources;
    const policy = s?.policies.get(name, namespace);
    if (s === undefined || policy === undefined) {
      this.views.delete(key);
      return;
    }
    try {
      const routerModel = resolvePolicyRouterModel(policy, {
        builtIn: this.model,
        configMap: (configMap) => s.routerModels?.get(configMap, namespace),
        artifacts: this.artifacts,
        previous: this.views.get(key)?.model,
      });
      const sources = {
        policy,
        models: s.models.list(namespace),
        profiles: s.profiles.list(namespace),
        ...routerModel,
      };
      const snapshot = buildSnapshot(sources, this.compile);
      if (snapshot === undefined) this.views.delete(key);
      else this.views.set(key, withLocalEndpoints(snapshot, namespace, this.localEndpoints));
    } catch (error) {
      // The engine reports problems as values; a throw is a bug, and the last snapshot stands.
      this.logger.error({ err: error, policy: key }, 'Could not rebuild routing snapshot');
    }
  }
}
