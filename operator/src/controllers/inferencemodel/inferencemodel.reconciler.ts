// observe (caches) -> plan (pure, plan.ts) -> apply (only differences) -> status (only if
// changed), for one InferenceModel. Orchestration only: every decision is the planner's.
import type {
  KubernetesObject,
  KubernetesObjectApi,
  CustomObjectsApi,
} from '@kubernetes/client-node';
import {
  INFERENCE_MODEL,
  type Condition,
  type InferenceModel,
  type QuantizationProfile,
} from '@sluice/crds';
import type { V1Deployment, V1Job } from '@kubernetes/client-node';
import {
  applyObject,
  updateStatus,
  type EventRecorder,
  type ObjectKey,
  type Reconciler,
} from '../../runtime/index.js';
import { deleteOwned, readOptional, refOf } from './kube-reads.js';
import { observeDeployment, observeJob } from './observed.js';
import {
  planInferenceModel,
  type Capabilities,
  type KubeObject,
  type ObjectRef,
  type Plan,
  type PlanInput,
} from './plan.js';

type Secret = KubernetesObject & { data?: Record<string, string> };

/** What the informers hold; an Informer is one. */
export interface Cache<T> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
}

export interface InferenceModelDeps {
  readonly models: Cache<InferenceModel>;
  readonly profiles: Cache<QuantizationProfile>;
  readonly deployments: Cache<V1Deployment>;
  readonly jobs: Cache<V1Job>;
  readonly objects: KubernetesObjectApi;
  readonly custom: CustomObjectsApi;
  readonly recorder: EventRecorder;
}

/**
 * KEDA and the Prometheus operator are not detected yet (discovery at start-up would do): the
 * planner gets an HPA and no ServiceMonitor, and reports KEDANotInstalled for scaler keda.
 */
const CAPABILITIES: Capabilities = { keda: false, serviceMonitor: false };
/** A missing external API-key Secret is not watched: look again this often. */
const SECRET_RECHECK_MS = 30_000;

export class InferenceModelReconciler implements Reconciler {
  constructor(private readonly deps: InferenceModelDeps) {}

  async reconcile(key: ObjectKey): Promise<{ requeueAfterMs?: number } | void> {
    // Absent: deleted; garbage collection removes the children through their ownerReferences.
    const model = this.deps.models.get(key.name, key.namespace);
    if (!model) return;
    const input = await this.observe(model);
    const plan = planInferenceModel(input);
    for (const desired of plan.objects) await this.apply(model, desired);
    const uid = model.metadata?.uid ?? '';
    for (const ref of plan.obsolete) await deleteOwned(this.deps.objects, ref, uid);
    if (plan.statusChanged) await this.writeStatus(model, plan);
    if (input.observed?.secretFound === false) return { requeueAfterMs: SECRET_RECHECK_MS };
  }

  private async observe(model: InferenceModel): Promise<PlanInput> {
    const { name = '', namespace = 'default', uid } = model.metadata ?? {};
    const deployment = this.deps.deployments.get(name, namespace);
    const jobs = this.deps.jobs
      .list(namespace)
      .filter((job) => job.metadata?.ownerReferences?.some((o) => o.uid === uid && o.controller));
    const input: PlanInput = {
      model,
      capabilities: CAPABILITIES,
      observed: {
        ...(deployment ? { deployment: observeDeployment(deployment) } : {}),
        fineTuneJobs: jobs.map(observeJob),
        ...(await this.secretFound(model)),
      },
      now: new Date().toISOString(),
    };
    const ref = model.spec?.vllm?.quantizationProfileRef?.name;
    if (ref) input.profile = this.deps.profiles.get(ref, namespace) ?? 'missing';
    return input;
  }

  private async secretFound(model: InferenceModel): Promise<{ secretFound?: boolean }> {
    const ref =
      model.spec?.provider === 'external' ? model.spec.external?.apiKeySecretRef : undefined;
    if (!ref) return {};
    const { namespace = 'default' } = model.metadata ?? {};
    const secretRef = { apiVersion: 'v1', kind: 'Secret', namespace, name: ref.name };
    const secret = await readOptional<Secret>(this.deps.objects, secretRef);
    return { secretFound: secret?.data?.[ref.key ?? 'api-key'] !== undefined };
  }

  /** Deployments and Jobs come from the caches; Service, PDB and HPA are read (not cached). */
  private async apply(model: InferenceModel, desired: KubeObject): Promise<void> {
    const object = desired as KubernetesObject;
    const ref = refOf(object);
    const observed = this.cached(ref) ?? (await readOptional(this.deps.objects, ref));
    const { action } = await applyObject(this.deps.objects, object, observed);
    if (action === 'none') return;
    const verb = action === 'create' ? 'Created' : 'Updated';
    await this.deps.recorder.record(asObject(model), {
      type: 'Normal',
      reason: verb,
      action: 'Apply',
      note: `${verb} ${ref.kind} ${ref.name}`,
    });
  }

  private cached(ref: ObjectRef): KubernetesObject | undefined {
    if (ref.kind === 'Deployment') return this.deps.deployments.get(ref.name, ref.namespace);
    if (ref.kind === 'Job') return this.deps.jobs.get(ref.name, ref.namespace);
    return undefined;
  }

  private async writeStatus(model: InferenceModel, plan: Plan): Promise<void> {
    const resource = INFERENCE_MODEL;
    await updateStatus(this.deps.custom, resource, asObject(model), plan.statusPatch);
    for (const problem of newProblems(model.status?.conditions ?? [], plan.conditions)) {
      await this.deps.recorder.record(asObject(model), {
        type: 'Warning',
        reason: problem.reason,
        action: 'Reconcile',
        note: problem.message,
      });
    }
  }
}

/** Ready=False for a configuration problem, or Degraded=True, that was not reported before. */
function newProblems(previous: readonly Condition[], next: readonly Condition[]): Condition[] {
  const bad = (c: Condition): boolean =>
    (c.type === 'Ready' && c.status === 'False' && !PROGRESS_REASONS.has(c.reason)) ||
    (c.type === 'Degraded' && c.status === 'True');
  const seen = (c: Condition): boolean =>
    previous.some((p) => p.type === c.type && p.status === c.status && p.reason === c.reason);
  return next.filter((c) => bad(c) && !seen(c));
}

/** Ready=False reasons of a workload on its way (workload-conditions.ts), not problems. */
const PROGRESS_REASONS = new Set(['DeploymentPending', 'ReplicasNotReady', 'ScaledToZero']);

/** The CRD types spell timestamps as strings; client-node's KubernetesObject as Dates. */
const asObject = (model: InferenceModel): KubernetesObject & { status?: unknown } =>
  model as unknown as KubernetesObject;
