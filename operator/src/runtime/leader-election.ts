import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  ApiException,
  type CoordinationV1Api,
  type V1Lease,
  type V1LeaseSpec,
} from '@kubernetes/client-node';
import { systemClock, type Clock } from './clock.js';
import { claimLease, leaseState, releaseLease, type LeaseRecord } from './lease-record.js';
import { silentLogger, type RuntimeLogger } from './logger.js';

export interface LeaderElectionOptions {
  readonly client: CoordinationV1Api;
  readonly namespace: string;
  readonly name: string;
  readonly identity?: string;
  /** How long a lease is valid without renewal (client-go LeaseDuration, default 15 s). */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps failing to renew before it steps down (RenewDeadline, 10 s). */
  readonly renewDeadlineMs?: number;
  /** How often candidates try to acquire and the leader renews (RetryPeriod, 2 s). */
  readonly retryPeriodMs?: number;
  readonly logger?: RuntimeLogger;
  readonly clock?: Clock;
}

export interface LeaderCallbacks {
  onStartedLeading(): void;
  /** Leadership lost (not released): controller-runtime exits here, and so should the caller. */
  onStoppedLeading(): void;
}

export const defaultIdentity = (): string => `${hostname()}_${randomBytes(4).toString('hex')}`;

const conflictOrMissing = (error: unknown, code: number): boolean =>
  error instanceof ApiException && error.code === code;

/**
 * Leader election on a coordination.k8s.io/v1 Lease, with client-go's semantics and optimistic
 * concurrency (every write carries the resourceVersion it read, so two candidates never both win).
 * The leader renews every retry period and steps down once it could not renew for the renew
 * deadline, before its lease can expire for others. `stop` releases the lease for a fast takeover.
 */
export class LeaderElector {
  readonly identity: string;
  private readonly clock: Clock;
  private readonly logger: RuntimeLogger;
  private readonly leaseMs: number;
  private leading = false;
  private stopped = false;
  private lastRenew = 0;
  private timer: unknown;
  private tick: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderElectionOptions) {
    this.identity = options.identity ?? defaultIdentity();
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.leaseMs = options.leaseDurationMs ?? 15_000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(callbacks: LeaderCallbacks): void {
    this.stopped = false;
    this.tick = this.attempt(callbacks);
  }

  /** Stops campaigning; a leader releases its lease (without calling onStoppedLeading). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    await this.tick;
    if (!this.leading) return;
    this.leading = false;
    await this.release();
  }

  private async attempt(callbacks: LeaderCallbacks): Promise<void> {
    const ok = await this.tryAcquireOrRenew().catch((error: unknown) => {
      // A failing renew matters; a candidate without an API server would only repeat itself.
      const fields = { err: error, lease: this.leaseName };
      if (this.leading) this.logger.warn(fields, 'Lease renewal failed');
      else this.logger.debug(fields, 'Lease request failed');
      return false;
    });
    if (this.stopped) return;
    const now = this.clock.now();
    if (ok) this.lastRenew = now;
    if (ok && !this.leading) {
      this.leading = true;
      this.logger.info({ identity: this.identity, lease: this.leaseName }, 'Became leader');
      callbacks.onStartedLeading();
    }
    if (this.leading && now - this.lastRenew >= (this.options.renewDeadlineMs ?? 10_000)) {
      this.leading = false;
      this.stopped = true;
      this.logger.error({ identity: this.identity, lease: this.leaseName }, 'Lost leadership');
      callbacks.onStoppedLeading();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.tick = this.attempt(callbacks);
    }, this.options.retryPeriodMs ?? 2000);
  }

  private get leaseName(): string {
    return `${this.options.namespace}/${this.options.name}`;
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name } = this.options;
    const now = this.clock.now();
    const lease = await client.readNamespacedLease({ name, namespace }).catch((error: unknown) => {
      if (conflictOrMissing(error, 404)) return undefined;
      throw error;
    });
    if (leaseState(lease?.spec, this.identity, now) === 'held') return false;
    const spec = claimLease(lease?.spec, this.identity, now, this.leaseMs);
    return this.write(lease, spec);
  }

  private async write(lease: V1Lease | undefined, record: LeaseRecord): Promise<boolean> {
    const { client, namespace, name } = this.options;
    // MicroTimes read back as strings are sent back as they came (the serializer passes them).
    const spec = record as V1LeaseSpec;
    try {
      if (!lease)
        await client.createNamespacedLease({
          namespace,
          body: { metadata: { name, namespace }, spec },
        });
      else await client.replaceNamespacedLease({ name, namespace, body: { ...lease, spec } });
      return true;
    } catch (error) {
      // Another candidate wrote first: not ours this round.
      if (conflictOrMissing(error, 409)) return false;
      throw error;
    }
  }

  private async release(): Promise<void> {
    const { client, namespace, name } = this.options;
    try {
      const lease = await client.readNamespacedLease({ name, namespace });
      if (lease.spec?.holderIdentity !== this.identity) return;
      await this.write(lease, releaseLease(lease.spec, this.clock.now()));
      this.logger.info({ identity: this.identity, lease: this.leaseName }, 'Released lease');
    } catch (error) {
      this.logger.warn({ err: error, lease: this.leaseName }, 'Could not release lease');
    }
  }
}
