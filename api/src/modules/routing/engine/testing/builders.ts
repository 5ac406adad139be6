import type {
  InferenceModel,
  QuantizationProfile,
  QuantizationProfileSpec,
  RoutingPolicy,
  RoutingPolicySpec,
} from '@sluice/crds';
import { buildSnapshot, compileFromObject, type RoutingSnapshot } from '../snapshot.js';
import type { ClassifierModel } from '../classifier-model.js';
import type { CompiledPolicy } from '../policy.js';
import { fakeRouterModel } from './fake-router-model.js';

type Spec = RoutingPolicySpec;
type Rule = NonNullable<Spec['rules']>[number];
type Budget = NonNullable<Spec['budgets']>[number];

/** Fluent RoutingPolicy fixtures, in the style of lws' test wrappers (STYLE.md). */
export class PolicyBuilder {
  private readonly spec: Spec = { tiers: [], defaultRoute: { tier: 'small' } };
  private generationValue = 1;
  private statusValue: RoutingPolicy['status'];

  constructor(private readonly name: string) {}

  /** A tier; targets as model names or [model, weight]. */
  tier(name: string, ...targets: (string | readonly [string, number])[]): this {
    const list = targets.map((t) =>
      typeof t === 'string' ? { model: t } : { model: t[0], weight: t[1] },
    );
    this.spec.tiers.push({ name, targets: list });
    return this;
  }

  classifier(classifier: NonNullable<Spec['classifier']>): this {
    this.spec.classifier = classifier;
    return this;
  }

  rule(name: string, match: Rule['match'], route: Rule['route']): this {
    (this.spec.rules ??= []).push({ name, match, route });
    return this;
  }

  /** tier undefined: the learned classifier's tier. */
  defaultRoute(tier: string | undefined, maxTokens?: number): this {
    this.spec.defaultRoute = {
      ...(tier === undefined ? {} : { tier }),
      ...(maxTokens === undefined ? {} : { maxTokens }),
    };
    return this;
  }

  /** classifier.type learned with these thresholds, cheapest tier first. */
  learned(...thresholds: (readonly [string, number])[]): this {
    this.spec.classifier = {
      type: 'learned',
      thresholds: thresholds.map(([tier, minSmallOkPercent]) => ({ tier, minSmallOkPercent })),
    };
    return this;
  }

  /** spec.classifier.model.configMapRef (after learned()): the policy's own router model. */
  routerModelFrom(name: string, key?: string): this {
    const classifier = (this.spec.classifier ??= { type: 'learned' });
    classifier.model = { configMapRef: key === undefined ? { name } : { name, key } };
    return this;
  }

  /** status.classifier.thresholds, as the calibration loop writes them. */
  statusThresholds(...thresholds: (readonly [string, number])[]): this {
    this.statusValue = {
      classifier: {
        thresholds: thresholds.map(([tier, minSmallOkPercent]) => ({ tier, minSmallOkPercent })),
      },
    };
    return this;
  }

  fallback(fallback: NonNullable<Spec['fallback']>): this {
    this.spec.fallback = fallback;
    return this;
  }

  budget(budget: Budget): this {
    (this.spec.budgets ??= []).push(budget);
    return this;
  }

  shadow(tier: string, samplePercent: number): this {
    this.spec.shadow = { tier, samplePercent };
    return this;
  }

  generation(generation: number): this {
    this.generationValue = generation;
    return this;
  }

  obj(): RoutingPolicy {
    const metadata = { name: this.name, namespace: 'default', generation: this.generationValue };
    const policy: RoutingPolicy = {
      apiVersion: 'sluice.dev/v1alpha1',
      kind: 'RoutingPolicy',
      metadata,
      spec: structuredClone(this.spec),
    };
    if (this.statusValue !== undefined) policy.status = structuredClone(this.statusValue);
    return policy;
  }

  compiled(): CompiledPolicy {
    const compiled = compileFromObject(this.obj());
    if (compiled === undefined) throw new Error('policy without spec');
    return compiled;
  }
}

/** Fluent InferenceModel fixtures: ready vLLM models unless told otherwise. */
export class ModelBuilder {
  private readonly model: InferenceModel;

  constructor(name: string) {
    this.model = {
      apiVersion: 'sluice.dev/v1alpha1',
      kind: 'InferenceModel',
      metadata: { name, namespace: 'default' },
      spec: {
        provider: 'vllm',
        tier: 'small',
        vllm: { model: `org/${name}`, gpu: { type: 'nvidia-l4' } },
      },
      status: { endpoint: `http://${name}.default.svc:8000/v1`, conditions: [condition('True')] },
    };
  }

  tier(tier: string): this {
    this.spec().tier = tier;
    return this;
  }

  external(modelId: string, baseURL = 'https://api.example.com/v1'): this {
    const spec = this.spec();
    spec.provider = 'external';
    delete spec.vllm;
    spec.external = { baseURL, modelId, apiKeySecretRef: { name: 'key' } };
    spec.pricing = { inputPer1M: '2.50', outputPer1M: '10.00' };
    this.status().endpoint = baseURL;
    return this;
  }

  servedAs(servedModelName: string): this {
    const vllm = this.spec().vllm;
    if (vllm) vllm.servedModelName = servedModelName;
    return this;
  }

  quant(profile: string): this {
    const vllm = this.spec().vllm;
    if (vllm) vllm.quantizationProfileRef = { name: profile };
    return this;
  }

  /** spec.taskLabels: a specialist for these task kinds. */
  taskLabels(...labels: string[]): this {
    this.spec().taskLabels = labels;
    return this;
  }

  ready(ready = true): this {
    this.status().conditions = [condition(ready ? 'True' : 'False')];
    return this;
  }

  /** minReplicas 0 and Ready=False with the operator's reason for it (ScaledToZero by default). */
  scaledToZero(reason = 'ScaledToZero'): this {
    this.spec().autoscaling = { minReplicas: 0, maxReplicas: 1, scaler: 'keda' };
    this.status().conditions = [{ ...condition('False'), reason }];
    return this;
  }

  annotate(key: string, value: string): this {
    this.model.metadata = { ...this.model.metadata, annotations: { [key]: value } };
    return this;
  }

  obj(): InferenceModel {
    return structuredClone(this.model);
  }

  private spec(): NonNullable<InferenceModel['spec']> {
    return this.model.spec as NonNullable<InferenceModel['spec']>;
  }

  private status(): NonNullable<InferenceModel['status']> {
    return (this.model.status ??= {});
  }
}

function condition(status: 'True' | 'False') {
  const reason = status === 'True' ? 'Available' : 'NoReadyReplicas';
  return { type: 'Ready', status, reason, message: '', lastTransitionTime: '2026-01-01T00:00:00Z' };
}

export const aPolicy = (name = 'default') => new PolicyBuilder(name);
export const aModel = (name: string) => new ModelBuilder(name);

export function aProfile(
  name: string,
  qualityRetention: QuantizationProfileSpec['qualityRetention'],
): QuantizationProfile {
  const spec: QuantizationProfileSpec = { method: 'awq', weightBits: 4 };
  if (qualityRetention) spec.qualityRetention = qualityRetention;
  return { metadata: { name, namespace: 'default' }, spec };
}

/** A snapshot from builders; throws (tests only) when the policy has no spec. */
export function snapshotOf(
  policy: PolicyBuilder | RoutingPolicy,
  models: readonly (ModelBuilder | InferenceModel)[],
  profiles: readonly QuantizationProfile[] = [],
  /** The router model the process loaded; null: none. */
  model: ClassifierModel | null = fakeRouterModel(),
): RoutingSnapshot {
  const objects = models.map((m) => (m instanceof ModelBuilder ? m.obj() : m));
  const policyObject = policy instanceof PolicyBuilder ? policy.obj() : policy;
  const sources = { policy: policyObject, models: objects, profiles, model: model ?? undefined };
  const snapshot = buildSnapshot(sources);
  if (snapshot === undefined) throw new Error('policy without spec');
  return snapshot;
}
