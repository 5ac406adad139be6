import type { CustomObjectsApi, KubernetesObject } from '@kubernetes/client-node';
import { ROUTING_POLICY, type RoutingPolicy } from '@sluice/crds';
import { updateStatus, type RuntimeLogger } from '@sluice/operator/runtime';
import type { ObjectSource } from '../catalog/routing-catalog.js';
import type { RoutingSnapshot } from '../routing/engine/index.js';
import type { RoutingView } from '../routing/routing-view.js';
import {
  announceMove,
  classifierPlanOf,
  withClassifier,
  type ClassifierCalibration,
} from './classifier-calibration.js';
import type { ClassifierInputs } from './classifier-inputs.js';
import type { CountsByPolicy } from './decision-counts.js';
import { NO_DECISIONS } from './distribution.js';
import { planPolicyStatus } from './policy-status.js';

export interface PolicyStatusTiming {
  /** How often the distribution is recomputed (and every status checked again). */
  readonly intervalMs: number;
  /** Quiet time after a watched object changed before the statuses are checked. */
  readonly debounceMs: number;
  readonly windowSeconds: number;
  readonly now: () => Date;
}

export interface PolicyStatusWriterOptions {
  readonly policies: ObjectSource<RoutingPolicy>;
  /** The routing catalog, whose snapshots carry each policy's problems. */
  readonly view: RoutingView;
  readonly custom: CustomObjectsApi;
  /** route_decisions per policy over the window ending at the given instant. */
  readonly counts: (now: Date, windowSeconds: number) => Promise<CountsByPolicy>;
  readonly timing: PolicyStatusTiming;
  readonly logger: RuntimeLogger;
  /** Learned classifiers' status.classifier and calibration; absent: the field is not written. */
  readonly calibration?: ClassifierCalibration;
}

/** What one pass read: undefined parts could not be read (or are not recomputed this pass). */
interface PassInputs {
  readonly counts: CountsByPolicy | undefined;
  readonly classifier: ClassifierInputs | undefined;
  readonly now: Date;
}

/**
 * Writes every RoutingPolicy's status while started (by the Lease holder only): on a timer for the
 * distribution, and shortly after any watched object changed for the conditions. A failing
 * Kubernetes or PostgreSQL skips that part of the pass; the next one tries again. Route never
 * waits on any of it.
 */
export class PolicyStatusWriter {
  private active = false;
  private interval: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: PolicyStatusWriterOptions) {}

  /** Call for every watched object change (policies, models, profiles); coalesced. */
  changed(): void {
    if (!this.active) return;
    clearTimeout(this.debounce);
    // Not a recalibration: a pass our own status write triggered must not step the boundary again.
    this.debounce = setTimeout(() => void this.tick(false), this.options.timing.debounceMs);
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    void this.tick();
    this.interval = setInterval(() => void this.tick(), this.options.timing.intervalMs);
  }

  /** Stops the timers and waits for a pass under way. */
  async stop(): Promise<void> {
    this.active = false;
    clearInterval(this.interval);
    clearTimeout(this.debounce);
    await this.running;
  }

  /**
   * One pass over every policy, after the one under way; resolves to the statuses written.
   * `recalibrate` (the timer's passes): learned classifiers' boundaries take one bounded step.
   */
  tick(recalibrate = true): Promise<number> {
    this.running = this.running.then(() => this.pass(recalibrate));
    return this.running;
  }

  private async pass(recalibrate: boolean): Promise<number> {
    const { view, policies, timing } = this.options;
    // Not the Lease holder (or shut down): another replica writes, never two at once.
    if (!this.active || !view.hasSynced()) return 0;
    const now = timing.now();
    const counts = await this.options.counts(now, timing.windowSeconds).catch((error: unknown) => {
      this.options.logger.warn(
        { err: error },
        'Could not count route decisions; next pass retries',
      );
      return undefined;
    });
    const classifier = recalibrate ? await this.classifierInputs(now) : undefined;
    const inputs: PassInputs = { counts, classifier, now };
    let written = 0;
    for (const policy of policies.list()) if (await this.write(policy, inputs)) written += 1;
    return written;
  }

  private async classifierInputs(now: Date): Promise<ClassifierInputs | undefined> {
    try {
      return await this.options.calibration?.inputs(now);
    } catch (error) {
      const message = 'Could not read classifier scores and verdicts; next pass retries';
      this.options.logger.warn({ err: error }, message);
      return undefined;
    }
  }

  private async write(policy: RoutingPolicy, inputs: PassInputs): Promise<boolean> {
    const { namespace = 'default', name = '' } = policy.metadata ?? {};
    const snapshot = this.options.view.snapshot(namespace, name);
    if (snapshot === undefined) return false;
    const { desired, plan } = this.desired(policy, snapshot, inputs);
    try {
      // The generated types' optional fields lack `| undefined`, which KubernetesObject's have.
      const observed = policy as unknown as KubernetesObject & { status?: unknown };
      const written = await updateStatus(this.options.custom, ROUTING_POLICY, observed, desired);
      const { calibration } = this.options;
      // Told once the status says so: a failed write is retried, and so is its move.
      if (written && plan !== undefined && calibration !== undefined)
        announceMove(calibration, policy, plan);
      return written;
    } catch (error) {
      const fields = { err: error, policy: `${namespace}/${name}` };
      this.options.logger.warn(fields, 'Could not write RoutingPolicy status; next pass retries');
      return false;
    }
  }

  private desired(policy: RoutingPolicy, snapshot: RoutingSnapshot, inputs: PassInputs) {
    const { namespace = 'default', name = '' } = policy.metadata ?? {};
    const { windowSeconds } = this.options.timing;
    const { counts, now, classifier } = inputs;
    const own = counts && (counts.get(`${namespace}/${name}`) ?? NO_DECISIONS);
    const status = planPolicyStatus({ policy, snapshot, counts: own, windowSeconds, now });
    const { calibration } = this.options;
    if (calibration === undefined) return { desired: status, plan: undefined };
    const model = snapshot.model?.version;
    const context = { ...calibration, windowSeconds, now, model };
    const plan = classifierPlanOf(policy, classifier, context);
    return { desired: withClassifier(status, plan), plan };
  }
}
