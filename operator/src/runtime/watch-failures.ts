// Pure policy for a list+watch that keeps failing: retry with back-off, and give up (so the
// process exits and Kubernetes restarts the pod, as pepr's watches do) only after the informer
// had synced once and has then been failing for `fatalAfterMs`. Before the first sync it never
// gives up: with no API server at all the operator stays up and not ready, like kube-apiserver
// clients that wait for their control plane.
import { backoffDelay, type BackoffPolicy } from './backoff.js';

export interface WatchFailurePolicy {
  readonly retry: BackoffPolicy;
  /** Failing for this long after the last success is fatal (default 5 min). */
  readonly fatalAfterMs: number;
  /** A restart that was followed by no error for this long counts as a success. */
  readonly healthyAfterMs: number;
}

export const DEFAULT_WATCH_FAILURE_POLICY: WatchFailurePolicy = {
  retry: { baseMs: 500, maxMs: 30_000 },
  fatalAfterMs: 5 * 60_000,
  healthyAfterMs: 60_000,
};

export interface WatchFailureState {
  readonly synced: boolean;
  readonly failures: number;
  /** When the current run of failures began. */
  readonly failingSince: number | undefined;
  readonly lastRestart: number | undefined;
}

export const initialWatchState: WatchFailureState = {
  synced: false,
  failures: 0,
  failingSince: undefined,
  lastRestart: undefined,
};

export function recordSuccess(state: WatchFailureState): WatchFailureState {
  return { ...state, synced: true, failures: 0, failingSince: undefined };
}

export type FailureDecision =
  | { readonly action: 'retry'; readonly afterMs: number; readonly state: WatchFailureState }
  | { readonly action: 'fatal'; readonly state: WatchFailureState };

export function recordFailure(
  previous: WatchFailureState,
  now: number,
  policy: WatchFailurePolicy = DEFAULT_WATCH_FAILURE_POLICY,
): FailureDecision {
  const healthy =
    previous.lastRestart !== undefined && now - previous.lastRestart >= policy.healthyAfterMs;
  const base = healthy ? recordSuccess(previous) : previous;
  const failingSince = base.failingSince ?? now;
  const state = { ...base, failures: base.failures + 1, failingSince, lastRestart: undefined };
  if (state.synced && now - failingSince >= policy.fatalAfterMs) return { action: 'fatal', state };
  const afterMs = backoffDelay(state.failures - 1, policy.retry);
  return { action: 'retry', afterMs, state };
}

export function recordRestart(state: WatchFailureState, now: number): WatchFailureState {
  return { ...state, lastRestart: now };
}
