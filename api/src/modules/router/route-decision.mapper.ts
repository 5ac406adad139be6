import { timestampFromDate, timestampFromMs } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  CacheKind,
  Complexity,
  ProviderKind,
  type RouteDecisionSchema,
  type ModelTargetSchema,
} from '@sluice/proto';
import type { CacheHit } from '../cache/index.js';
import {
  COMPLEX_AT,
  type Decision,
  type Features,
  type ModelTarget,
} from '../routing/engine/index.js';

type WireDecision = MessageInitShape<typeof RouteDecisionSchema>;
type WireTarget = MessageInitShape<typeof ModelTargetSchema>;

/** What Route adds to the engine's decision before answering. */
export interface DecisionExtras {
  readonly decisionId: string;
  readonly decidedAt: Date;
  readonly cacheHit: CacheHit | undefined;
  /** The shadow call's own decision id and model, when the query was sampled. */
  readonly shadow: { readonly decisionId: string; readonly target: ModelTarget } | undefined;
}

export function toWireTarget(target: ModelTarget, namespace: string): WireTarget {
  return {
    model: { namespace, name: target.model },
    servedModelName: target.servedModelName,
    endpointUrl: target.endpoint ?? '',
    provider: target.provider === 'vllm' ? ProviderKind.VLLM : ProviderKind.EXTERNAL,
    tier: target.tier,
  };
}

/**
 * The engine's score is an open-ended sum of weights, complex from COMPLEX_AT; the wire wants a
 * share in [0, 1]. score / (score + COMPLEX_AT) is monotone and puts the threshold at 0.5.
 */
export const scoreShare = (score: number): number =>
  score <= 0 ? 0 : score / (score + COMPLEX_AT);

function featureMap(f: Features): Record<string, number> {
  return {
    prompt_tokens: f.tokens,
    questions: f.questions,
    reasoning_markers: f.reasoningMarkers.length,
    keyword_hits: f.complexKeywords.length,
    multi_step_cues: f.multiStepCues,
    code_signals: f.codeSignals,
    math_signals: f.mathSignals,
  };
}

function wireCacheHit(hit: CacheHit): WireDecision['cacheHit'] {
  return {
    kind: hit.kind === 'exact' ? CacheKind.EXACT : CacheKind.SEMANTIC,
    responseText: hit.response.content,
    similarity: hit.kind === 'exact' ? 1 : hit.similarity,
    sourceDecisionId: hit.response.sourceDecisionId ?? '',
    ...(hit.response.cachedAt === undefined
      ? {}
      : { cachedAt: timestampFromMs(hit.response.cachedAt) }),
  };
}

function complexityVerdict(decision: Decision): WireDecision['complexity'] {
  const { smallOk } = decision;
  return {
    complexity: decision.complexity === 'simple' ? Complexity.SIMPLE : Complexity.COMPLEX,
    score: smallOk === undefined ? scoreShare(decision.score) : 1 - smallOk,
    classifier: decision.classifier,
    features: featureMap(decision.features),
    taskKind: decision.taskKind ?? '',
    taskKindSource: decision.taskKindSource ?? '',
    ...(smallOk === undefined ? {} : { smallOk }),
    classifierVersion: decision.classifierVersion ?? '',
  };
}

/** sluice.v1.RouteDecision from the engine's decision (pure). */
export function toWireDecision(decision: Decision, extras: DecisionExtras): WireDecision {
  const namespace = decision.policy.namespace;
  const { budget, shadow } = { budget: decision.budget, shadow: extras.shadow };
  return {
    decisionId: extras.decisionId,
    target: toWireTarget(decision, namespace),
    fallbacks: decision.fallbacks.map((t) => toWireTarget(t, namespace)),
    reason: { rule: decision.ruleName ?? '', message: decision.reason },
    ...(decision.maxTokens === undefined ? {} : { maxTokens: decision.maxTokens }),
    complexity: complexityVerdict(decision),
    promptTokens: decision.promptTokens,
    ...(budget === undefined
      ? {}
      : {
          budgetDowngrade: {
            budget: budget.budget,
            requestedTier: budget.fromTier,
            spentPercent: budget.percentSpent,
          },
        }),
    ...(shadow === undefined
      ? {}
      : {
          shadow: { decisionId: shadow.decisionId, target: toWireTarget(shadow.target, namespace) },
        }),
    ...(extras.cacheHit === undefined ? {} : { cacheHit: wireCacheHit(extras.cacheHit) }),
    policyGeneration: BigInt(decision.policy.generation),
    decidedAt: timestampFromDate(extras.decidedAt),
    waking: decision.waking.map((w) => ({
      model: { namespace, name: w.model },
      tier: w.tier,
      expectedReadyAt: timestampFromMs(extras.decidedAt.getTime() + w.readyInSeconds * 1000),
    })),
  };
}
