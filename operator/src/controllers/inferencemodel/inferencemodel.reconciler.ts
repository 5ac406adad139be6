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
import { deleteOwned, readOptional, refOf } from './observe/kube-reads.js';
import { secretRecheckMs } from './observe/secret-recheck.js';
import { observeDeployment, observeJob } from './observe/observed.js';
import {
  planInferenceModel,
  type Capabilities,
  type KubeObject,
  type ObjectRef,
  type Plan,
  type PlanInput,
} from './plan/plan.js';

type Secret = KubernetesObject & { data?: Record<string, string> };

/** What the informers hold; an Informer is one. */
export interface Cache<T> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
}

/** The caches of owned children by kind; a kind without a cache is not served (see ChildInformers). */
export interface ChildCaches {
  cacheOf(kind: string): Cache<KubernetesObject> | undefined;
}

export interface InferenceModelDeps {
  readonly models: Cache<InferenceModel>;
  readonly profiles: Cache<QuantizationProfile>;
  readonly children: ChildCaches;
  /** Every cache has listed and capabilities were detected: before that a plan would be blind. */
  readonly synced: () => boolean;
  readonly objects: KubernetesObjectApi;
  readonly custom: CustomObjectsApi;
  readonly recorder: EventRecorder;
  /** Where KEDA triggers query and which labels ServiceMonitors carry (operator settings). */
  readonly monitoring?: Pick<Capabilities, 'prometheusAddress' | 'serviceMonitorLabels'>;
  readonly now?: () => number;
}

const CREATE_ONLY = new Set(['Job', 'PersistentVolumeClaim']);

/** How soon to look again while the caches are filling (start-up, an optional API appearing). */
const NOT_SYNCED_RETRY_MS = 500;

/**
 * Everything is observed from caches except the external provider's API-key Secret (Secrets are
 * not cached: an operator that lists every Secret of the cluster holds every credential in
 * memory and needs RBAC to read them all). A reconcile with nothing to change sends no request.
 */
export class InferenceModelReconciler implements Reconciler {
  private readonly now: () => number;

  constructor(private readonly deps: InferenceModelDeps) {
    this.now = deps.now ?? Date.now;
  }

  async reconcile(key: ObjectKey): Promise<{ requeueAfterMs?: number } | void> {
    if (!this.deps.synced()) return { requeueAfterMs: NOT_SYNCED_RETRY_MS };
    // Absent: deleted; garbage collection removes the children through their ownerReferences.
    const model = this.deps.models.get(key.name, key.namespace);
    if (!model) return;
    const input = await this.observe(model);
    const plan = planInferenceModel(input);
    for (const desired of plan.objects) await this.apply(model, desired);
    for (const ref of plan.obsolete) await this.remove(model, ref);
    if (plan.statusChanged) await this.writeStatus(model, plan);
    if (input.observed?.secretFound === false)
      return { requeueAfterMs: secretRecheckMs(model, this.now()) };
  }

  private async observe(model: InferenceModel): Promise<PlanInput> {
    const deployment = this.owned<V1Deployment>(model, 'Deployment').find(
      (d) => d.metadata?.name === model.metadata?.name,
    );
    const input: PlanInput = {
      model,
      capabilities: this.capabilities(),
      observed: {
        ...(deployment ? { deployment: observeDeployment(deployment) } : {}),
        fineTuneJobs: this.owned<V1Job>(model, 'Job').map(observeJob),
        ...(await this.secretFound(model)),
      },
      now: new Date(this.now()).toISOString(),
    };
    const ref = model.spec?.vllm?.quantizationProfileRef?.name;
    const namespace = model.metadata?.namespace ?? 'default';
    if (ref) input.profile = this.deps.profiles.get(ref, namespace) ?? 'missing';
    return input;
  }

  /** The optional kinds whose caches exist, so the planner emits only kinds that are cached. */
  private capabilities(): Capabilities {
    return {
      keda: this.cache('ScaledObject') !== undefined,
      serviceMonitor: this.cache('ServiceMonitor') !== undefined,
      ...this.deps.monitoring,
    };
  }

  /** The cached children of this kind that the model controls. */
  private owned<T extends KubernetesObject>(model: InferenceModel, kind: string): T[] {
    const { namespace = 'default', uid } = model.metadata ?? {};
    const cached = (this.cache(kind)?.list(namespace) ?? []) as T[];
    return cached.filter((child) =>
      child.metadata?.ownerReferences?.some((o) => o.uid === uid && o.controller),
    );
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

  private cache(kind: string): Cache<KubernetesObject> | undefined {
    return this.deps.children.cacheOf(kind);
  }

  /** Creates or patches one child as the cache shows it (the planner only emits cached kinds). */
  private async apply(model: InferenceModel, desired: KubeObject): Promise<void> {
    const object = desired as KubernetesObject;
    const ref = refOf(object);
    const cache = this.cache(ref.kind);
    if (!cache) throw new Error(`${ref.kind} is not cached; the planner asked for it`);
    const observed = cache.get(ref.name, ref.namespace);
    // A Job's pod template is immutable and a new fine-tune spec or model gets a new Job name (its
    // hash); a claim's spec is immutable but for growth. Both are created once, never patched.
    if (CREATE_ONLY.has(ref.kind) && observed) return;
    const { action } = await applyObject(this.deps.objects, object, observed);
    if (action === 'none') return;
    const verb = action === 'create' ? 'Created' : 'Updated';
    this.record(model, 'Normal', verb, `${verb} ${ref.kind} ${ref.name}`);
  }

  /** Deletes an obsolete child we control; a kind without a cache is not served, so it has none. */
  private async remove(model: InferenceModel, ref: ObjectRef): Promise<void> {
    const observed = this.cache(ref.kind)?.get(ref.name, ref.namespace);
    if (!observed) return;
    const deleted = await deleteOwned(this.deps.objects, observed, model.metadata?.uid ?? '');
    if (deleted) this.record(model, 'Normal', 'Deleted', `Deleted ${ref.kind} ${ref.name}`);
  }

  /** Queued, not awaited: an Event write never holds up a reconcile (EventRecorder). */
  private record(
    model: InferenceModel,
    type: 'Normal' | 'Warning',
    reason: string,
    note: string,
  ): void {
    const action = type === 'Normal' ? 'Apply' : 'Reconcile';
    this.deps.recorder.record(asObject(model), { type, reason, action, note });
  }

  private async writeStatus(model: InferenceModel, plan: Plan): Promise<void> {
    const resource = INFERENCE_MODEL;
    await updateStatus(this.deps.custom, resource, asObject(model), plan.statusPatch);
    for (const problem of newProblems(model.status?.conditions ?? [], plan.conditions))
      this.record(model, 'Warning', problem.reason, problem.message);
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
