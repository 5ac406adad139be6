import { Injectable } from '@nestjs/common';
import { SluiceError } from '../../grpc/sluice-error.js';
import { decisionIdCandidates } from './decision-ids.js';
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
    const candidates = decisionIdCandidates(tenantId, decisionId);
    const remembered = await recallDecision(this.memory, tenantId, candidates);
    if (remembered !== undefined) return remembered;
    try {
      const record = await this.reader.find(tenantId, candidates);
      return record === undefined ? 'unknown' : fromDecisionRecord(record);
    } catch (error) {
      throw SluiceError.unavailable('the decision cannot be looked up now; retry', error);
    }
  }

  /**
   * The tags of the decisions `decisionIds` name that this tenant has: remembered ones first,
   * then the ledger's rows for the rest in one query (UNAVAILABLE while it cannot be asked). Ids
   * nothing knows are left out: an outcome may name a decision not recorded yet.
   */
  async linkedTags(
    tenantId: string,
    decisionIds: readonly string[],
  ): Promise<Array<Readonly<Record<string, string>>>> {
    const candidates = decisionIds.map((id) => decisionIdCandidates(tenantId, id));
    const remembered = await Promise.all(
      candidates.map((ids) => recallDecision(this.memory, tenantId, ids)),
    );
    const rest = candidates.filter((_, i) => remembered[i] === undefined).flat();
    let stored: Array<Record<string, string>>;
    try {
      stored = rest.length === 0 ? [] : await this.reader.tagsOf(tenantId, rest);
    } catch (error) {
      throw SluiceError.unavailable('the decisions cannot be looked up now; retry', error);
    }
    return [...remembered.flatMap((r) => (r === undefined ? [] : [r.record.tags])), ...stored];
  }
}

/** The first of `candidates` (decisionIdCandidates) this tenant's remembered decisions hold. */
export async function recallDecision(
  memory: RouterMemory,
  tenantId: string,
  candidates: readonly string[],
): Promise<RoutedDecision | undefined> {
  for (const ledgerId of candidates) {
    const remembered = await memory.decisions.recall(tenantId, ledgerId);
    if (remembered !== undefined) return remembered;
  }
  return undefined;
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
