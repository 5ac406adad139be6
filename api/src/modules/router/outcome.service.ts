import { Injectable } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ReportOutcomeRequest, ReportOutcomeResponseSchema } from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import { scopedTags } from '../../grpc/auth/scope.js';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { LedgerEventsRepository } from '../ledger/ledger-events.repository.js';
import { requireCaller } from './caller.js';
import { DecisionFinder, recallDecision } from './decision-finder.js';
import { decisionIdCandidates } from './decision-ids.js';
import { scopeViolations } from './decision-scope.js';
import { occurredAtOf, outcomeViolations } from './outcome-input.js';
import { invalid } from './route-input.js';
import { RouterMemory } from './router-state.js';

type OutcomeReply = MessageInitShape<typeof ReportOutcomeResponseSchema>;

/** ReportOutcome: validated, scoped, and recorded once per (tenant, idempotency key). */
@Injectable()
export class OutcomeService {
  constructor(
    private readonly events: LedgerEventsRepository,
    private readonly memory: RouterMemory,
    private readonly finder: DecisionFinder,
  ) {}

  async reportOutcome(request: ReportOutcomeRequest, ctx: CallContext): Promise<OutcomeReply> {
    const caller = requireCaller(ctx);
    const violations = outcomeViolations(request);
    if (violations.length > 0) throw invalid(violations);
    await this.requireLinkedInScope(request, caller);
    // A uuid links both keys it may have in the ledger (decisionIdCandidates): the older one
    // can only match this tenant's usage rows, which the economics join requires.
    const decisionIds = request.decisionIds.flatMap((id) =>
      decisionIdCandidates(caller.tenantId, id),
    );
    const tags = await this.tagsOf(request, caller);
    let recorded: number;
    try {
      recorded = await this.events.recordOutcomes([
        {
          tenantId: caller.tenantId,
          idempotencyKey: request.idempotencyKey,
          name: request.outcome,
          ...(request.valueUsd === '' ? {} : { value: request.valueUsd }),
          ...(request.quantity === undefined ? {} : { quantity: request.quantity }),
          decisionIds,
          ...(request.correlationId === '' ? {} : { correlationId: request.correlationId }),
          tags,
          occurredAt: occurredAtOf(request, new Date()),
        },
      ]);
    } catch (error) {
      if (error instanceof SluiceError) throw error;
      throw SluiceError.unavailable('the outcome cannot be recorded now; retry', error);
    }
    return { duplicate: recorded === 0 };
  }

  /**
   * A scoped token links only its own decisions: an outcome tied to another team's would carry
   * that team's cost into this team's cost per outcome. Unscoped tokens link any of the tenant's.
   */
  private async requireLinkedInScope(request: ReportOutcomeRequest, caller: Caller) {
    if (Object.keys(caller.scope).length === 0 || request.decisionIds.length === 0) return;
    const linked = await this.finder.linkedTags(caller.tenantId, request.decisionIds);
    const outside = linked.flatMap((tags) => scopeViolations(caller.scope, tags, 'decision_ids'));
    if (outside.length > 0)
      throw new SluiceError(
        GrpcStatus.PERMISSION_DENIED,
        "decision_ids: a decision is outside the API token's scope",
        outside.slice(0, 1),
      );
  }

  /** The report's tags, else its first decision's; the token's scope applies to both. */
  private async tagsOf(
    request: ReportOutcomeRequest,
    caller: Caller,
  ): Promise<Record<string, string>> {
    let tags: Readonly<Record<string, string>> = request.tags;
    const first = request.decisionIds[0];
    if (Object.keys(tags).length === 0 && first !== undefined) {
      const candidates = decisionIdCandidates(caller.tenantId, first);
      const routed = await recallDecision(this.memory, caller.tenantId, candidates);
      tags = routed?.record.tags ?? {};
    }
    const scoped = scopedTags(caller.scope, tags);
    if ('violations' in scoped) {
      const message = scoped.violations.map((x) => `${x.field}: ${x.description}`).join('; ');
      throw new SluiceError(GrpcStatus.PERMISSION_DENIED, message, scoped.violations);
    }
    return scoped.tags;
  }
}
