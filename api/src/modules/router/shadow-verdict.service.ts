import { Injectable } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ReportShadowVerdictRequest, ReportShadowVerdictResponseSchema } from '@sluice/proto';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { requireCaller } from './caller.js';
import { DecisionFinder } from './decision-finder.js';
import { SHADOW_SUFFIX } from './decision-ids.js';
import { outOfScope } from './decision-scope.js';
import { invalid } from './route-input.js';
import type { RoutedDecision } from './routed-decision.js';
import { judgedDecisionId, shadowVerdictViolations } from './shadow-verdict-input.js';
import { ShadowVerdictsRepository, type ShadowVerdict } from './shadow-verdicts.repository.js';

type VerdictReply = MessageInitShape<typeof ReportShadowVerdictResponseSchema>;

const precondition = (description: string) =>
  new SluiceError(GrpcStatus.FAILED_PRECONDITION, `decision_id: ${description}`, [
    { field: 'decision_id', description },
  ]);

/**
 * ReportShadowVerdict: a verdict on a shadow pair Route really made for this tenant (found like
 * ReportUsage finds a decision, so by tenant first, then the token's scope), once per decision.
 * Only real pairs get a row, so nothing grows with requests beyond the decisions shadowed.
 */
@Injectable()
export class ShadowVerdictService {
  constructor(
    private readonly finder: DecisionFinder,
    private readonly verdicts: ShadowVerdictsRepository,
  ) {}

  async reportShadowVerdict(
    request: ReportShadowVerdictRequest,
    ctx: CallContext,
  ): Promise<VerdictReply> {
    const caller = requireCaller(ctx);
    const violations = shadowVerdictViolations(request);
    if (violations.length > 0) throw invalid(violations);
    const id = judgedDecisionId(request.decisionId);
    const routed = await this.finder.find(caller.tenantId, id);
    if (routed === 'unknown')
      throw invalid([
        { field: 'decision_id', description: `no decision ${id} was routed for this tenant` },
      ]);
    const denied = outOfScope(caller, routed, 'decision_id');
    if (denied !== undefined) throw denied;
    await this.requireShadowed(caller.tenantId, id, routed);
    try {
      return await this.verdicts.record(
        verdictOf(routed, { acceptable: request.acceptable === true, judge: request.judge }),
      );
    } catch (error) {
      throw SluiceError.unavailable('the verdict cannot be recorded now; retry', error);
    }
  }

  /** A pair exists when Route booked a shadow call for the decision on another tier. */
  private async requireShadowed(tenantId: string, id: string, routed: RoutedDecision) {
    if (routed.record.shadow === true)
      throw precondition('names a shadow call; judge the decision it shadows');
    const shadow = await this.finder.find(tenantId, `${id}${SHADOW_SUFFIX}`);
    if (shadow === 'unknown')
      throw precondition(`decision ${id} had no shadow call (RoutingPolicy spec.shadow samples)`);
    if (shadow.record.tier === routed.record.tier)
      throw precondition(
        `decision ${id} was routed to tier ${routed.record.tier}, the shadow's own: nothing to compare`,
      );
  }
}

/** The verdict row: the decision's policy, task kind and smallOk bucket travel with it. */
export function verdictOf(
  routed: RoutedDecision,
  judged: { readonly acceptable: boolean; readonly judge: string },
  now: Date = new Date(),
): ShadowVerdict {
  const { record, classification } = routed;
  // Remembered decisions carry the classification; ones read back from the ledger, its columns.
  const smallOk = classification?.smallOk ?? record.smallOk;
  return {
    decisionId: record.decisionId,
    tenantId: record.tenantId,
    policy: record.policy,
    taskKind: classification?.taskKind ?? record.taskKind ?? '',
    smallOkBucket:
      smallOk === undefined ? undefined : Math.min(9, Math.max(0, Math.floor(smallOk * 10))),
    acceptable: judged.acceptable,
    judge: judged.judge,
    judgedAt: now,
  };
}
