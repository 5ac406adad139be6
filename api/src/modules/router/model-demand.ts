import { Counter, type Registry } from 'prom-client';
import type { WakingTarget } from '../routing/engine/index.js';
import type { RoutingView } from '../routing/routing-view.js';

export const MODEL_DEMAND_METRIC = 'sluice_model_demand_total';

/**
 * Queries the Router placed on a model, or would have placed on it had it been up: the signal
 * that wakes a scale-to-zero model (KEDA's trigger, operator desired-autoscaler.ts) and holds it
 * up while traffic lasts. Labels are the model's own name and namespace from the snapshot, never
 * a caller's string, so the series are bounded by the InferenceModels that exist. The label is
 * model_namespace, not namespace: Prometheus sets namespace on every scraped series to the API
 * pod's own.
 */
export function modelDemandCounter(
  registry: Registry,
  routing?: RoutingView,
): Counter<'model_namespace' | 'model'> {
  return new Counter({
    name: MODEL_DEMAND_METRIC,
    help: 'Route decisions per InferenceModel: routed to it, or for a scale-to-zero model asleep or starting, the decisions that went to a fallback while it woke. Every model a policy names has a series from 0, so the first wake-up shows in rate().',
    labelNames: ['model_namespace', 'model'],
    registers: [registry],
    // A series born at 1 hides its first increment from rate(); starting each at 0 does not.
    collect() {
      for (const snapshot of routing?.snapshots() ?? []) {
        const model_namespace = snapshot.policy.namespace;
        for (const model of snapshot.models.keys()) this.inc({ model_namespace, model }, 0);
      }
    },
  });
}

/** What one Route call asked of models: the one it sent the query to, and those it woke. */
export interface Demand {
  /** undefined on errors and cache hits: no model answers those. */
  readonly routed: string | undefined;
  readonly waking: readonly WakingTarget[] | undefined;
}

export function countDemand(
  counter: Counter<'model_namespace' | 'model'>,
  namespace: string,
  { routed, waking }: Demand,
): void {
  if (routed !== undefined) counter.inc({ model_namespace: namespace, model: routed });
  for (const woken of waking ?? []) {
    counter.inc({ model_namespace: namespace, model: woken.model });
  }
}
