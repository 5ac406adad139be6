// The planner run offline, once per InferenceModel: what the operator would apply on a cluster
// that holds exactly the given profiles, before any Deployment exists.
import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { InferenceModel, QuantizationProfile } from '@sluice/crds';
import { planInferenceModel, type Capabilities, type KubeObject } from '@sluice/operator/planner';

export interface Problem {
  reason: string;
  message: string;
}

export interface RenderedModel {
  /** "namespace/name". */
  model: string;
  objects: KubeObject[];
  /** Set when the operator would create nothing for this spec (Ready=False, phase Failed). */
  blocked?: Problem;
}

export interface PlanModelsInput {
  models: readonly InferenceModel[];
  profiles: readonly QuantizationProfile[];
  capabilities: Capabilities;
  /** RFC 3339; only status timestamps depend on it, and render prints no status. */
  now: string;
}

export function planModels(input: PlanModelsInput): RenderedModel[] {
  return input.models.map((model) => planModel(model, input));
}

function planModel(model: InferenceModel, input: PlanModelsInput): RenderedModel {
  const profile = profileOf(model, input.profiles);
  const plan = planInferenceModel({
    model,
    ...(profile ? { profile } : {}),
    capabilities: input.capabilities,
    // Offline there is no Secret to look up; render shows the spec, not the cluster.
    observed: { secretFound: true },
    now: input.now,
  });
  const { name, namespace } = model.metadata ?? {};
  const objects = plan.objects.map(withoutPendingOwner);
  const rendered: RenderedModel = { model: `${namespace}/${name}`, objects };
  if (plan.statusPatch.phase !== 'Failed') return rendered;
  const ready = plan.conditions.find((c) => c.type === 'Ready');
  rendered.blocked = { reason: ready?.reason ?? 'Failed', message: ready?.message ?? '' };
  return rendered;
}

/** The referenced profile from the same namespace, 'missing' when the files lack it. */
function profileOf(
  model: InferenceModel,
  profiles: readonly QuantizationProfile[],
): QuantizationProfile | 'missing' | undefined {
  const ref = model.spec?.vllm?.quantizationProfileRef;
  if (!ref) return undefined;
  const namespace = model.metadata?.namespace;
  const found = profiles.find(
    (p) => p.metadata?.name === ref.name && p.metadata?.namespace === namespace,
  );
  return found ?? 'missing';
}

/**
 * Children name their model as controller owner by uid, which only the API server assigns; an
 * empty uid would make the object unappliable, so render leaves the reference out.
 */
function withoutPendingOwner(object: KubeObject): KubeObject {
  const owners = object.metadata?.ownerReferences;
  if (!object.metadata || !owners) return object;
  const metadata: V1ObjectMeta = { ...object.metadata };
  const kept = owners.filter((o) => o.uid !== '');
  if (kept.length > 0) metadata.ownerReferences = kept;
  else delete metadata.ownerReferences;
  return { ...object, metadata };
}
