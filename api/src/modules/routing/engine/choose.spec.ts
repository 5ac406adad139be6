import { place, type ModelHealth, type PlaceContext } from './choose.js';
import { isRouteError } from './errors.js';
import type { QualityNeed } from './guard.js';
import {
  aModel,
  aPolicy,
  snapshotOf,
  type ModelBuilder,
  type PolicyBuilder,
} from './testing/builders.js';
import { exampleModels, examplePolicy, exampleProfiles } from './testing/examples.js';

const healthy: ModelHealth = { ready: true, overloaded: false, errorRatePercent: 0 };
const reasoning: QualityNeed = { taskClass: 'reasoning', minRetention: 90 };

interface Setup {
  policy?: PolicyBuilder;
  unready?: string[];
  health?: Record<string, Partial<ModelHealth>>;
  need?: QualityNeed;
  pick?: number;
}

function contextOf({
  policy = examplePolicy(),
  unready = [],
  health = {},
  need,
  pick = 0,
}: Setup): PlaceContext {
  // Unlabelled, so these cases are about weights and health alone (fitness.spec.ts: labels).
  const models = exampleModels().map((m) =>
    unready.includes(m.obj().metadata?.name ?? '') ? m.taskLabels().ready(false) : m.taskLabels(),
  );
  const snapshot = snapshotOf(policy, models, exampleProfiles());
  const healthMap = new Map(
    Object.entries(health).map(([name, h]) => [name, { ...healthy, ...h }]),
  );
  return { policy: snapshot.policy, models: snapshot.models, health: healthMap, need, pick };
}

const chosen = (start: string, setup: Setup) => {
  const result = place(start, contextOf(setup));
  return isRouteError(result)
    ? result.message
    : `${result.chosen.tier}/${result.chosen.model.name}`;
};

describe('place', () => {
  it.each<[string, string, Setup, string]>([
    ['the heavier target at a low pick', 'small', { pick: 0 }, 'small/llama-3-1-8b-awq'],
    ['the lighter target at a high pick', 'small', { pick: 0.8 }, 'small/ticket-classifier'],
    [
      'the ready target when one is not',
      'small',
      { unready: ['llama-3-1-8b-awq'] },
      'small/ticket-classifier',
    ],
    [
      'the next tier when none is ready',
      'small',
      { unready: ['llama-3-1-8b-awq', 'ticket-classifier'] },
      'medium/qwen2-5-32b-fp8',
    ],
    [
      'past every unready tier',
      'small',
      { unready: ['llama-3-1-8b-awq', 'ticket-classifier', 'qwen2-5-32b-fp8'] },
      'frontier/gpt-4o',
    ],
    [
      'a healthy target over an overloaded one',
      'small',
      { health: { 'llama-3-1-8b-awq': { overloaded: true } } },
      'small/ticket-classifier',
    ],
    [
      'the next tier when every target is overloaded',
      'small',
      {
        health: {
          'llama-3-1-8b-awq': { overloaded: true },
          'ticket-classifier': { overloaded: true },
        },
      },
      'medium/qwen2-5-32b-fp8',
    ],
    [
      'the next tier when the error budget is spent',
      'medium',
      { health: { 'qwen2-5-32b-fp8': { errorRatePercent: 6 } } },
      'frontier/gpt-4o',
    ],
    [
      'the tier at exactly the error budget',
      'medium',
      { health: { 'qwen2-5-32b-fp8': { errorRatePercent: 5 } } },
      'medium/qwen2-5-32b-fp8',
    ],
    [
      'not a model the metrics call unready',
      'small',
      { health: { 'llama-3-1-8b-awq': { ready: false } } },
      'small/ticket-classifier',
    ],
    [
      'a full-precision target for reasoning',
      'small',
      { need: reasoning },
      'small/ticket-classifier',
    ],
    [
      'an fp8 target that keeps enough reasoning quality',
      'medium',
      { need: reasoning },
      'medium/qwen2-5-32b-fp8',
    ],
  ])('chooses %s', (_label, start, setup, expected) => {
    expect(chosen(start, setup)).toBe(expected);
  });

  it('moves past a tier the quantization guard refuses entirely', () => {
    const policy = aPolicy()
      .tier('small', 'llama-3-1-8b-awq')
      .tier('medium', 'qwen2-5-32b-fp8')
      .defaultRoute('small');
    expect(chosen('small', { policy, need: reasoning })).toBe('medium/qwen2-5-32b-fp8');
    expect(chosen('small', { policy })).toBe('small/llama-3-1-8b-awq');
  });

  it.each<[string, Parameters<PolicyBuilder['fallback']>[0], NonNullable<Setup['health']>, string]>(
    [
      [
        'overload',
        { onOverload: false },
        { 'qwen2-5-32b-fp8': { overloaded: true } },
        'medium/qwen2-5-32b-fp8',
      ],
      [
        'the error budget',
        { onErrorBudget: false },
        { 'qwen2-5-32b-fp8': { errorRatePercent: 50 } },
        'medium/qwen2-5-32b-fp8',
      ],
    ],
  )(
    'stays on a degraded tier when the policy does not fall back on %s',
    (_label, fallback, health, expected) => {
      const policy = examplePolicy().fallback(fallback);
      expect(chosen('medium', { policy, health })).toBe(expected);
    },
  );

  it('lists one model of each later tier as fallbacks and the tiers it skipped', () => {
    const result = place(
      'small',
      contextOf({ unready: ['llama-3-1-8b-awq', 'ticket-classifier'] }),
    );
    expect(isRouteError(result)).toBe(false);
    if (isRouteError(result)) return;
    expect(result.skipped).toEqual([{ tier: 'small', reason: 'unavailable' }]);
    expect(result.waking).toEqual([]);
    expect(result.fallbacks.map((f) => `${f.tier}/${f.model.name}`)).toEqual(['frontier/gpt-4o']);
  });

  it.each<[string, string, Setup, string]>([
    [
      'no tier can serve',
      'medium',
      { unready: ['qwen2-5-32b-fp8', 'gpt-4o'] },
      'no model can serve the query from tier medium (medium: unavailable; frontier: unavailable)',
    ],
    [
      'the policy does not fall back when unavailable',
      'small',
      {
        policy: examplePolicy().fallback({ onUnavailable: false }),
        unready: ['llama-3-1-8b-awq', 'ticket-classifier'],
      },
      'no model can serve the query from tier small (small: unavailable)',
    ],
    ['the tier is not declared', 'huge', {}, 'tier huge is not declared in policy default'],
  ])('fails UNAVAILABLE when %s', (_label, start, setup, message) => {
    expect(place(start, contextOf(setup))).toEqual({ kind: 'error', code: 'UNAVAILABLE', message });
  });

  describe('with a scale-to-zero model', () => {
    const policy = (fallback = true) =>
      aPolicy()
        .tier('batch', 'sleeper')
        .tier('small', 'llama-3-1-8b-awq')
        .defaultRoute('batch')
        .fallback({ onUnavailable: fallback });
    const sleeper = () => aModel('sleeper').tier('batch');
    const contextWith = (models: ModelBuilder[], fallback = true, need?: QualityNeed) => {
      const snapshot = snapshotOf(policy(fallback), models, exampleProfiles());
      return { ...snapshot, health: new Map(), need, pick: 0 };
    };
    const llama = () => aModel('llama-3-1-8b-awq').quant('awq-int4');

    it('falls back while it sleeps and lists it as waking', () => {
      const result = place('batch', contextWith([sleeper().scaledToZero(), llama()]));
      expect(result).toMatchObject({
        chosen: { tier: 'small', model: { name: 'llama-3-1-8b-awq' } },
        skipped: [{ tier: 'batch', reason: 'waking' }],
        waking: [{ model: 'sleeper', tier: 'batch', readyInSeconds: 120 }],
      });
    });

    it('goes to it once it is Ready, waking nothing', () => {
      const result = place('batch', contextWith([sleeper().scaledToZero().ready(), llama()]));
      expect(result).toMatchObject({ chosen: { model: { name: 'sleeper' } }, waking: [] });
    });

    it('still counts it as waking when the policy does not fall back', () => {
      const result = place('batch', contextWith([sleeper().scaledToZero(), llama()], false));
      expect(result).toEqual({
        kind: 'error',
        code: 'UNAVAILABLE',
        message:
          'no model can serve the query from tier batch (batch: waking); waking sleeper, ready in ~120s',
        waking: [{ model: 'sleeper', tier: 'batch', readyInSeconds: 120 }],
      });
    });

    it('does not wake one the quantization guard refuses', () => {
      const quantized = sleeper().scaledToZero().quant('awq-int4');
      const result = place(
        'batch',
        contextWith([quantized, aModel('llama-3-1-8b-awq')], true, reasoning),
      );
      expect(result).toMatchObject({ skipped: [{ reason: 'unavailable' }], waking: [] });
    });

    it('does not wake a specialist of another task kind', () => {
      const specialist = sleeper().scaledToZero().taskLabels('code');
      const ctx = { ...contextWith([specialist, llama()]), taskKind: 'classification' };
      expect(place('batch', ctx)).toMatchObject({ skipped: [{ reason: 'task-fit' }], waking: [] });
    });
  });

  it('ignores targets naming models that do not exist', () => {
    const policy = aPolicy()
      .tier('small', ['ghost', 100], 'ticket-classifier')
      .defaultRoute('small');
    expect(chosen('small', { policy, pick: 0 })).toBe('small/ticket-classifier');
  });

  it('routes to a model added by builder', () => {
    const snapshot = snapshotOf(aPolicy().tier('small', 'solo').defaultRoute('small'), [
      aModel('solo'),
    ]);
    const result = place('small', { ...snapshot, health: new Map(), need: undefined, pick: 0.5 });
    expect(isRouteError(result) ? result : result.chosen.model.servedModelName).toBe('solo');
  });
});
