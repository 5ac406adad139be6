import { Injectable } from '@nestjs/common';
import { create, fromBinary, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import {
  RouteDecisionSchema,
  type RouteRequest as WireRouteRequest,
  type RouteResponseSchema,
} from '@sluice/proto';
import type { Caller } from '../../grpc/auth/caller.js';
import type { CallContext } from '../../grpc/grpc-adapter.js';
import { GrpcStatus, SluiceError } from '../../grpc/sluice-error.js';
import { cacheSettings, type CacheHit, type CacheQuery } from '../cache/index.js';
import { decide, isRouteError, type RoutingSnapshot } from '../routing/engine/index.js';
import { decisionIdCandidates, newDecisionId } from './decision-ids.js';
import { recallDecision } from './decision-finder.js';
import { outOfScope } from './decision-scope.js';
import { readyModelOf } from './decision-record.js';
import { fromRouteError, throwIfAborted } from './route-errors.js';
import { toRouteInput, type RouteInput } from './route-input.js';
import { toWireDecision } from './route-decision.mapper.js';
import { DecisionBooker, type Routed } from './route-booking.js';
import { requireCaller } from './caller.js';
import { countDemand } from './model-demand.js';
import { RouterMetrics, taskKindLabel } from './router-metrics.js';
import { RouterMemory, RouterViews } from './router-state.js';

type RouteReply = MessageInitShape<typeof RouteResponseSchema>;

/**
 * Route: validate, snapshot, decide, cache lookup, answer. Nothing on this path waits for
 * PostgreSQL; Redis (cache, remembered decisions) is bounded by its command timeout and the
 * call's deadline, and its failure is a cache miss. The books are written behind the answer.
 */
@Injectable()
export class RouteService {
  constructor(
    private readonly views: RouterViews,
    private readonly memory: RouterMemory,
    private readonly booker: DecisionBooker,
    private readonly metrics: RouterMetrics,
  ) {}

  async route(request: WireRouteRequest, ctx: CallContext): Promise<RouteReply> {
    const caller = requireCaller(ctx);
    const input = toRouteInput(request, caller, this.views.defaultNamespace);
    const snapshot = this.snapshotOf(input);
    const decisionId = input.decisionId ?? newDecisionId();
    const candidates = decisionIdCandidates(caller.tenantId, decisionId);
    const ledgerId = candidates[0] ?? '';
    if (input.decisionId !== undefined) {
      const replayed = await this.replay(caller, candidates);
      if (replayed !== undefined) return replayed;
    }
    const now = new Date();
    this.views.tokenBudgets.enforce(caller, now);
    const decision = decide({ ...input.engine, decisionId }, snapshot, {
      random: Math.random,
      now: () => now,
      sticky: true,
      ...this.spend(),
    });
    if (isRouteError(decision)) {
      const demand = { routed: undefined, waking: decision.waking };
      countDemand(this.metrics.demand, snapshot.policy.namespace, demand);
      throw fromRouteError(decision);
    }
    throwIfAborted(ctx.signal);
    const query = this.cacheQuery(input, snapshot, caller);
    const hit = query === undefined ? undefined : await this.lookup(query, ctx.signal);
    throwIfAborted(ctx.signal);
    const shadowTarget =
      decision.shadowTier === undefined || hit !== undefined
        ? undefined
        : readyModelOf(snapshot, decision.shadowTier, decision.taskKind);
    const shadow =
      shadowTarget === undefined
        ? undefined
        : { decisionId: `${decisionId}:shadow`, target: shadowTarget };
    const reply = toWireDecision(decision, { decisionId, decidedAt: now, cacheHit: hit, shadow });
    const routed: Routed = {
      caller,
      input,
      snapshot,
      decision,
      decisionId,
      ledgerId,
      hit,
      at: now,
    };
    this.booker.book(routed, {
      query,
      shadow,
      reply: toBinary(RouteDecisionSchema, create(RouteDecisionSchema, reply)),
    });
    this.count(routed);
    return { decision: reply };
  }

  /**
   * The reply already given under a caller-chosen id, if this tenant has one. Another team's
   * decision is neither replayed nor routed over (which would replace it in memory under the
   * same id): PERMISSION_DENIED, as ReportUsage answers for it.
   */
  private async replay(caller: Caller, candidates: string[]): Promise<RouteReply | undefined> {
    const earlier = await recallDecision(this.memory, caller.tenantId, candidates);
    if (earlier === undefined) return undefined;
    const denied = outOfScope(caller, earlier, 'decision_id');
    if (denied !== undefined) throw denied;
    if (earlier.reply === undefined) return undefined;
    return { decision: fromBinary(RouteDecisionSchema, Buffer.from(earlier.reply, 'base64')) };
  }

  private count({ input, decision, hit, snapshot }: Routed): void {
    const routed = hit === undefined ? decision.model : undefined;
    countDemand(this.metrics.demand, snapshot.policy.namespace, {
      routed,
      waking: decision.waking,
    });
    this.metrics.decisions.inc({
      policy: `${input.policy.namespace}/${input.policy.name}`,
      rule: decision.ruleName ?? 'default',
      tier: decision.tier,
      model: decision.model,
      cache: hit?.kind ?? 'none',
      task_kind: taskKindLabel(decision),
    });
  }

  private snapshotOf(input: RouteInput): RoutingSnapshot {
    const { namespace, name } = input.policy;
    const snapshot = this.views.routing.snapshot(namespace, name);
    if (snapshot !== undefined) return snapshot;
    const description = `RoutingPolicy ${namespace}/${name} not found`;
    throw new SluiceError(GrpcStatus.NOT_FOUND, description, [{ field: 'policy', description }]);
  }

  private spend() {
    const spend = this.views.spend?.current();
    return spend === undefined ? {} : { spend };
  }

  /** The cache query when the caller allows caching, the prompt has text and a cache is on. */
  private cacheQuery(
    input: RouteInput,
    snapshot: RoutingSnapshot,
    caller: Caller,
  ): CacheQuery | undefined {
    const settings = cacheSettings(snapshot.cache);
    const enabled = settings.exact.enabled || settings.semantic.enabled;
    if (!input.cacheable || input.cacheRequest === undefined || !enabled) return undefined;
    // Per tenant and token scope: one team never gets another team's answers.
    const { tenantId: tenant, scope: tokenScope } = caller;
    return { tenant, tokenScope, policy: input.policy, ...input.cacheRequest, settings };
  }

  /** A miss when the deadline comes first: the answer without the cache beats no answer. */
  private lookup(query: CacheQuery, signal: AbortSignal): Promise<CacheHit | undefined> {
    const aborted = new Promise<undefined>((resolve) =>
      signal.addEventListener('abort', () => resolve(undefined), { once: true }),
    );
    return Promise.race([this.memory.cache.lookup(query), aborted]);
  }
}
