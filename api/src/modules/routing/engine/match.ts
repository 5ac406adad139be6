import type { Classifier, Complexity } from './classifier.js';
import { firstKeywordIn } from './keywords.js';
import { percent } from './learned.js';
import type { CompiledMatch, CompiledPolicy, CompiledRoute } from './policy.js';

/** What rules are matched against: the request as the engine saw and classified it. */
export interface QueryFacts {
  /** Prompt text ('' when the caller sent only features: regex rules fail). */
  readonly text: string;
  readonly tokens: number;
  /** Phrases the caller found in a prompt it did not send; keyword rules read them as text. */
  readonly keywords: readonly string[];
  /** The caller's task label, else (learned classifier) the predicted task kind. */
  readonly taskLabel: string | undefined;
  /**
   * Where that came from, for the reason: '' under the rules classifier (as before it existed),
   * " (caller)" or " (predicted 0.93)" under the learned one.
   */
  readonly taskLabelNote?: string;
  readonly hints: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly complexity: Complexity;
  readonly classifier: Classifier;
  readonly score: number;
  /** The learned classifier's smallOk; undefined under the rules classifier or without text. */
  readonly smallOk?: number | undefined;
}

export interface RuleMatch {
  /** undefined when the default route applies. */
  readonly ruleName: string | undefined;
  readonly route: CompiledRoute;
  /** "rule simple-tasks: task label classification" or "default route". */
  readonly reason: string;
}

/** One condition: undefined when the rule has none, false when it fails, else why it held. */
type Check = (match: CompiledMatch, query: QueryFacts) => string | false | undefined;

const taskLabel: Check = ({ taskLabels }, q) => {
  if (taskLabels === undefined) return undefined;
  return q.taskLabel !== undefined && taskLabels.has(q.taskLabel)
    ? `task label ${q.taskLabel}${q.taskLabelNote ?? ''}`
    : false;
};

const hint: Check = ({ hints }, q) => {
  if (hints === undefined) return undefined;
  const found = q.hints.find((h) => hints.has(h));
  return found === undefined ? false : `hint ${found}`;
};

const tokenBounds: Check = ({ minPromptTokens: min, maxPromptTokens: max }, q) => {
  if ((min !== undefined && q.tokens < min) || (max !== undefined && q.tokens > max)) return false;
  if (min !== undefined && max !== undefined)
    return `prompt tokens ${q.tokens} in [${min}, ${max}]`;
  if (min !== undefined) return `prompt tokens ${q.tokens} >= ${min}`;
  return max === undefined ? undefined : `prompt tokens ${q.tokens} <= ${max}`;
};

const keyword: Check = ({ keywords }, q) => {
  if (keywords === undefined) return undefined;
  const found = firstKeywordIn(keywords, [q.text, ...q.keywords]);
  return found === undefined ? false : `keyword "${found}"`;
};

const regex: Check = ({ regex: pattern }, q) => {
  if (pattern === undefined) return undefined;
  // No text (the caller sent only a token count) matches no pattern, not even /.*/.
  return q.text !== '' && pattern.test(q.text) ? `regex /${pattern.source}/` : false;
};

const tags: Check = ({ tags: wanted }, q) => {
  if (wanted === undefined || wanted.length === 0) return undefined;
  if (!wanted.every(([key, value]) => q.tags[key] === value)) return false;
  return wanted.map(([key, value]) => `tag ${key}=${value}`).join(', ');
};

const complexity: Check = ({ complexity: wanted }, q) => {
  if (wanted === undefined) return undefined;
  if (q.complexity !== wanted) return false;
  return `complexity ${wanted} (${complexityWhy(q)})`;
};

function complexityWhy(q: QueryFacts): string {
  if (q.classifier === 'caller') return 'caller';
  return q.classifier === 'learned' && q.smallOk !== undefined
    ? `smallOk ${percent(q.smallOk)}%`
    : `score ${q.score}`;
}

// Cheap checks first: a rule fails as soon as one condition does.
const CHECKS: readonly Check[] = [taskLabel, hint, tokenBounds, tags, complexity, keyword, regex];

/** First usable rule whose conditions all hold wins; else the default route. */
export function matchRule(policy: CompiledPolicy, query: QueryFacts): RuleMatch {
  for (const rule of policy.rules) {
    if (!rule.usable) continue;
    const reasons = holds(rule.match, query);
    if (reasons !== undefined) {
      const why = reasons.length > 0 ? reasons.join(', ') : 'matches every query';
      return { ruleName: rule.name, route: rule.route, reason: `rule ${rule.name}: ${why}` };
    }
  }
  return { ruleName: undefined, route: policy.defaultRoute, reason: 'default route' };
}

/** The reasons of every condition present, or undefined when one fails. */
export function holds(match: CompiledMatch, query: QueryFacts): string[] | undefined {
  const reasons: string[] = [];
  for (const check of CHECKS) {
    const result = check(match, query);
    if (result === false) return undefined;
    if (result !== undefined) reasons.push(result);
  }
  return reasons;
}
