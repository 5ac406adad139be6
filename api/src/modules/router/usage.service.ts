import { Injectable } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  UsageStatus,
  type ReportUsageResponseSchema,
  type ReportUsageStreamRequest,
  type ReportUsageStreamResponseSchema,
  type UsageReport as WireUsage,
  type UsageRejectionSchema,
} from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import { scopedTags } from '../../grpc/auth/scope.js';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import type { ModelRef } from '../ledger/ledger.types.js';
import { requireCaller } from './caller.js';
import { ledgerDecisionId } from './decision-ids.js';
import { DecisionReaderRepository } from './decision-reader.repository.js';
import { LedgerSink } from './ledger-sink.js';
import { invalid } from './route-input.js';
import { fromDecisionRecord, type RoutedDecision } from './routed-decision.js';
import { RouterMemory, RouterViews } from './router-state.js';
import { idempotencyKeyOf, toLedgerUsage, usageReportViolations } from './usage-input.js';

type UsageReply = MessageInitShape<typeof ReportUsageResponseSchema>;
type StreamReply = MessageInitShape<typeof ReportUsageStreamResponseSchema>;
type Rejection = MessageInitShape<typeof UsageRejectionSchema>;

const MAX_REJECTIONS = 1000;

/**
 * ReportUsage and its stream: validate, join the report with its decision (remembered by Route
 * in memory or Redis, else read back from the ledger), enqueue it for the ledger, and store a
 * cacheable answer under the decision's prompt.
 */
@Injectable()
export class UsageService {
  constructor(
    private readonly memory: RouterMemory,
    private readonly reader: DecisionReaderRepository,
    private readonly sink: LedgerSink,
    private readonly views: RouterViews,
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
    const now = new Date();
    const violations = usageReportViolations(usage, now);
    if (usage === undefined || violations.length > 0) throw invalid(violations);
    const routed = await this.decisionOf(caller, usage.decisionId);
    const report = toLedgerUsage(usage, routed, this.calledModel(usage, routed), now);
    const { duplicate } = await this.sink.submitUsage(report);
    if (!duplicate) await this.storeAnswer(usage, routed, report.model);
    return { idempotencyKey: idempotencyKeyOf(usage), duplicate };
  }

  private async decisionOf(caller: Caller, decisionId: string): Promise<RoutedDecision> {
    const ledgerId = ledgerDecisionId(caller.tenantId, decisionId);
    const routed =
      (await this.memory.decisions.recall(caller.tenantId, ledgerId)) ??
      (await this.readBack(caller.tenantId, ledgerId));
    if (routed === undefined)
      throw invalid([
        {
          field: 'usage.decision_id',
          description: `no decision ${decisionId} was routed for this tenant`,
        },
      ]);
    const scoped = scopedTags(caller.scope, routed.record.tags, 'usage.decision_id');
    if ('violations' in scoped)
      throw new SluiceError(
        GrpcStatus.PERMISSION_DENIED,
        `usage.decision_id: the decision is outside the API token's scope`,
        scoped.violations,
      );
    return routed;
  }

  private async readBack(tenantId: string, ledgerId: string): Promise<RoutedDecision | undefined> {
    try {
      const record = await this.reader.find(tenantId, ledgerId);
      return record === undefined ? undefined : fromDecisionRecord(record);
    } catch (error) {
      throw SluiceError.unavailable('the decision cannot be looked up now; retry', error);
    }
  }

  /** The model actually called: the report's (a fallback, booked at its prices) or the target. */
  private calledModel(usage: WireUsage, routed: RoutedDecision): { model: ModelRef; tier: string } {
    const { record } = routed;
    const named = usage.model;
    if (named === undefined || named.name === record.model.name) return record;
    const namespace = named.namespace || record.model.namespace;
    const view = this.views.routing.snapshot(record.policy.namespace, record.policy.name);
    const tier = view?.models.get(named.name)?.tier ?? record.tier;
    return { model: { namespace, name: named.name }, tier };
  }

  private async storeAnswer(usage: WireUsage, routed: RoutedDecision, model: ModelRef) {
    const cache = routed.cache;
    if (!usage.cacheable || usage.status !== UsageStatus.OK || usage.responseText === '') return;
    if (cache === undefined) return;
    await this.memory.cache.store({
      tenant: routed.record.tenantId,
      policy: routed.record.policy,
      ...cache.request,
      settings: cache.settings,
      response: {
        content: usage.responseText,
        model: model.name,
        outputTokens: usage.outputTokens,
        sourceDecisionId: usage.decisionId,
      },
    });
  }
}
