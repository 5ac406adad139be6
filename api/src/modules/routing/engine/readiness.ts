import { routeError, type RouteError } from './errors.js';
import type { CompiledPolicy, PolicyProblem } from './policy.js';
import type { ModelView } from './snapshot.js';

/**
 * Whether Route may use a policy: the one fact both Route (decide) and the RoutingPolicy's Ready
 * condition (policy-status) read, so the status can never say one thing while Route does another.
 */
export type PolicyReadiness =
  | { readonly ready: true }
  | { readonly ready: false; readonly reason: string; readonly problems: readonly PolicyProblem[] };

/**
 * A problem in the policy's own spec (an invalid regex, an unknown tier, a budget that cannot be
 * enforced...) makes it unusable: routing on what is left would send traffic somewhere its author
 * did not ask for, and no retry helps until someone edits it (as KServe keeps an invalid
 * InferenceService out of serving). Problems with what it refers to only degrade it while some
 * target resolves; when none does, nothing can be routed either. `refs` are snapshot-refs.ts's;
 * `runtime` are this process's own (no router model for a learned policy): no retry helps either.
 */
export function policyReadiness(
  policy: CompiledPolicy,
  models: ReadonlyMap<string, ModelView>,
  refs: readonly PolicyProblem[],
  runtime: readonly PolicyProblem[] = [],
): PolicyReadiness {
  const own = runtime.length > 0 ? [...policy.problems, ...runtime] : policy.problems;
  const first = own[0];
  if (first !== undefined) return { ready: false, reason: first.reason, problems: own };
  const resolves = policy.tiers.some((tier) =>
    tier.targets.some((target) => models.get(target.model)?.tier === tier.name),
  );
  if (resolves) return { ready: true };
  const unresolved = refs.length > 0 ? refs : [NO_TARGETS];
  return { ready: false, reason: 'NoResolvedModel', problems: unresolved };
}

/** Problems listed in a message before "and N more"; the full list is in the API's logs. */
const LISTED = 8;

/** "field: message; field: message" (the first LISTED of them), so a human can find each one. */
export function problemList(problems: readonly PolicyProblem[]): string {
  const listed = problems.slice(0, LISTED).map((p) => `${p.field}: ${p.message}`);
  const more = problems.length - LISTED;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}

/**
 * Route's answer for a policy that is not Ready: FAILED_PRECONDITION, since no retry succeeds until
 * someone edits the policy (or creates what it names); the text is its Ready condition's.
 */
export function notReadyError(
  policy: CompiledPolicy,
  readiness: PolicyReadiness,
): RouteError | undefined {
  if (readiness.ready) return undefined;
  const name = `${policy.namespace}/${policy.name}`;
  const message = `RoutingPolicy ${name} is not Ready (${readiness.reason}): ${problemList(readiness.problems)}`;
  return routeError('FAILED_PRECONDITION', message);
}

/** Only reachable when spec.tiers lists no target at all (the CRD requires one; old objects). */
const NO_TARGETS: PolicyProblem = {
  field: 'spec.tiers',
  reason: 'NoResolvedModel',
  message: 'no tier lists an InferenceModel',
};
