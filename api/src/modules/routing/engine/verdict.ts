import { classify, type Classification } from './classifier.js';
import type { ClassifierModel } from './classifier-model.js';
import { extractFeatures } from './features.js';
import { learnedVerdict, type LearnedVerdict } from './learned.js';
import type { MeasuredPrompt, RouteRequest } from './request.js';
import type { RoutingSnapshot } from './snapshot.js';

/** Where a query's task kind comes from: the caller's task_label, or the learned prediction. */
export type TaskKindSource = 'caller' | 'predicted';

/** A query's classification as decide() uses it: complexity, task kind, the learned verdict. */
export interface Verdict extends Classification {
  /** The caller's task label, else the learned classifier's kind; undefined when neither. */
  readonly taskKind: string | undefined;
  readonly taskKindSource: TaskKindSource | undefined;
  /** Set for a learned policy. */
  readonly learned: LearnedVerdict | undefined;
}

/**
 * The rules classifier always runs (its features explain every decision, and it labels queries
 * without text); the learned one, for a learned policy, then labels the query. A caller's own
 * complexity wins under both, its task label over the predicted kind.
 */
export function classifyQuery(
  prompt: MeasuredPrompt,
  request: RouteRequest,
  snapshot: RoutingSnapshot,
): Verdict {
  const { classifier } = snapshot.policy;
  const { complexKeywords, complexTokenThreshold } = classifier;
  const features = extractFeatures(prompt.text, prompt.tokens, complexKeywords, request.keywords);
  const rules = classify(features, complexTokenThreshold);
  const model = classifier.type === 'learned' ? snapshot.model : undefined;
  return model === undefined
    ? byRules(rules, request)
    : byModel(model, classifier.thresholds, { text: prompt.text, rules }, request);
}

function byRules(rules: Classification, request: RouteRequest): Verdict {
  const { complexity, taskLabel } = request;
  const labelled: Classification =
    complexity === undefined ? rules : { ...rules, complexity, classifier: 'caller' };
  const taskKindSource = taskLabel === undefined ? undefined : 'caller';
  return { ...labelled, taskKind: taskLabel, taskKindSource, learned: undefined };
}

function byModel(
  model: ClassifierModel,
  thresholds: Parameters<typeof learnedVerdict>[1],
  { text, rules }: { readonly text: string; readonly rules: Classification },
  request: RouteRequest,
): Verdict {
  const callerComplexity = request.complexity;
  const { verdict, complexity } = learnedVerdict(model, thresholds, {
    text,
    rules,
    callerComplexity,
  });
  const predicted = verdict.prediction?.kind;
  const labelledBy = text === '' ? 'rules' : 'learned';
  const source = predicted === undefined ? undefined : 'predicted';
  const caller = request.taskLabel;
  return {
    ...rules,
    complexity,
    classifier: callerComplexity === undefined ? labelledBy : 'caller',
    taskKind: caller ?? predicted,
    taskKindSource: caller === undefined ? source : 'caller',
    learned: verdict,
  };
}
