import type { RoutingView } from '../../dist/modules/routing/routing-view.js';
import type { BenchApi } from './bench-api.js';
import type { Rpc } from './route-bench.js';

/** The policies Route reads: none until the Router is served. */
export function benchRoutingView(): RoutingView {
  return { snapshot: () => undefined, snapshots: () => [], hasSynced: () => true };
}

/** The baseline: Health/Check on the API's own grpc-js server, which does no work at all. */
export function emptyRpc(bench: BenchApi): Rpc {
  return { rpc: 'Health/Check', target: { kind: 'empty', address: bench.grpcAddress } };
}

/** Route over the API's port with an API token, or undefined while Route is not served. */
export function routeRpc(_bench: BenchApi): Promise<Rpc | undefined> {
  return Promise.resolve(undefined);
}
