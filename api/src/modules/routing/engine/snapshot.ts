import type {
  InferenceModel,
  QuantizationProfile,
  QuantizationProfileSpec,
  RoutingPolicy,
} from '@sluice/crds';
import type { ClassifierModel } from './classifier-model.js';
import { compilePolicy } from './compile.js';
import type { CompiledPolicy, PolicyProblem } from './policy.js';
import { policyReadiness, type PolicyReadiness } from './readiness.js';
import { refProblems } from './snapshot-refs.js';
import { statusThresholds } from './thresholds.js';
import { wakingOf, type WakeView } from './waking.js';

/** A task class of QuantizationProfile.spec.qualityRetention (classification, reasoning, ...). */
export type TaskClass = keyof NonNullable<QuantizationProfileSpec['qualityRetention']>;

/** What Route needs to know of one InferenceModel, read from its spec and status. */
export interface ModelView {
  readonly name: string;
  readonly tier: string;
  readonly provider: 'vllm' | 'external';
  /** The model's Ready condition is True. */
  readonly ready: boolean;
  /** Set when it is a scale-to-zero model asleep or starting (waking.ts). */
  readonly waking?: WakeView;
  readonly endpoint: string | undefined;
  readonly servedModelName: string;
  /** USD decimal strings as the CRD holds them; the ledger does the money math. */
  readonly pricing: NonNullable<NonNullable<InferenceModel['spec']>['pricing']>;
  /**
   * Percent of full-precision quality kept per task class, from the model's QuantizationProfile;
   * undefined when it has none (or it is missing, reported by refProblems): full precision.
   */
  readonly retention: Readonly<Partial<Record<TaskClass, number>>> | undefined;
  readonly quantizationProfile: string | undefined;
  /** spec.taskLabels: a specialist only answers these task kinds (fitness.ts); empty: any. */
  readonly taskLabels: ReadonlySet<string>;
}

/** Everything Route reads, swapped whole by the informer layer when a watched object changes. */
export interface RoutingSnapshot {
  readonly policy: CompiledPolicy;
  readonly models: ReadonlyMap<string, ModelView>;
  /** The policy's problems plus its unresolved references, for RoutingPolicy status. */
  readonly problems: readonly PolicyProblem[];
  /** Whether Route may use the policy; the RoutingPolicy's Ready condition says the same. */
  readonly readiness: PolicyReadiness;
  /** spec.cache as written; the Router resolves it (cache-settings.ts), the engine never reads it. */
  readonly cache?: NonNullable<RoutingPolicy['spec']>['cache'];
  /** The learned classifier, set when the policy is classifier.type learned and one is loaded. */
  readonly model?: ClassifierModel;
}

export interface SnapshotSources {
  readonly policy: RoutingPolicy;
  /** InferenceModels in the policy's namespace. */
  readonly models: readonly InferenceModel[];
  /** QuantizationProfiles in the policy's namespace. */
  readonly profiles: readonly QuantizationProfile[];
  /**
   * The router model the policy classifies with (the built-in one, or its
   * spec.classifier.model's); without it a learned policy is not Ready.
   */
  readonly model?: ClassifierModel | undefined;
  /**
   * What is wrong with spec.classifier.model. Without a model the policy is not Ready; with one,
   * that model is the last good one and Route keeps it (SPEC 6: serve the last view).
   */
  readonly modelProblem?: PolicyProblem | undefined;
}

/** Compiles one policy generation; pass a cached compiler (policy-cache.ts) to reuse it. */
export type Compile = (policy: RoutingPolicy) => CompiledPolicy | undefined;

/** Pure: CRD objects in, snapshot out. undefined when the policy has no spec to route by. */
export function buildSnapshot(
  sources: SnapshotSources,
  compile: Compile = compileFromObject,
): RoutingSnapshot | undefined {
  const compiled = compile(sources.policy);
  if (compiled === undefined) return undefined;
  const policy = withThresholdsInUse(compiled, sources.policy);
  const profiles = profileSpecs(sources.profiles);
  const models = modelViews(sources.models, profiles);
  const unresolved = refProblems(policy, models, new Set(profiles.keys()));
  const { model, runtime, stale } = routerModelOf(policy, sources);
  const cache = sources.policy.spec?.cache;
  const problems = [...policy.problems, ...runtime, ...stale, ...unresolved];
  const readiness = policyReadiness(policy, models, unresolved, runtime);
  const snapshot: RoutingSnapshot = { policy, models, problems, readiness };
  return {
    ...snapshot,
    ...(cache === undefined ? {} : { cache }),
    ...(model === undefined ? {} : { model }),
  };
}

/**
 * A learned policy's model, and its problems: `runtime` ones (no model: not Ready) or `stale`
 * ones (a model, the last good one: listed, Route goes on with it).
 */
function routerModelOf(policy: CompiledPolicy, sources: SnapshotSources) {
  const { model, modelProblem } = policy.classifier.type === 'learned' ? sources : {};
  if (model === undefined) {
    const runtime = policy.classifier.type === 'learned' ? [modelProblem ?? NO_ROUTER_MODEL] : [];
    return { model, runtime, stale: [] };
  }
  return { model, runtime: [], stale: modelProblem === undefined ? [] : [modelProblem] };
}

const NO_ROUTER_MODEL: PolicyProblem = {
  field: 'spec.classifier.type',
  reason: 'RouterModelUnavailable',
  message: 'classifier.type learned needs the router model, and this API process has none loaded',
};

/**
 * status.classifier.thresholds change without a new generation (the calibration loop writes
 * them), so they are applied here, after the per-generation compile, and not cached with it.
 */
function withThresholdsInUse(policy: CompiledPolicy, object: RoutingPolicy): CompiledPolicy {
  const { classifier } = policy;
  if (classifier.type !== 'learned') return policy;
  const status = statusThresholds(classifier.thresholds, object.status?.classifier?.thresholds);
  if (status === undefined) return policy;
  return { ...policy, classifier: { ...classifier, thresholds: status, thresholdsFrom: 'status' } };
}

function profileSpecs(
  profiles: readonly QuantizationProfile[],
): Map<string, QuantizationProfileSpec> {
  const specs = new Map<string, QuantizationProfileSpec>();
  for (const p of profiles) if (p.metadata?.name && p.spec) specs.set(p.metadata.name, p.spec);
  return specs;
}

function modelViews(models: readonly InferenceModel[], profiles: Profiles): Map<string, ModelView> {
  const views = new Map<string, ModelView>();
  for (const model of models) {
    const view = toModelView(model, profiles);
    if (view) views.set(view.name, view);
  }
  return views;
}

export function compileFromObject(policy: RoutingPolicy): CompiledPolicy | undefined {
  if (policy.spec === undefined) return undefined;
  const meta = policy.metadata ?? {};
  return compilePolicy(
    {
      name: meta.name ?? '',
      namespace: meta.namespace ?? 'default',
      generation: meta.generation ?? 0,
    },
    policy.spec,
  );
}

type Profiles = ReadonlyMap<string, QuantizationProfileSpec>;

export function toModelView(model: InferenceModel, profiles: Profiles): ModelView | undefined {
  const name = model.metadata?.name;
  const spec = model.spec;
  if (name === undefined || spec === undefined) return undefined;
  const profileName = spec.vllm?.quantizationProfileRef?.name;
  return {
    ...wakingOf(model),
    name,
    tier: spec.tier,
    provider: spec.provider,
    ready: isReady(model),
    endpoint: model.status?.endpoint,
    servedModelName: servedName(model, name),
    pricing: spec.pricing ?? {},
    retention: profileName === undefined ? undefined : profiles.get(profileName)?.qualityRetention,
    quantizationProfile: profileName,
    taskLabels: labelsOf(spec),
  };
}

function labelsOf(spec: NonNullable<InferenceModel['spec']>): ReadonlySet<string> {
  return new Set(spec.taskLabels);
}

function isReady(model: InferenceModel): boolean {
  const ready = model.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.status === 'True';
}

function servedName(model: InferenceModel, name: string): string {
  const spec = model.spec;
  const fromSpec = spec?.vllm?.servedModelName ?? spec?.external?.modelId;
  return model.status?.servedModelName ?? fromSpec ?? name;
}
