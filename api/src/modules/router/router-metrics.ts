import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Decision } from '../routing/engine/index.js';
import { LoadedRouterModel } from '../routing/router-model.module.js';
import { ROUTING_VIEW, type RoutingView } from '../routing/routing-view.js';
import { modelDemandCounter } from './model-demand.js';

/** What the Router holds back while Redis or PostgreSQL is away, and what it had to give up. */
@Injectable()
export class RouterMetrics {
  readonly buffered: Gauge<'kind'>;
  readonly dropped: Counter<'kind'>;
  /** Rows PostgreSQL refused as data (a dead letter, logged), so the rest of their batch landed. */
  readonly setAside: Counter<'kind'>;
  /** Usage reports the Router wrote to PostgreSQL itself rather than through the ingest queue. */
  readonly usageWrittenDirectly: Counter;
  /** Usage accepted while PostgreSQL was unreachable and refused when it could be checked. */
  readonly lateRefusals: Counter<'reason'>;
  /** Route answers by policy, rule, tier, model, cache kind and task kind (taskKindLabel). */
  readonly decisions: Counter<'policy' | 'rule' | 'tier' | 'model' | 'cache' | 'task_kind'>;
  /** 1 for the router model this process loaded (the learned classifier), by its version. */
  readonly modelInfo: Gauge<'version'>;
  /** sluice_model_demand_total: what wakes scale-to-zero models (model-demand.ts). */
  readonly demand: Counter<'model_namespace' | 'model'>;

  constructor(
    registry: Registry,
    // Explicit token: an optional parameter's design type is Object, which Nest cannot resolve.
    @Optional() @Inject(LoadedRouterModel) loaded?: LoadedRouterModel,
    @Optional() @Inject(ROUTING_VIEW) routing?: RoutingView,
  ) {
    this.demand = modelDemandCounter(registry, routing);
    this.buffered = new Gauge({
      name: 'sluice_router_buffered',
      help: 'Items waiting in memory for the ledger: kind=usage (Redis unreachable, and PostgreSQL too once a write was tried), decision or unchecked_usage (PostgreSQL unreachable).',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'sluice_router_dropped_total',
      help: 'Decision rows dropped because their buffer was full (usage is refused instead, never dropped).',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.setAside = new Counter({
      name: 'sluice_router_set_aside_total',
      help: 'Rows PostgreSQL refused as data (SQLSTATE class 22 or 23), set aside and logged so the rest of their batch was recorded: kind decision or usage.',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.usageWrittenDirectly = new Counter({
      name: 'sluice_router_usage_written_directly_total',
      help: 'Usage reports the Router wrote to PostgreSQL itself (before their ack), rather than through the ingest queue.',
      registers: [registry],
    });
    this.lateRefusals = new Counter({
      name: 'sluice_router_usage_refused_late_total',
      help: 'Usage reports accepted while PostgreSQL was unreachable and refused once checked: reason unknown_decision, out_of_scope or invalid.',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.decisions = new Counter({
      name: 'sluice_route_decisions_total',
      help: "Route decisions by policy (namespace/name), rule (default for the default route), tier, model, cache (none, exact, semantic) and task_kind (the learned classifier's predicted kind, caller when the caller labelled the query, none).",
      labelNames: ['policy', 'rule', 'tier', 'model', 'cache', 'task_kind'],
      registers: [registry],
    });
    this.modelInfo = new Gauge({
      name: 'sluice_router_model_info',
      help: 'The router models (learned classifiers) this API process loaded: 1 by version (router-model-<8 hex of the artifact>), the built-in one and those of ConfigMaps (spec.classifier.model, at most 8 kept).',
      labelNames: ['version'],
      registers: [registry],
      // Read at each scrape: models come and go with ConfigMaps, and an evicted one must go.
      collect() {
        this.reset();
        for (const version of loaded?.versions() ?? []) this.set({ version }, 1);
      },
    });
  }
}

/**
 * The decisions counter's task_kind: the predicted kind (the model's fixed set of kinds), or
 * "caller" for any caller label, which would make the series unbounded, or "none".
 */
export function taskKindLabel(decision: Pick<Decision, 'taskKind' | 'taskKindSource'>): string {
  if (decision.taskKindSource === 'caller') return 'caller';
  return decision.taskKindSource === 'predicted' && decision.taskKind !== undefined
    ? decision.taskKind
    : 'none';
}
