import { aModel, aPolicy, aProfile } from './builders.js';

/**
 * The objects of examples/ (routing-policy.yaml, the three models and fine-tune.yaml's
 * ticket-classifier, quantization-profiles.yaml) as builders, so engine tests route exactly
 * what a platform engineer applies. Keep in step with those files.
 */
export const examplePolicy = () =>
  tiersAndBudgets()
    .classifier({
      type: 'learned',
      thresholds: [
        { tier: 'small', minSmallOkPercent: 70 },
        { tier: 'medium', minSmallOkPercent: 30 },
        { tier: 'frontier', minSmallOkPercent: 0 },
      ],
      target: { maxFrontierPercent: 30 },
      complexTokenThreshold: 2000,
      complexKeywords: ['step by step', 'analyze', 'compare', 'prove'],
    })
    .rule(
      'simple-tasks',
      { taskLabels: ['classification', 'extraction', 'summarization', 'rewriting', 'formatting'] },
      { tier: 'small', maxTokens: 256 },
    )
    .rule(
      'short-answers',
      { taskLabels: ['short-answer'], maxPromptTokens: 1000 },
      { tier: 'small', maxTokens: 128 },
    )
    .rule(
      'reasoning',
      { taskLabels: ['reasoning', 'analysis'] },
      { tier: 'frontier', maxTokens: 2048 },
    )
    .rule('complex-queries', { complexity: 'complex' }, { maxTokens: 1500 })
    .rule('simple-queries', { complexity: 'simple', maxPromptTokens: 500 }, { maxTokens: 300 })
    .defaultRoute(undefined, 800);

/**
 * The example policy as it was before the learned classifier: the rules classifier, every route
 * with its tier. Engine tests of the rules classifier's routing pin their figures on it.
 */
export const rulesExamplePolicy = () =>
  tiersAndBudgets()
    .classifier({
      type: 'rules',
      complexTokenThreshold: 2000,
      complexKeywords: ['step by step', 'analyze', 'compare', 'prove'],
    })
    .rule(
      'simple-tasks',
      { taskLabels: ['classification', 'extraction', 'formatting'] },
      { tier: 'small', maxTokens: 256 },
    )
    .rule(
      'short-answers',
      { taskLabels: ['short-answer'], maxPromptTokens: 1000 },
      { tier: 'small', maxTokens: 128 },
    )
    .rule(
      'reasoning',
      { taskLabels: ['reasoning', 'analysis'] },
      { tier: 'frontier', maxTokens: 2048 },
    )
    .rule('complex-queries', { complexity: 'complex' }, { tier: 'frontier', maxTokens: 1500 })
    .rule(
      'simple-queries',
      { complexity: 'simple', maxPromptTokens: 500 },
      { tier: 'small', maxTokens: 300 },
    )
    .defaultRoute('medium', 800);

/** Tiers, fallback, budget and shadow of the example policy (the builder's order is the file's). */
const tiersAndBudgets = () =>
  aPolicy('default')
    .tier('small', ['llama-3-1-8b-awq', 3], ['ticket-classifier', 1])
    .tier('medium', ['qwen2-5-32b-fp8', 1])
    .tier('frontier', ['gpt-4o', 1])
    .fallback({ onUnavailable: true, onOverload: true, onErrorBudget: true, errorBudgetPercent: 5 })
    .budget({
      name: 'search-team',
      tag: { key: 'team', value: 'search' },
      monthlyUSD: '5000',
      thresholdPercent: 80,
      action: 'downgrade',
      downgradeTo: 'small',
    })
    .shadow('frontier', 5);

export const exampleModels = () => [
  aModel('llama-3-1-8b-awq').tier('small').servedAs('llama-3.1-8b-instruct').quant('awq-int4'),
  aModel('ticket-classifier').tier('small').taskLabels('classification', 'ticket-classification'),
  aModel('qwen2-5-32b-fp8').tier('medium').servedAs('qwen2.5-32b-instruct').quant('fp8'),
  aModel('gpt-4o').tier('frontier').external('gpt-4o', 'https://api.openai.com/v1'),
];

export const exampleProfiles = () => [
  aProfile('awq-int4', {
    classification: 95,
    extraction: 94,
    formatting: 95,
    shortAnswer: 92,
    summarization: 90,
    generation: 85,
    reasoning: 82,
    coding: 84,
  }),
  aProfile('fp8', {
    classification: 99,
    extraction: 99,
    formatting: 99,
    shortAnswer: 99,
    summarization: 98,
    generation: 97,
    reasoning: 97,
    coding: 97,
  }),
];
