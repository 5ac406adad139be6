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

  /** Each message on its own: invalid ones are counted and explained, the rest booked. */
  async reportUsageStream(
    requests: AsyncIterable<ReportUsageStreamRequest>,
    ctx: CallContext,
  ): Promise<StreamReply> {
    const caller = requireCaller(ctx);
    const counts = { accepted: 0n, duplicate: 0n, rejected: 0n };
    const rejections: Rejection[] = [];
    let index = 0n;
    for await (const { usage } of requests) {
      try {
        const { duplicate } = await this.reportOne(usage, caller);
        counts[duplicate ? 'duplicate' : 'accepted'] += 1n;
      } catch (error) {
        if (!(error instanceof SluiceError) || error.code !== GrpcStatus.INVALID_ARGUMENT)
          throw error;
        counts.rejected += 1n;
        if (rejections.length < MAX_REJECTIONS)
          rejections.push({
            index,
            idempotencyKey: usage?.idempotencyKey ?? '',
            violations: [...error.violations],
          });
      }
      index += 1n;
    }
    return {
      acceptedCount: counts.accepted,
      duplicateCount: counts.duplicate,
      rejectedCount: counts.rejected,
      rejections,
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
