// The routing engine: pure TypeScript, no gRPC, Redis or Kubernetes I/O. The informer layer
// builds a RoutingSnapshot from CRD objects (buildSnapshot with cachedCompiler, and publishes its
// problems on the RoutingPolicy); the Router service calls decide() per query and maps the result
// to sluice.v1 at the gRPC edge (RouteError codes are gRPC status names).
export { monthOf, type BudgetDowngrade, type SpendSnapshot } from './budget.js';
export type { ModelHealth, TierSkip } from './choose.js';
export type { ClassifierModel, ClassifierPrediction, Threshold } from './classifier-model.js';
export { COMPLEX_AT, type Classification, type Classifier, type Complexity } from './classifier.js';
export type { Decision, ModelTarget, RouteDeps } from './decision.js';
export {
  invalidArgument,
  isRouteError,
  routeError,
  type RouteError,
  type RouteErrorCode,
} from './errors.js';
export type { Features } from './features.js';
export { fitsTask } from './fitness.js';
export { DEFAULT_MIN_RETENTION } from './guard.js';
export { formatUsd, parseUsdMicros, type Micros } from './money.js';
export { cachedCompiler } from './policy-cache.js';
export type { CompiledPolicy, PolicyProblem } from './policy.js';
export { problemList, type PolicyReadiness } from './readiness.js';
export type { RouteRequest } from './request.js';
export { decide } from './route.js';
export {
  buildSnapshot,
  type ModelView,
  type RoutingSnapshot,
  type SnapshotSources,
  type TaskClass,
} from './snapshot.js';
export {
  countChatTokens,
  countTokens,
  DEFAULT_PROMPT_LIMITS,
  type ChatMessage,
  type PromptLimits,
} from './tokens.js';
export type { TaskKindSource } from './verdict.js';
export { STARTUP_ANNOTATION, type WakingTarget } from './waking.js';
