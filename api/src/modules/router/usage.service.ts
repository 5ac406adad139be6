import { Injectable } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  ReportUsageResponseSchema,
  ReportUsageStreamRequest,
  ReportUsageStreamResponseSchema,
  UsageReport as WireUsage,
  UsageRejectionSchema,
} from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { requireCaller } from './caller.js';
import { DecisionFinder, unknownDecision } from './decision-finder.js';
import { outOfScope } from './decision-scope.js';
import { DeferredUsage } from './deferred-usage.js';
import { invalid } from './route-input.js';
import type { RoutedDecision } from './routed-decision.js';
import { UsageBooker } from './usage-booker.js';
import { idempotencyKeyOf, usageReportViolations } from './usage-input.js';

type UsageReply = MessageInitShape<typeof ReportUsageResponseSchema>;
type StreamReply = MessageInitShape<typeof ReportUsageStreamResponseSchema>;
type Rejection = MessageInitShape<typeof UsageRejectionSchema>;

const MAX_REJECTIONS = 1000;
/** Messages of one stream in flight at once: a few batches of DirectUsage's. */
export const STREAM_WINDOW = 1024;

/** The MAX_REJECTIONS first rejections by index, however they settle; bounded memory. */
class Rejections {
  private kept: Array<Rejection & { index: bigint }> = [];

  add(rejection: Rejection & { index: bigint }): void {
    this.kept.push(rejection);
    if (this.kept.length >= 2 * MAX_REJECTIONS) this.kept = this.first();
  }

  first(): Array<Rejection & { index: bigint }> {
    return this.kept.sort((a, b) => (a.index < b.index ? -1 : 1)).slice(0, MAX_REJECTIONS);
  }
}

/**
 * ReportUsage and its stream: validate, find the report's decision (remembered by Route in memory
 * or Redis, else read back from the ledger), book it (UsageBooker). A decision no store knows is
 * INVALID_ARGUMENT naming usage.decision_id, as router.proto says of bad fields (and the stream
 * counts it as rejected); while the ledger cannot be asked, the report is held and checked later
 * (DeferredUsage), as UsageReport.decision_id says, rather than refused.
 */
@Injectable()
export class UsageService {
  constructor(
    private readonly finder: DecisionFinder,
    private readonly booker: UsageBooker,
    private readonly deferred: DeferredUsage,
  ) {}

  async reportUsage(usage: WireUsage | undefined, ctx: CallContext): Promise<UsageReply> {
    return this.reportOne(usage, requireCaller(ctx));
  }

  /**
   * Each message on its own (invalid ones counted and explained, the rest booked), up to
   * STREAM_WINDOW of them at once so that their rows share batches (DirectUsage) instead of each
   * waiting for the last one's commit. The reply comes once every message has settled; an error
   * that is not the message's fault (UNAVAILABLE) ends the stream after those in flight settle,
   * and the caller replays it (duplicates are counted once).
   */
  async reportUsageStream(
    requests: AsyncIterable<ReportUsageStreamRequest>,
    ctx: CallContext,
  ): Promise<StreamReply> {
    const caller = requireCaller(ctx);
    const counts = { accepted: 0n, duplicate: 0n, rejected: 0n };
    const rejections = new Rejections();
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let room: (() => void) | undefined;
    let index = 0n;
    for await (const { usage } of requests) {
      if (failure !== undefined) break;
      const at = index;
      index += 1n;
      const settled: Promise<void> = this.reportOne(usage, caller)
        .then(
          ({ duplicate }) => void (counts[duplicate ? 'duplicate' : 'accepted'] += 1n),
          (error: unknown) => {
            if (!(error instanceof SluiceError) || error.code !== GrpcStatus.INVALID_ARGUMENT) {
              failure ??= { error };
              return;
            }
            counts.rejected += 1n;
            rejections.add({
              index: at,
              idempotencyKey: usage?.idempotencyKey ?? '',
              violations: [...error.violations],
            });
          },
        )
        .finally(() => {
          inFlight.delete(settled);
          room?.();
        });
      inFlight.add(settled);
      // One waiter woken by the next to settle: Promise.race over the window would subscribe to
      // every message in flight again for each message read.
      if (inFlight.size >= STREAM_WINDOW) await new Promise<void>((resolve) => (room = resolve));
      room = undefined;
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure.error;
    return {
      acceptedCount: counts.accepted,
      duplicateCount: counts.duplicate,
      rejectedCount: counts.rejected,
      rejections: rejections.first(),
    };
  }

  private async reportOne(usage: WireUsage | undefined, caller: Caller): Promise<UsageReply> {
    const receivedAt = new Date();
    const violations = usageReportViolations(usage, receivedAt);
    if (usage === undefined || violations.length > 0) throw invalid(violations);
    const idempotencyKey = idempotencyKeyOf(usage);
    const routed = await this.decisionOf(caller, usage, receivedAt);
    // Held to be checked later: booked then (a duplicate then books nothing).
    if (routed === undefined) return { idempotencyKey, duplicate: false };
    const { duplicate } = await this.booker.book(usage, routed, receivedAt);
    return { idempotencyKey, duplicate };
  }

  /** The report's decision, or undefined when the report was held until the ledger answers. */
  private async decisionOf(
    caller: Caller,
    usage: WireUsage,
    receivedAt: Date,
  ): Promise<RoutedDecision | undefined> {
    let routed: RoutedDecision | 'unknown';
    try {
      routed = await this.finder.find(caller.tenantId, usage.decisionId);
    } catch (error) {
      if (!(error instanceof SluiceError) || error.code !== GrpcStatus.UNAVAILABLE) throw error;
      if (this.deferred.hold({ caller, usage, receivedAt })) return undefined;
      throw SluiceError.unavailable(
        'usage cannot be accepted now (ledger unreachable); retry',
        error,
      );
    }
    if (routed === 'unknown') throw unknownDecision(usage.decisionId);
    const denied = outOfScope(caller, routed, 'usage.decision_id');
    if (denied !== undefined) throw denied;
    return routed;
  }
}
