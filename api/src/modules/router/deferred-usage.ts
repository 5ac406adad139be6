import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { UsageReport as WireUsage } from '@sluice/proto';
import { PinoLogger } from 'nestjs-pino';
import type { Caller } from '../../grpc/auth/caller.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { errorMessage } from '../../util/error-message.js';
import { DecisionFinder } from './decision-finder.js';
import { outOfScope } from './decision-scope.js';
import { RetryBuffer } from './retry-buffer.js';
import { RouterMetrics } from './router-metrics.js';
import { UsageBooker } from './usage-booker.js';

/** A valid report whose decision only the unreachable ledger could confirm. */
export interface UncheckedUsage {
  readonly caller: Caller;
  readonly usage: WireUsage;
  readonly receivedAt: Date;
  /** When the ledger first answered that it does not know the decision (yet). */
  readonly unknownSince?: Date;
}

export type LateRefusal = 'unknown_decision' | 'out_of_scope' | 'invalid';

const CAPACITY = 10_000;

/**
 * How long an unknown decision is looked for again before its report is refused: the decision's
 * own row may still be waiting in another replica's buffer for the same PostgreSQL to return.
 */
export const UNKNOWN_DECISION_GRACE_MS = 60_000;
export const UNKNOWN_DECISION_GRACE = Symbol('UNKNOWN_DECISION_GRACE');

/**
 * router.proto, UsageReport.decision_id: "While the ledger is unreachable, reports are queued and
 * checked later (SPEC section 6) rather than refused." This is that queue, in this replica's
 * memory and bounded (full: the caller gets UNAVAILABLE and retries; nothing acknowledged is
 * lost but by a crash). Once PostgreSQL answers, reports are checked in arrival order: a known
 * decision in the token's scope is booked as ReportUsage would have booked it; an unknown one is
 * looked for again for a grace (UNKNOWN_DECISION_GRACE_MS by default); any other report is refused then, counted in sluice_router_usage_refused_late_total and logged with its
 * decision id, since its caller was answered long ago.
 */
@Injectable()
export class DeferredUsage implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly buffer: RetryBuffer<UncheckedUsage>;
  // A property, not a constructor parameter: RouterModule sets it, other users keep the default.
  @Optional()
  @Inject(UNKNOWN_DECISION_GRACE)
  private readonly graceMs: number = UNKNOWN_DECISION_GRACE_MS;

  constructor(
    private readonly finder: DecisionFinder,
    private readonly booker: UsageBooker,
    private readonly metrics: RouterMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.buffer = new RetryBuffer<UncheckedUsage>({
      capacity: CAPACITY,
      maxBatch: 100,
      intervalMs: 1000,
      deliver: (batch) => this.checkInOrder(batch),
      onError: (error, waiting) =>
        this.logger.warn(
          { err: errorMessage(error), waiting },
          'Failed to check held usage reports; will retry',
        ),
      onSize: (size) => metrics.buffered.set({ kind: 'unchecked_usage' }, size),
    });
  }

  onApplicationBootstrap(): void {
    this.buffer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.buffer.stop();
    if (this.buffer.size > 0)
      this.logger.error({ usage: this.buffer.size }, 'Shut down with unchecked usage reports');
  }

  /** False when full: the caller must refuse the report rather than lose it. */
  hold(item: UncheckedUsage): boolean {
    return this.buffer.add(item);
  }

  private async checkInOrder(batch: readonly UncheckedUsage[]): Promise<number> {
    let checked = 0;
    try {
      for (const item of batch) {
        await this.check(item);
        checked += 1;
      }
    } catch (error) {
      // What was checked stays checked; the rest waits for the next round.
      if (checked === 0) throw error;
    }
    return checked;
  }

  private async check(item: UncheckedUsage): Promise<void> {
    const { caller, usage, receivedAt } = item;
    const routed = await this.finder.find(caller.tenantId, usage.decisionId);
    if (routed === 'unknown') return this.lookAgainOrRefuse(item);
    if (outOfScope(caller, routed, 'usage.decision_id') !== undefined)
      return this.refuse(usage, 'out_of_scope');
    try {
      await this.booker.book(usage, routed, receivedAt);
    } catch (error) {
      if (!(error instanceof SluiceError) || error.code !== GrpcStatus.INVALID_ARGUMENT)
        throw error;
      this.refuse(usage, 'invalid');
    }
  }

  /** Back of the queue until the grace is over (or the queue is full), then refused. */
  private lookAgainOrRefuse(item: UncheckedUsage): void {
    const since = item.unknownSince ?? new Date();
    const waited = Date.now() - since.getTime();
    if (waited < this.graceMs && this.buffer.add({ ...item, unknownSince: since })) return;
    this.refuse(item.usage, 'unknown_decision');
  }

  private refuse(usage: WireUsage, reason: LateRefusal): void {
    this.metrics.lateRefusals.inc({ reason });
    this.logger.warn(
      { decisionId: usage.decisionId, idempotencyKey: usage.idempotencyKey, reason },
      'Refused a held usage report once the ledger could check it',
    );
  }
}
