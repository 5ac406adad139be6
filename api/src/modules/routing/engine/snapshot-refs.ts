import type { CompiledPolicy, PolicyProblem } from './policy.js';
import type { ModelView } from './snapshot.js';

/**
 * References the cluster does not satisfy: targets naming no InferenceModel, targets whose model
 * declares another tier, models whose QuantizationProfile does not exist. They are reported
 * (RoutingPolicy condition ResolvedRefs=False) and routing goes on without them.
 */
export function refProblems(
  policy: CompiledPolicy,
  models: ReadonlyMap<string, ModelView>,
  profileNames: ReadonlySet<string>,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const tier of policy.tiers) {
    tier.targets.forEach((target, j) => {
      const problem = targetProblem(policy, tier.name, target.model, models);
      if (problem)
        problems.push({ field: `spec.tiers[${tier.index}].targets[${j}].model`, ...problem });
    });
  }
  for (const name of new Set(policy.tiers.flatMap((t) => t.targets.map((x) => x.model)))) {
    const profile = models.get(name)?.quantizationProfile;
    if (profile !== undefined && !profileNames.has(profile)) {
      problems.push({
        field: `InferenceModel ${name}: spec.vllm.quantizationProfileRef.name`,
        reason: 'UnknownQuantizationProfile',
        message: `QuantizationProfile ${profile} does not exist; the quantization guard cannot judge ${name}`,
      });
    }
  }
  return problems;
}

function targetProblem(
  policy: CompiledPolicy,
  tier: string,
  modelName: string,
  models: ReadonlyMap<string, ModelView>,
): { reason: string; message: string } | undefined {
  const model = models.get(modelName);
  if (model === undefined) {
    const message = `InferenceModel ${modelName} does not exist in namespace ${policy.namespace}`;
    return { reason: 'UnknownModel', message };
  }
  if (model.tier !== tier) {
    const message = `InferenceModel ${modelName} declares tier ${model.tier} but is listed in tier ${tier}`;
    return { reason: 'TierMismatch', message };
  }
  return undefined;
}
