import type { RoutingPolicy, RoutingPolicyStatus } from '@sluice/crds';
import { bucketAcceptance } from './acceptance.js';
import { boundaryOf, boundaryRange, withBoundary, type Threshold } from './boundary.js';
import { boundedStep, type StepBounds } from './bounded-step.js';
import { count, windowText, type CalibrationSettings } from './calibration-settings.js';
import { frontierShareBoundary } from './frontier-share.js';
import { qualityBoundary } from './quality-target.js';
import { totalOf, type ScoreHistogram } from './score-histogram.js';
import {
  acceptanceByKind,
  acceptanceByScore,
  judgedTotal,
  type VerdictCounts,
} from './verdict-counts.js';

export type ClassifierStatus = NonNullable<RoutingPolicyStatus['classifier']>;
type Basis = NonNullable<ClassifierStatus['basis']>;

export interface ClassifierStatusInput {
  readonly policy: RoutingPolicy;
  /** The policy's recent smallOk scores; undefined when they could not be read. */
  readonly scores: ScoreHistogram | undefined;
  /** The policy's judged shadow pairs; undefined when they could not be read. */
  readonly verdicts: VerdictCounts | undefined;
  /** Version of the router model in use, when known. */
  readonly model: string | undefined;
  readonly windowSeconds: number;
  readonly settings: CalibrationSettings;
  /** RFC 3339. */
  readonly now: string;
}

/** A change of the frontier boundary in use, for an Event. */
export interface BoundaryMove {
  readonly from: number;
  readonly to: number;
  readonly basis: Basis;
  readonly note: string;
}

export interface ClassifierPlan {
  /** undefined: not a learned policy, no classifier status. */
  readonly status: ClassifierStatus | undefined;
  readonly move: BoundaryMove | undefined;
}

/** What a target computes: the boundary it wants and why, or why it computes nothing yet. */
type Computed = { readonly boundary: number; readonly why: string } | { readonly waiting: string };

const NOT_LEARNED: ClassifierPlan = { status: undefined, move: undefined };

/**
 * Pure: status.classifier for a learned policy. Without a target, the spec's thresholds. With
 * one, the boundary in use (the previous status's, when it was computed for these tiers) steps
 * toward the target's boundary (bounded-step.ts) and the rest of the thresholds follow
 * (boundary.ts). The acceptance lists come from the verdicts; updatedAt moves only with the
 * thresholds, so an idle policy is not rewritten.
 */
export function planClassifierStatus(input: ClassifierStatusInput): ClassifierPlan {
  const classifier = learned(input.policy);
  if (classifier === undefined) return NOT_LEARNED;
  const { spec } = classifier;
  const basis = basisOf(classifier.target);
  if (basis === 'spec')
    return { status: build(input, basis, spec.map(copy), SPEC_MESSAGE), move: undefined };
  const from = boundaryInUse(spec, input.policy.status?.classifier) ?? boundaryOf(spec) ?? 0;
  const { to, message } = nextBoundary(input, basis, spec, from);
  const status = build(input, basis, withBoundary(spec, to), message);
  if (to === from) return { status, move: undefined };
  const note = `Moved the classifier boundary from ${from} to ${to}: ${message}`;
  return { status, move: { from, to, basis, note } };
}

/** The learned classifier's spec thresholds (two or more) and target; undefined otherwise. */
function learned(policy: RoutingPolicy) {
  const classifier = policy.spec?.classifier;
  const spec = classifier?.thresholds;
  if (classifier?.type !== 'learned' || spec === undefined || spec.length < 2) return undefined;
  return { spec, target: classifier.target };
}

const targetOf = (input: ClassifierStatusInput) => input.policy.spec?.classifier?.target ?? {};

const SPEC_MESSAGE = 'spec.classifier.thresholds (no classifier.target)';

function basisOf(target: { maxFrontierPercent?: number; minQualityPercent?: number } | undefined) {
  if (target?.minQualityPercent !== undefined) return 'minQualityPercent';
  return target?.maxFrontierPercent !== undefined ? 'maxFrontierPercent' : 'spec';
}

/** One bounded step from the boundary in use toward the target's; none while it waits. */
function nextBoundary(
  input: ClassifierStatusInput,
  basis: Exclude<Basis, 'spec'>,
  spec: readonly Threshold[],
  from: number,
): { to: number; message: string } {
  const computed =
    basis === 'maxFrontierPercent' ? frontierTarget(input, spec) : qualityTarget(input, spec);
  // Scores or verdicts unreadable: the boundary and its explanation stay as they were.
  if (computed === undefined)
    return { to: from, message: input.policy.status?.classifier?.message ?? `boundary ${from}` };
  if ('waiting' in computed) return { to: from, message: `boundary ${from}: ${computed.waiting}` };
  const { bounds } = input.settings;
  const to = boundedStep(from, computed.boundary, bounds);
  const aside = asideOf(to, from, computed.boundary, bounds);
  return { to, message: `boundary ${to}${aside}: ${computed.why}` };
}

/** Why the boundary in use is not the computed one: still moving, or close enough to stay. */
function asideOf(to: number, from: number, computed: number, bounds: StepBounds): string {
  if (to === computed) return '';
  if (to === from) return ` (computed ${computed}, inside the ${bounds.deadBand}-point dead band)`;
  return ` (moving to ${computed}, at most ${bounds.maxStep} points a pass)`;
}

function build(
  input: ClassifierStatusInput,
  basis: Basis,
  thresholds: Threshold[],
  message: string,
): ClassifierStatus {
  const previous = input.policy.status?.classifier;
  const same = previous?.basis === basis && sameThresholds(previous.thresholds, thresholds);
  return {
    ...(input.model === undefined ? {} : { model: input.model }),
    updatedAt: same ? (previous.updatedAt ?? input.now) : input.now,
    basis,
    message,
    thresholds,
    ...acceptance(input.verdicts, previous),
  };
}

/** Enough recent scores, or why not; undefined when they could not be read. */
function scoresOf(
  input: ClassifierStatusInput,
): { n: number; window: string; scores: ScoreHistogram } | Computed | undefined {
  if (input.scores === undefined) return undefined;
  const n = totalOf(input.scores);
  const window = windowText(input.windowSeconds);
  const { minScores } = input.settings;
  if (n < minScores)
    return { waiting: `waiting for scores, ${count(n)} of ${count(minScores)} in ${window}` };
  return { n, window, scores: input.scores };
}

function frontierTarget(
  input: ClassifierStatusInput,
  spec: readonly Threshold[],
): Computed | undefined {
  const enough = scoresOf(input);
  if (enough === undefined || !('n' in enough)) return enough;
  const max = targetOf(input).maxFrontierPercent ?? 100;
  const r = frontierShareBoundary(enough.scores, max, boundaryRange(spec));
  if (r === undefined) return undefined;
  const of = `${count(enough.n)} scores in ${enough.window}`;
  return {
    boundary: r.boundary,
    why: `${ordinal(max)} percentile of ${of} is ${r.boundary} (${r.frontierPercent}% below it)`,
  };
}

function qualityTarget(
  input: ClassifierStatusInput,
  spec: readonly Threshold[],
): Computed | undefined {
  const enough = scoresOf(input);
  if (enough === undefined || !('n' in enough)) return enough;
  const acceptance = estimatedAcceptance(input);
  if (acceptance === undefined || 'waiting' in acceptance) return acceptance;
  const { estimates, judged } = acceptance;
  const min = targetOf(input).minQualityPercent ?? 100;
  const r = qualityBoundary(enough.scores, estimates, min, boundaryRange(spec));
  if (r === undefined) return undefined;
  const which = r.met
    ? `the lowest whose estimated quality meets ${min}%`
    : `the highest, as none meets ${min}%`;
  const over = `${count(enough.n)} scores in ${enough.window}, ${count(judged)} judged shadow pairs`;
  return {
    boundary: r.boundary,
    why: `${r.boundary} is ${which} (${r.qualityPercent}% over ${over})`,
  };
}

/** Acceptance per bucket from enough judged pairs, or why not; undefined when unreadable. */
function estimatedAcceptance(
  input: ClassifierStatusInput,
): { estimates: number[]; judged: number } | { waiting: string } | undefined {
  const { verdicts, settings } = input;
  if (verdicts === undefined) return undefined;
  const judged = judgedTotal(verdicts);
  const estimates =
    judged < settings.minJudged
      ? undefined
      : bucketAcceptance(verdicts.byBucket, settings.priorWeight);
  if (estimates === undefined)
    return {
      waiting: `waiting for judged shadow pairs, ${count(judged)} of ${count(settings.minJudged)}`,
    };
  return { estimates, judged };
}

/** The boundary of the previous status, when it was computed for these very tiers. */
function boundaryInUse(
  spec: readonly Threshold[],
  previous: ClassifierStatus | undefined,
): number | undefined {
  const used = previous?.thresholds;
  if (previous?.basis === 'spec' || used === undefined || used.length !== spec.length)
    return undefined;
  if (!used.every((t, i) => t.tier === spec[i]?.tier)) return undefined;
  const boundary = boundaryOf(used);
  const range = boundaryRange(spec);
  return boundary !== undefined && boundary >= range.min && boundary <= range.max
    ? boundary
    : undefined;
}

function acceptance(verdicts: VerdictCounts | undefined, previous: ClassifierStatus | undefined) {
  if (verdicts === undefined) {
    const { acceptanceByKind: byKind, acceptanceByScore: byScore } = previous ?? {};
    return {
      ...(byKind === undefined ? {} : { acceptanceByKind: byKind }),
      ...(byScore === undefined ? {} : { acceptanceByScore: byScore }),
    };
  }
  const byKind = acceptanceByKind(verdicts);
  const byScore = acceptanceByScore(verdicts);
  return {
    ...(byKind.length === 0 ? {} : { acceptanceByKind: byKind }),
    ...(byScore.length === 0 ? {} : { acceptanceByScore: byScore }),
  };
}

const copy = (t: Threshold): Threshold => ({
  tier: t.tier,
  minSmallOkPercent: t.minSmallOkPercent,
});

const sameThresholds = (a: readonly Threshold[] | undefined, b: readonly Threshold[]): boolean =>
  a !== undefined &&
  a.length === b.length &&
  a.every((t, i) => t.tier === b[i]?.tier && t.minSmallOkPercent === b[i]?.minSmallOkPercent);

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
