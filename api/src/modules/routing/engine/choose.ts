import { routeError, type RouteError } from './errors.js';
import { fitOf, fitsTask } from './fitness.js';
import { meetsQuality, type QualityNeed } from './guard.js';
import type { CompiledPolicy, CompiledTier, FallbackSettings } from './policy.js';
import type { ModelView } from './snapshot.js';
import type { WakingTarget } from './waking.js';
import { weightedPick } from './weighted.js';

/** Live health of one model, from the metrics layer (vLLM queue depth, recent error rate). */
export interface ModelHealth {
  readonly ready: boolean;
  readonly overloaded: boolean;
  /** Errors over the last five minutes, in percent of requests. */
  readonly errorRatePercent: number;
}

export interface Choice {
  readonly tier: string;
  readonly model: ModelView;
}

/** Why a tier was passed over on the way to the chosen one. */
export interface TierSkip {
  readonly tier: string;
  /** task-fit: every model the tier resolves is a specialist for other task kinds (fitness.ts). */
  readonly reason:
    'unavailable' | 'waking' | 'overloaded' | 'error-budget' | 'quantization' | 'task-fit';
}

export interface Placement {
  readonly chosen: Choice;
  /** One model per later tier that could serve, in policy order, for the caller to retry on. */
  readonly fallbacks: readonly Choice[];
  readonly skipped: readonly TierSkip[];
  /** Scale-to-zero models of skipped tiers that would have served: this query is their demand. */
  readonly waking: readonly WakingTarget[];
}

export interface PlaceContext {
  readonly policy: CompiledPolicy;
  readonly models: ReadonlyMap<string, ModelView>;
  /** Missing entries mean healthy as far as we know: the Ready condition alone decides. */
  readonly health: ReadonlyMap<string, ModelHealth>;
  readonly need: QualityNeed | undefined;
  /** A number in [0, 1) that picks among weighted targets (random, or a decision-id hash). */
  readonly pick: number;
  /** The caller's task label, else the learned classifier's kind: specialists' fitness. */
  readonly taskKind?: string | undefined;
}

type State = 'ok' | 'unready' | 'waking' | 'quantization' | 'overloaded' | 'error-budget';

/**
 * Places a query on `startTier` or, as spec.fallback allows, on the tiers after it in policy
 * order. Within a tier: models fit for the task kind only (fitness.ts), specialists of the kind
 * before unlabelled ones; healthy models first; overloaded or over-budget ones only when the
 * policy does not fall back on that; unready ones and those the quantization guard refuses, never.
 * A tier whose fit models are asleep or starting (waking.ts) is passed over as unavailable, and
 * those models are listed in `waking` (on the error too): the query is demand that wakes them.
 * A tier with no fit model is passed over whatever spec.fallback says: that is routing by kind,
 * not a failure to fall back from.
 */
export function place(startTier: string, ctx: PlaceContext): Placement | RouteError {
  const start = ctx.policy.tierIndex.get(startTier);
  if (start === undefined) {
    return routeError(
      'UNAVAILABLE',
      `tier ${startTier} is not declared in policy ${ctx.policy.name}`,
    );
  }
  const skipped: TierSkip[] = [];
  const waking: WakingTarget[] = [];
  for (const tier of ctx.policy.tiers.slice(start)) {
    const served = serveFrom(tier, ctx);
    if (typeof served !== 'string') {
      const chosen = { tier: tier.name, model: served };
      return { chosen, fallbacks: fallbacksAfter(tier.index, ctx), skipped, waking };
    }
    skipped.push({ tier: tier.name, reason: served });
    if (served === 'waking') waking.push(...wakingIn(tier, ctx));
    const unavailable = served === 'unavailable' || served === 'waking';
    if (unavailable && !ctx.policy.fallback.onUnavailable) break;
  }
  const why = skipped.map((s) => `${s.tier}: ${s.reason}`).join('; ');
  const wakes = waking.map((w) => `; waking ${w.model}, ready in ~${w.readyInSeconds}s`);
  const error = routeError(
    'UNAVAILABLE',
    `no model can serve the query from tier ${startTier} (${why})${wakes.join('')}`,
  );
  return waking.length === 0 ? error : { ...error, waking };
}

interface Candidate {
  readonly model: ModelView;
  readonly weight: number;
  readonly state: State;
}

function candidatesOf(tier: CompiledTier, ctx: PlaceContext): Candidate[] {
  return tier.targets.flatMap((target): Candidate[] => {
    const model = ctx.models.get(target.model);
    return model ? [{ model, weight: target.weight, state: stateOf(model, ctx) }] : [];
  });
}

/** The model a tier serves with, or why it cannot serve. */
function serveFrom(tier: CompiledTier, ctx: PlaceContext): ModelView | TierSkip['reason'] {
  const resolved = candidatesOf(tier, ctx);
  const specialists = resolved.filter((c) => fitOf(c.model, ctx.taskKind) === 'specialist');
  const generalists = resolved.filter((c) => fitOf(c.model, ctx.taskKind) === 'generalist');
  if (resolved.length > 0 && specialists.length + generalists.length === 0) return 'task-fit';
  const { fallback } = ctx.policy;
  const pool = [isOk, (c: Candidate) => tolerated(c, fallback)]
    .flatMap((accepts) => [specialists.filter(accepts), generalists.filter(accepts)])
    .find((group) => group.length > 0);
  const picked = pool === undefined ? undefined : weightedPick(pool, ctx.pick);
  return picked?.model ?? skipReason([...specialists, ...generalists]);
}

const isOk = (c: Candidate): boolean => c.state === 'ok';

/** Overloaded or over-budget models serve when the policy does not fall back on that. */
function tolerated(c: Candidate, fallback: FallbackSettings): boolean {
  return (
    (c.state === 'overloaded' && !fallback.onOverload) ||
    (c.state === 'error-budget' && !fallback.onErrorBudget)
  );
}

const SKIP_ORDER = ['waking', 'overloaded', 'error-budget', 'quantization'] as const;

function skipReason(candidates: readonly Candidate[]): TierSkip['reason'] {
  const present = new Set(candidates.map((c) => c.state));
  return SKIP_ORDER.find((reason) => present.has(reason)) ?? 'unavailable';
}

/** The waking models of a tier fit for the query: the task kind's, and what the guard allows. */
function wakingIn(tier: CompiledTier, ctx: PlaceContext): WakingTarget[] {
  return candidatesOf(tier, ctx)
    .filter((c) => c.state === 'waking' && fitsTask(c.model, ctx.taskKind))
    .map(({ model }) => ({
      model: model.name,
      tier: tier.name,
      readyInSeconds: model.waking?.readyInSeconds ?? 0,
    }));
}

/** A waking model the quantization guard refuses is not woken: it could not serve the query. */
function asleepOrUnready(model: ModelView, ctx: PlaceContext): State {
  return model.waking && meetsQuality(model, ctx.need) ? 'waking' : 'unready';
}

function stateOf(model: ModelView, ctx: PlaceContext): State {
  const health = ctx.health.get(model.name);
  if (!model.ready) return asleepOrUnready(model, ctx);
  if (health?.ready === false) return 'unready';
  if (!meetsQuality(model, ctx.need)) return 'quantization';
  if (health?.overloaded) return 'overloaded';
  const { errorBudgetPercent } = ctx.policy.fallback;
  return (health?.errorRatePercent ?? 0) > errorBudgetPercent ? 'error-budget' : 'ok';
}

function fallbacksAfter(index: number, ctx: PlaceContext): Choice[] {
  return ctx.policy.tiers.slice(index + 1).flatMap((tier) => {
    const served = serveFrom(tier, ctx);
    return typeof served === 'string' ? [] : [{ tier: tier.name, model: served }];
  });
}
