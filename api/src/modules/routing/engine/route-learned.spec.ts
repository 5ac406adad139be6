import type { Decision, RouteDeps } from './decision.js';
import { isRouteError } from './errors.js';
import type { RouteRequest } from './request.js';
import { decide } from './route.js';
import { aModel, aPolicy, snapshotOf, type PolicyBuilder } from './testing/builders.js';

const deps: RouteDeps = { random: () => 0, now: () => new Date('2026-11-15T12:00:00Z') };
const V = 'classifier router-model-fa4e0001';

// The fake model (testing/fake-router-model.ts): "classify" 95%, "extract" 90%, "ideas" 45%,
// "function" code 4%, "solve" math 2%, anything else open-question 50%.
const learnedPolicy = () =>
  aPolicy()
    .tier('small', ['llama', 3], ['ticket-classifier', 1])
    .tier('medium', 'qwen')
    .tier('frontier', 'gpt')
    .learned(['small', 70], ['medium', 30], ['frontier', 0])
    .rule('pinned', { hints: ['cheap'] }, { tier: 'small', maxTokens: 100 })
    .rule('code', { taskLabels: ['code'] }, { maxTokens: 2048 })
    .rule('hard', { complexity: 'complex' }, { maxTokens: 1500 })
    .defaultRoute(undefined, 800);
const models = () => [
  aModel('llama').tier('small'),
  aModel('ticket-classifier').tier('small').taskLabels('classification'),
  aModel('qwen').tier('medium'),
  aModel('gpt').tier('frontier'),
];

function decided(request: RouteRequest, policy: PolicyBuilder = learnedPolicy()): Decision {
  const result = decide(request, snapshotOf(policy, models()), deps);
  if (isRouteError(result)) throw new Error(`unexpected ${result.code}: ${result.message}`);
  return result;
}

describe('decide with the learned classifier', () => {
  it.each<[string, RouteRequest, string, string]>([
    [
      'a classification query, no task label, to its specialist',
      { prompt: 'Classify this ticket: I was charged twice' },
      'small/ticket-classifier',
      `${V}: classification 0.90, smallOk 95% -> small; default route; ticket-classifier: labelled classification`,
    ],
    [
      'an extraction query to the unlabelled small model',
      { prompt: 'Extract the date: shipped 2026-03-14' },
      'small/llama',
      `${V}: extraction 0.90, smallOk 90% -> small; default route`,
    ],
    [
      'a brainstorming query to the medium tier',
      { prompt: 'Give me ideas for a team offsite' },
      'medium/qwen',
      `${V}: brainstorming 0.90, smallOk 45% -> medium; default route`,
    ],
    [
      'a code query, by its predicted kind, to the frontier',
      { prompt: 'Write a python function that merges two sorted lists' },
      'frontier/gpt',
      `${V}: code 0.90, smallOk 4% -> frontier; rule code: task label code (predicted 0.90)`,
    ],
    [
      'a math query as complex',
      { prompt: 'Solve x^2 = 9 for x' },
      'frontier/gpt',
      `${V}: math 0.90, smallOk 2% -> frontier; rule hard: complexity complex (smallOk 2%)`,
    ],
    [
      "the caller's label over the predicted kind",
      { prompt: 'Write a python function that merges two sorted lists', taskLabel: 'code' },
      'frontier/gpt',
      `${V}: code 0.90, smallOk 4% -> frontier; rule code: task label code (caller)`,
    ],
    [
      'a rule with a fixed tier over the classifier',
      { prompt: 'Write a python function', hints: ['cheap'] },
      'small/llama',
      `${V}: code 0.90, smallOk 4% -> frontier; rule pinned: hint cheap`,
    ],
    [
      "the caller's simple below the last tier",
      { prompt: 'Solve x^2 = 9 for x', complexity: 'simple' },
      'medium/qwen',
      `${V}: math 0.90, smallOk 2% -> frontier, caller complexity simple -> medium; default route`,
    ],
    [
      "the caller's complex to the last tier",
      { prompt: 'Extract the date: shipped 2026-03-14', complexity: 'complex' },
      'frontier/gpt',
      `${V}: extraction 0.90, smallOk 90% -> small, caller complexity complex -> frontier; rule hard: complexity complex (caller)`,
    ],
    [
      'a token count alone by the rules verdict',
      { promptTokens: 300 },
      'small/llama',
      `${V}: no text, complexity simple (score 0) -> small; default route`,
    ],
  ])('routes %s', (_label, request, where, reason) => {
    const decision = decided(request);
    expect(`${decision.tier}/${decision.model}`).toBe(where);
    expect(decision.reason).toBe(reason);
  });

  it('reaches all three tiers without a task label', () => {
    const tiers = ['Classify this', 'Give me ideas', 'Fix this python bug'].map(
      (prompt) => decided({ prompt }).tier,
    );
    expect(tiers).toEqual(['small', 'medium', 'frontier']);
  });

  it.each<[string, RouteRequest, Partial<Decision>]>([
    [
      'a predicted kind',
      { prompt: 'Give me ideas' },
      {
        taskKind: 'brainstorming',
        taskKindSource: 'predicted',
        smallOk: 0.45,
        classifierVersion: 'router-model-fa4e0001',
        classifier: 'learned',
        complexity: 'simple',
      },
    ],
    [
      "the caller's label and complexity",
      { prompt: 'Give me ideas', taskLabel: 'brainstorming', complexity: 'complex' },
      { taskKind: 'brainstorming', taskKindSource: 'caller', smallOk: 0.45, classifier: 'caller' },
    ],
    [
      'no text',
      { promptTokens: 300 },
      { taskKind: undefined, taskKindSource: undefined, smallOk: undefined, classifier: 'rules' },
    ],
  ])('records %s in the decision', (_label, request, expected) => {
    expect(decided(request)).toMatchObject(expected);
  });

  it('uses the thresholds the status holds for the same tiers', () => {
    const calibrated = learnedPolicy().statusThresholds(
      ['small', 40],
      ['medium', 10],
      ['frontier', 0],
    );
    const snapshot = snapshotOf(calibrated, models());
    expect(snapshot.policy.classifier.thresholdsFrom).toBe('status');
    expect(decided({ prompt: 'Give me ideas' }, calibrated).reason).toContain(
      'smallOk 45% -> small',
    );
  });

  it("keeps the spec's thresholds when the status names other tiers", () => {
    const stale = learnedPolicy().statusThresholds(['small', 40], ['frontier', 0]);
    expect(snapshotOf(stale, models()).policy.classifier.thresholdsFrom).toBe('spec');
    expect(decided({ prompt: 'Give me ideas' }, stale).tier).toBe('medium');
  });

  it('is not Ready without a router model, and Route says why', () => {
    const snapshot = snapshotOf(learnedPolicy(), models(), [], null);
    expect(snapshot.readiness).toMatchObject({ ready: false, reason: 'RouterModelUnavailable' });
    expect(snapshot.problems.map((p) => p.field)).toEqual(['spec.classifier.type']);
    const result = decide({ prompt: 'hi' }, snapshot, deps);
    expect(isRouteError(result) && result).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('router model') as string,
    });
  });

  it('leaves a rules policy alone without a router model', () => {
    const rules = aPolicy().tier('small', 'llama');
    expect(snapshotOf(rules, models(), [], null).readiness).toEqual({ ready: true });
    expect(decided({ prompt: 'Give me ideas', taskLabel: 'x' }, rules)).toMatchObject({
      classifier: 'rules',
      taskKind: 'x',
      taskKindSource: 'caller',
      smallOk: undefined,
      classifierVersion: undefined,
    });
  });
});
