// provider vllm: profile -> fine-tune -> args -> fit check -> children -> status.
import type { InferenceModelSpec, QuantizationProfileSpec } from '@sluice/crds';
import { draft } from '../status/conditions.js';
import { extraArgsProblem } from './args-check.js';
import { configHash } from './config-hash.js';
import { desiredHpa, desiredScaledObject } from '../desired/desired-autoscaler.js';
import { desiredDeployment } from '../desired/desired-deployment.js';
import { desiredPodDisruptionBudget } from '../desired/desired-pdb.js';
import { desiredServiceMonitor } from '../desired/desired-service-monitor.js';
import { desiredService, serviceEndpoint } from '../desired/desired-service.js';
import { checkFit, type FitResult } from './fit-check.js';
import { capabilityText } from '../sizing/gpu-catalog.js';
import { methodsFor, neededText, unsupportedQuantization } from '../sizing/quantization-support.js';
import { planFineTune, type FineTunePlan } from './finetune-plan.js';
import { planModelCache, type ModelCachePlan } from './model-cache-plan.js';
import type { ModelCache } from '../desired/model-cache.js';
import { identity, resolveAutoscaling, resolveVllm, type ResolvedVllm } from './resolved-spec.js';
import { computeStatus, type StatusInput } from '../status/status.js';
import { podStorage, type PodStorage } from '../desired/source-storage.js';
import { servedLocations, vllmArgs } from '../desired/vllm-args.js';
import type { KubeObject, ObjectRef, Plan, PlanInput } from './plan-types.js';

type Problem = { reason: string; message: string };
type VllmSpec = NonNullable<InferenceModelSpec['vllm']>;

interface Workload {
  objects: KubeObject[];
  obsolete: ObjectRef[];
  degraded?: Problem;
}

export function planVllm(input: PlanInput): Plan {
  const { model } = input;
  const spec = model.spec?.vllm;
  if (!spec) {
    return toPlan([], [], { model, now: input.now, blocked: invalid('spec.vllm') });
  }
  const profile = resolveProfile(input);
  const { vllm, fineTune, args, storage } = resolveServing(input, spec, profile.spec);
  const fit = fitOf(vllm, profile);
  const blocked = blockedBy(vllm, profile, fit, args);
  const cache = blocked ? undefined : cachePlan(input, vllm, profile.spec);
  const workload: Workload = blocked
    ? { objects: [], obsolete: [] }
    : workloadObjects(input, vllm, { args, storage, modelCache: cache?.cache });
  const status = statusFacts(input, vllm, fit, fineTune);
  setResolvedArgs(status, blocked ? model.status?.resolvedArgs : args);
  addProblems(status, blocked, degradedBy(fineTune, cache, workload));
  const objects = [
    ...fineTuneObjects(fineTune),
    ...cacheObjects(cache, status),
    ...workload.objects,
  ];
  return toPlan(objects, workload.obsolete, status);
}

/** The first of: the fine-tune Job failed, the model download failed, a workload problem. */
function degradedBy(
  fineTune: FineTunePlan | undefined,
  cache: ModelCachePlan | undefined,
  workload: Workload,
): Problem | undefined {
  return fineTune?.failed ?? cache?.failed ?? workload.degraded;
}

const fineTuneObjects = (fineTune: FineTunePlan | undefined): KubeObject[] =>
  fineTune ? [fineTune.job] : [];

function cachePlan(
  input: PlanInput,
  vllm: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
): ModelCachePlan | undefined {
  return planModelCache(input.model, vllm, profile, input.observed?.fineTuneJobs ?? []);
}

/** The claim and its download Job, and the ModelCached condition that says how it is going. */
function cacheObjects(cache: ModelCachePlan | undefined, status: StatusInput): KubeObject[] {
  if (!cache) return [];
  status.extra = [...(status.extra ?? []), cache.condition];
  return [cache.cache.claim, cache.cache.job];
}

/** The fine-tune plan, and the vLLM settings with its result applied once it succeeded. */
function resolveServing(
  input: PlanInput,
  spec: VllmSpec,
  profile: QuantizationProfileSpec | undefined,
) {
  const { name } = identity(input.model);
  const jobs = input.observed?.fineTuneJobs ?? [];
  const fineTune = planFineTune(input.model, spec, resolveVllm(name, spec).servedModelName, jobs);
  const vllm = resolveVllm(name, fineTune?.model ? { ...spec, model: fineTune.model } : spec);
  const extra = fineTune?.adapter ? [fineTune.adapter] : [];
  const args = vllmArgs(vllm, profile, extra);
  const storage = podStorage(servedLocations(vllm, profile, extra));
  return { vllm, fineTune, args, storage };
}

/** The fit check; without the referenced profile there is nothing to estimate. */
function fitOf(vllm: ResolvedVllm, profile: ReturnType<typeof resolveProfile>): FitResult {
  if (!profile.problem) return checkFit(vllm, profile.spec);
  const message = `Cannot estimate GPU memory: ${profile.problem.message}`;
  return { condition: draft('FitsGPU', 'Unknown', profile.problem.reason, message) };
}

/** Blocked, the Deployment keeps running what it ran, so status keeps reporting those args. */
function setResolvedArgs(status: StatusInput, args: string[] | undefined): void {
  if (args) status.resolvedArgs = args;
}

function addProblems(status: StatusInput, blocked?: Problem, degraded?: Problem): void {
  if (blocked) status.blocked = blocked;
  if (degraded) status.degraded = degraded;
}

function statusFacts(
  input: PlanInput,
  vllm: ResolvedVllm,
  fit: FitResult,
  fineTune: FineTunePlan | undefined,
): StatusInput {
  const { model } = input;
  const facts: StatusInput = {
    model,
    now: input.now,
    endpoint: serviceEndpoint(model),
    servedModelName: fineTune?.adapter?.name ?? vllm.servedModelName,
    gpusPerReplica: vllm.gpuCount,
    extra: fineTune ? [fit.condition, fineTune.condition] : [fit.condition],
  };
  if (fineTune) facts.fineTune = fineTune.status;
  if (fit.estimatedMiBPerReplica) {
    facts.estimatedGPUMemoryMiBPerReplica = fit.estimatedMiBPerReplica;
  }
  return addObserved(facts, input);
}

function addObserved(facts: StatusInput, input: PlanInput): StatusInput {
  const price = input.model.spec?.pricing?.gpuHourlyUSD;
  if (price !== undefined) facts.gpuHourlyUSD = price;
  if (input.observed?.deployment) facts.deployment = input.observed.deployment;
  return facts;
}

/** The referenced profile's spec, or the problem of a dangling reference; neither without a ref. */
function resolveProfile(input: PlanInput): { spec?: QuantizationProfileSpec; problem?: Problem } {
  const ref = input.model.spec?.vllm?.quantizationProfileRef;
  if (!ref) return {};
  const p = input.profile;
  if (p !== undefined && p !== 'missing' && p.spec) return { spec: p.spec };
  const ns = input.model.metadata?.namespace ?? 'default';
  const message =
    `QuantizationProfile ${ref.name} was not found in namespace ${ns}; ` +
    'create it or fix spec.vllm.quantizationProfileRef.';
  return { problem: { reason: 'QuantizationProfileNotFound', message } };
}

/** The first problem that keeps the model from rolling out: its profile, GPU, args, memory. */
function blockedBy(
  vllm: ResolvedVllm,
  profile: ReturnType<typeof resolveProfile>,
  fit: FitResult,
  args: readonly string[],
): Problem | undefined {
  return (
    profile.problem ??
    quantizationProblem(vllm, profile.spec) ??
    extraArgsProblem(vllm, args) ??
    fit.blocked
  );
}

/** vLLM would refuse to start (quantization-support.ts): blocked like a model that cannot fit. */
function quantizationProblem(
  vllm: ResolvedVllm,
  profile: QuantizationProfileSpec | undefined,
): Problem | undefined {
  const gpu = vllm.spec.gpu.type;
  const unsupported = profile && unsupportedQuantization(profile.method, gpu, profile.weightBits);
  if (!unsupported) return undefined;
  const ref = vllm.spec.quantizationProfileRef?.name ?? '';
  const instead = methodsFor(gpu);
  const message =
    `QuantizationProfile ${ref} uses ${profile.method}, and ${neededText(unsupported)}; ` +
    `${gpu} has ${capabilityText(unsupported.capability)}, so vLLM would refuse to start. ` +
    `Reference a profile with ${instead.join(', ')} (or none), or pick a newer spec.vllm.gpu.type.`;
  return { reason: 'QuantizationUnsupportedOnGPU', message };
}

function workloadObjects(
  input: PlanInput,
  vllm: ResolvedVllm,
  serving: { args: string[]; storage: PodStorage; modelCache: ModelCache | undefined },
): Workload {
  const { model, capabilities } = input;
  const { name, namespace } = identity(model);
  const autoscaling = resolveAutoscaling(model.spec?.autoscaling);
  const { args, storage, modelCache } = serving;
  const hfToken = vllm.spec.hfTokenSecretRef;
  // A cache (or another download Job) changes the pods: roll them.
  const cache = modelCache && { claim: modelCache.claimName, job: modelCache.jobName };
  const hash = configHash({ image: vllm.image, args, gpu: vllm.spec.gpu, hfToken, cache });
  const useKeda = autoscaling.scaler === 'keda' && capabilities.keda;
  const objects: KubeObject[] = [
    desiredDeployment({
      model,
      vllm,
      args,
      configHash: hash,
      storage,
      ...(modelCache ? { modelCache } : {}),
    }),
    desiredService(model),
    desiredPodDisruptionBudget(model),
    useKeda
      ? desiredScaledObject(model, autoscaling, capabilities.prometheusAddress)
      : desiredHpa(model, autoscaling),
  ];
  if (capabilities.serviceMonitor)
    objects.push(desiredServiceMonitor(model, capabilities.serviceMonitorLabels));
  const obsolete: ObjectRef[] = [
    useKeda
      ? { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace, name }
      : { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', namespace, name },
  ];
  if (autoscaling.scaler !== 'keda' || capabilities.keda) return { objects, obsolete };
  const message =
    'autoscaling.scaler is keda but KEDA is not installed; an HPA with at least 1 replica ' +
    'scales the model instead.';
  return { objects, obsolete, degraded: { reason: 'KEDANotInstalled', message } };
}

function invalid(field: string): Problem {
  return { reason: 'InvalidSpec', message: `${field} must be set when provider is vllm.` };
}

function toPlan(objects: KubeObject[], obsolete: ObjectRef[], status: StatusInput): Plan {
  const { status: statusPatch, changed } = computeStatus(status);
  const conditions = statusPatch.conditions ?? [];
  return { objects, obsolete, conditions, statusPatch, statusChanged: changed };
}
