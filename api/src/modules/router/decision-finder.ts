import { Injectable } from '@nestjs/common';
import type { Caller } from '../../grpc/auth/caller.js';
import { scopedTags } from '../../grpc/auth/scope.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { ledgerDecisionId } from './decision-ids.js';
import { DecisionReaderRepository } from './decision-reader.repository.js';
import { invalid } from './route-input.js';
import { fromDecisionRecord, type RoutedDecision } from './routed-decision.js';
import { RouterMemory } from './router-state.js';

/**
 * Finds the decision a report names: this replica's memory, then Redis, then the ledger's row
 * (a report long after its Route). Only the ledger can say a decision does not exist, so while
 * PostgreSQL is unreachable `find` throws UNAVAILABLE rather than answer 'unknown'.
 */
@Injectable()
export class DecisionFinder {
  constructor(
    private readonly memory: RouterMemory,
    private readonly reader: DecisionReaderRepository,
  ) {}

  async find(tenantId: string, decisionId: string): Promise<RoutedDecision | 'unknown'> {
    const ledgerId = ledgerDecisionId(tenantId, decisionId);
    const remembered = await this.memory.decisions.recall(tenantId, ledgerId);
    if (remembered !== undefined) return remembered;
    try {
      const record = await this.reader.find(tenantId, ledgerId);
      return record === undefined ? 'unknown' : fromDecisionRecord(record);
    } catch (error) {
      throw SluiceError.unavailable('the decision cannot be looked up now; retry', error);
    }
  }
}

/** INVALID_ARGUMENT naming usage.decision_id: the field's value names nothing Route decided. */
export function unknownDecision(decisionId: string): SluiceError {
  return invalid([
    {
      field: 'usage.decision_id',
      description: `no decision ${decisionId} was routed for this tenant`,
    },
  ]);
}

/** PERMISSION_DENIED when the decision's tags are outside the API token's scope, else undefined. */
export function outOfScope(caller: Caller, routed: RoutedDecision): SluiceError | undefined {
  const scoped = scopedTags(caller.scope, routed.record.tags, 'usage.decision_id');
  if (!('violations' in scoped)) return undefined;
  return new SluiceError(
    GrpcStatus.PERMISSION_DENIED,
    `usage.decision_id: the decision is outside the API token's scope`,
    scoped.violations,
  );
}
