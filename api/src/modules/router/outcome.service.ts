import { Injectable } from '@nestjs/common';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ReportOutcomeRequest, ReportOutcomeResponseSchema } from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import { scopedTags } from '../../grpc/auth/scope.js';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { LedgerEventsRepository } from '../ledger/ledger-events.repository.js';
import { requireCaller } from './caller.js';
import { ledgerDecisionId } from './decision-ids.js';
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
  ) {}

  async reportOutcome(request: ReportOutcomeRequest, ctx: CallContext): Promise<OutcomeReply> {
    const caller = requireCaller(ctx);
    const violations = outcomeViolations(request);
    if (violations.length > 0) throw invalid(violations);
    const decisionIds = request.decisionIds.map((id) => ledgerDecisionId(caller.tenantId, id));
    const tags = await this.tagsOf(request, caller, decisionIds[0]);
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

  /** The report's tags, else its first decision's; the token's scope applies to both. */
  private async tagsOf(
    request: ReportOutcomeRequest,
    caller: Caller,
    firstDecision: string | undefined,
  ): Promise<Record<string, string>> {
    let tags: Readonly<Record<string, string>> = request.tags;
    if (Object.keys(tags).length === 0 && firstDecision !== undefined) {
      const routed = await this.memory.decisions.recall(caller.tenantId, firstDecision);
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
