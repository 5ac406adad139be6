import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** What the Router holds back while Redis or PostgreSQL is away, and what it had to give up. */
@Injectable()
export class RouterMetrics {
  readonly buffered: Gauge<'kind'>;
  readonly dropped: Counter<'kind'>;
  /** Route answers by policy, rule, tier, model and cache kind (none, exact, semantic). */
  readonly decisions: Counter<'policy' | 'rule' | 'tier' | 'model' | 'cache'>;

  constructor(registry: Registry) {
    this.buffered = new Gauge({
      name: 'sluice_router_buffered',
      help: 'Items waiting in memory for the ledger: kind=usage (Redis unreachable) or decision (PostgreSQL unreachable).',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'sluice_router_dropped_total',
      help: 'Decision rows dropped because their buffer was full (usage is refused instead, never dropped).',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.decisions = new Counter({
      name: 'sluice_route_decisions_total',
      help: 'Route decisions by policy (namespace/name), rule (default for the default route), tier, model and cache (none, exact, semantic).',
      labelNames: ['policy', 'rule', 'tier', 'model', 'cache'],
      registers: [registry],
    });
  }
}
