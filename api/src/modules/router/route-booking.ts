import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Caller } from '../../grpc/auth/caller.js';
import { errorMessage } from '../../util/error-message.js';
import type { CacheHit, CacheQuery } from '../cache/index.js';
import type { DecisionRecord } from '../ledger/ledger-events.repository.js';
import type { UsageReport } from '../ledger/ledger.types.js';
import type { Decision, ModelTarget, RoutingSnapshot } from '../routing/engine/index.js';
import { ledgerDecisionId } from './decision-ids.js';
import { cacheKindOf, decisionRecord, type RecordContext } from './decision-record.js';
import { LedgerSink } from './ledger-sink.js';
import type { RouteInput } from './route-input.js';
import { classificationOf, fromDecisionRecord } from './routed-decision.js';
import { RouterMemory } from './router-state.js';

/** One answered Route, everything its books need. */
export interface Routed {
  readonly caller: Caller;
  readonly input: RouteInput;
  readonly snapshot: RoutingSnapshot;
  readonly decision: Decision;
  readonly decisionId: string;
  readonly ledgerId: string;
  readonly hit: CacheHit | undefined;
  readonly at: Date;
}

export interface BookingExtras {
  readonly query: CacheQuery | undefined;
  readonly shadow: { readonly decisionId: string; readonly target: ModelTarget } | undefined;
  /** The wire reply, binary, for a retried Route with the same decision id. */
  readonly reply: Uint8Array;
}

/**
 * A cache hit is booked by Route itself (router.proto): the model did not run, so it costs
 * nothing, and its tokens price what it saved. Its key is the decision id, so the caller's
 * ReportUsage for the decision is a duplicate.
 */
export function cacheHitUsage(
  record: DecisionRecord,
  decisionId: string,
  hit: CacheHit,
): UsageReport {
  return {
    tenantId: record.tenantId,
    idempotencyKey: decisionId,
    decisionId: record.decisionId,
    model: record.model,
    tier: record.tier,
    cacheKind: hit.kind,
    ...(record.baselineModel === undefined ? {} : { baselineModel: record.baselineModel }),
    inputTokens: record.promptTokens,
    cachedInputTokens: 0,
    outputTokens: hit.response.outputTokens ?? 0,
    latencyMs: 0,
    status: 'ok',
    tags: record.tags,
    ...(record.template === undefined ? {} : { template: record.template }),
    occurredAt: record.createdAt.toISOString(),
  };
}

/** Writes Route's books behind its answer: decision rows, remembered decisions, cache hits. */
@Injectable()
export class DecisionBooker {
  constructor(
    private readonly sink: LedgerSink,
    private readonly memory: RouterMemory,
    private readonly logger: PinoLogger,
  ) {}

  /**
   * Books `routed` behind its answer: the reply is sent from this turn's microtasks, the books
   * are written in the same turn's check phase (setImmediate), before the event loop reads any
   * later request from a socket. So a ReportUsage or a retried Route, which a caller sends only
   * after the reply, still finds the decision in memory, and the reply does not wait for the
   * record, the JSON of the remembered decision and the Redis write (issue 15).
   */
  bookBehind(routed: Routed, extras: BookingExtras): void {
    setImmediate(() => {
      try {
        this.book(routed, extras);
      } catch (error) {
        this.logger.error(
          { err: errorMessage(error), decisionId: routed.decisionId },
          'Failed to book a decision',
        );
      }
    });
  }

  book(routed: Routed, extras: BookingExtras): void {
    const { caller, input, decision, hit } = routed;
    const context: RecordContext = {
      tenantId: caller.tenantId,
      tokenId: caller.tokenId,
      ledgerId: routed.ledgerId,
      input,
      snapshot: routed.snapshot,
      cacheKind: cacheKindOf(hit),
      at: routed.at,
    };
    const record = decisionRecord(decision, decision, context);
    const cache =
      extras.query === undefined || input.cacheRequest === undefined || hit !== undefined
        ? {}
        : {
            cache: {
              request: input.cacheRequest,
              settings: extras.query.settings,
              tokenScope: caller.scope,
            },
          };
    const reply = Buffer.from(extras.reply).toString('base64');
    const classification = classificationOf(decision);
    this.keep(record, { ...cache, reply, classification });
    if (extras.shadow !== undefined) {
      const ledgerId = ledgerDecisionId(caller.tenantId, extras.shadow.decisionId);
      const shadowContext = { ...context, ledgerId, cacheKind: 'none' as const };
      // Marked here, as the shadow's id is hashed like any caller's: nothing else can tell.
      const shadow = decisionRecord(decision, extras.shadow.target, shadowContext);
      this.keep({ ...shadow, shadow: true }, { classification });
    }
    if (hit !== undefined) {
      this.sink
        .submitUsage(cacheHitUsage(record, routed.decisionId, hit))
        .catch((error: unknown) =>
          this.logger.warn(
            { err: errorMessage(error), decisionId: routed.decisionId },
            'Failed to book a cache hit',
          ),
        );
    }
  }

  private keep(record: DecisionRecord, extras: Parameters<typeof fromDecisionRecord>[1]): void {
    this.sink.recordDecision(record);
    this.memory.decisions.remember(
      record.tenantId,
      record.decisionId,
      fromDecisionRecord(record, extras),
    );
  }
}
