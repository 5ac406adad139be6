// The KEDA trigger that wakes a scale-to-zero model. At zero replicas vLLM's own metrics do not
// exist, and a model that is not Ready gets no traffic, so nothing vLLM reports can wake it. The
// control API counts what it routed to each model, and what it would have routed to one that is
// asleep or starting (sluice_model_demand_total, api/src/modules/router/model-demand.ts): its
// rate, summed over API replicas, activates the ScaledObject, and keeps it active while traffic
// lasts, even when vLLM's queue is empty.

/** Decisions are counted over this window: one query keeps the model up this long, plus cooldown. */
export const DEMAND_WINDOW = '2m';

/**
 * This trigger wakes and holds; it never sizes (vLLM's queue metric does). KEDA's HPA asks
 * ceil(value / threshold) replicas of it, so a threshold no traffic reaches (decisions per second)
 * makes that 1 whenever there is demand.
 */
export const DEMAND_THRESHOLD = '1000000';

/** Any demand at all activates the model: KEDA activates on value > activationThreshold. */
export const DEMAND_ACTIVATION_THRESHOLD = '0';

export function demandQuery(namespace: string, name: string): string {
  const selector = `model_namespace="${namespace}",model="${name}"`;
  return `sum(rate(sluice_model_demand_total{${selector}}[${DEMAND_WINDOW}])) or vector(0)`;
}

export function demandTrigger(namespace: string, name: string, serverAddress: string) {
  return {
    type: 'prometheus',
    name: 'sluice-demand',
    metadata: {
      serverAddress,
      query: demandQuery(namespace, name),
      threshold: DEMAND_THRESHOLD,
      activationThreshold: DEMAND_ACTIVATION_THRESHOLD,
    },
  };
}
