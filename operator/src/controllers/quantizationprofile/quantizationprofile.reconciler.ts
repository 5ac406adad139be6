// observe (caches) -> plan (pure, profile-status.ts) -> status (only if changed), for one
// QuantizationProfile. A profile owns no objects, so there is nothing to apply.
import type { CustomObjectsApi, KubernetesObject } from '@kubernetes/client-node';
import {
  QUANTIZATION_PROFILE,
  type Condition,
  type InferenceModel,
  type QuantizationProfile,
} from '@sluice/crds';
import {
  updateStatus,
  type EventRecorder,
  type ObjectKey,
  type Reconciler,
} from '../../runtime/index.js';
import type { Cache } from '../inferencemodel/inferencemodel.reconciler.js';
import { planProfileStatus } from './profile-status.js';

export interface QuantizationProfileDeps {
  readonly profiles: Cache<QuantizationProfile>;
  readonly models: Cache<InferenceModel>;
  readonly custom: CustomObjectsApi;
  readonly recorder: EventRecorder;
  /** Both caches have listed: before that a profile would be told no model references it. */
  readonly synced: () => boolean;
}

/** How soon to look again while the caches are filling. */
const NOT_SYNCED_RETRY_MS = 500;

export class QuantizationProfileReconciler implements Reconciler {
  constructor(private readonly deps: QuantizationProfileDeps) {}

  async reconcile(key: ObjectKey): Promise<{ requeueAfterMs: number } | void> {
    if (!this.deps.synced()) return { requeueAfterMs: NOT_SYNCED_RETRY_MS };
    const profile = this.deps.profiles.get(key.name, key.namespace);
    if (!profile) return;
    const models = this.deps.models.list(profile.metadata?.namespace ?? 'default');
    const plan = planProfileStatus({ profile, models, now: new Date().toISOString() });
    if (!plan.changed) return;
    const object = profile as unknown as KubernetesObject & { status?: unknown };
    await updateStatus(this.deps.custom, QUANTIZATION_PROFILE, object, plan.status);
    this.warnOnDegraded(profile, object, plan.status.conditions ?? []);
  }

  /** One Warning Event when Degraded turns True or changes reason, not on every write. */
  private warnOnDegraded(
    profile: QuantizationProfile,
    object: KubernetesObject,
    next: readonly Condition[],
  ): void {
    const degraded = next.find((c) => c.type === 'Degraded' && c.status === 'True');
    if (!degraded) return;
    const before = profile.status?.conditions?.find((c) => c.type === 'Degraded');
    if (before?.status === 'True' && before.reason === degraded.reason) return;
    this.deps.recorder.record(object, {
      type: 'Warning',
      reason: degraded.reason,
      action: 'Reconcile',
      note: degraded.message,
    });
  }
}
