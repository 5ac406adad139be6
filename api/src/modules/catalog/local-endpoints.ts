// LOCAL MODE ONLY. `sluice dev` runs no kubelet and no cluster DNS, so a self-hosted model's
// status.endpoint (its in-cluster Service URL) does not resolve on a laptop. sluice dev starts a
// fake vLLM per model and hands the API this map, in-process (no environment variable sets it):
// Route then answers with the fake's URL. The operator's status stays untouched; with a real
// cluster the map is absent and every endpoint is the one the operator wrote.
import type { RoutingSnapshot } from '../routing/engine/index.js';

/** `namespace/model name` -> the URL Route returns instead of the model's status.endpoint. */
export type LocalEndpoints = ReadonlyMap<string, string>;

export function withLocalEndpoints(
  snapshot: RoutingSnapshot,
  namespace: string,
  endpoints: LocalEndpoints | undefined,
): RoutingSnapshot {
  if (endpoints === undefined || endpoints.size === 0) return snapshot;
  const models = new Map(snapshot.models);
  for (const [name, view] of snapshot.models) {
    const endpoint = endpoints.get(`${namespace}/${name}`);
    if (endpoint !== undefined) models.set(name, { ...view, endpoint });
  }
  return { ...snapshot, models };
}
