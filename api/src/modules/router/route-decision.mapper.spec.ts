import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { CacheKind } from '@sluice/proto';
import type { CacheHit } from '../cache/index.js';
import { decide, isRouteError, type Decision } from '../routing/engine/index.js';
import { aModel, aPolicy, snapshotOf } from '../routing/engine/testing/builders.js';
import {
  exampleModels,
  rulesExamplePolicy,
  exampleProfiles,
} from '../routing/engine/testing/examples.js';
import { toWireDecision } from './route-decision.mapper.js';

function aDecision(request: Parameters<typeof decide>[0]): Decision {
  const snapshot = snapshotOf(rulesExamplePolicy(), exampleModels(), exampleProfiles());
  const decision = decide(request, snapshot, { random: () => 0.5, now: () => new Date() });
  if (isRouteError(decision)) throw new Error(decision.message);
  return decision;
}

const wire = (decision: Decision, cacheHit: CacheHit | undefined) =>
  toWireDecision(decision, {
    decisionId: 'd-2',
    decidedAt: new Date(),
    cacheHit,
    shadow: undefined,
  });

describe('toWireDecision', () => {
  const decision = aDecision({ prompt: 'What is the capital of France?' });

  it.each<[string, CacheHit, object, number | undefined]>([
    [
      'an exact hit with its provenance',
      {
        kind: 'exact',
        sourceKey: 'k',
        response: { content: 'Paris.', sourceDecisionId: 'd-1', cachedAt: 1_795_000_000_123 },
      },
      { kind: CacheKind.EXACT, similarity: 1, sourceDecisionId: 'd-1' },
      1_795_000_000_123,
    ],
    [
      'a semantic hit stored before provenance was kept',
      { kind: 'semantic', sourceKey: 'k', similarity: 0.9, response: { content: 'Paris.' } },
      { kind: CacheKind.SEMANTIC, similarity: 0.9, sourceDecisionId: '' },
      undefined,
    ],
  ])('maps %s', (_label, hit, expected, cachedAt) => {
    const cacheHit = wire(decision, hit).cacheHit;
    expect(cacheHit).toMatchObject({ responseText: 'Paris.', ...expected });
    expect(cacheHit?.cachedAt).toEqual(
      cachedAt === undefined ? undefined : timestampFromMs(cachedAt),
    );
  });

  it.each([
    ['rules', { promptTokens: 40 }],
    ['caller', { promptTokens: 40, complexity: 'complex' as const }],
  ])('names the %s classifier', (classifier, request) => {
    expect(wire(aDecision(request), undefined).complexity).toMatchObject({ classifier });
  });

  it('maps the learned classifier: task kind and its source, smallOk, version', () => {
    const policy = aPolicy()
      .tier('small', 'a')
      .tier('big', 'b')
      .learned(['small', 70], ['big', 0])
      .defaultRoute(undefined);
    const snapshot = snapshotOf(policy, [aModel('a').tier('small'), aModel('b').tier('big')]);
    const decided = decide({ prompt: 'Give me ideas' }, snapshot, {
      random: () => 0,
      now: () => new Date(),
    });
    if (isRouteError(decided)) throw new Error(decided.message);
    expect(wire(decided, undefined).complexity).toMatchObject({
      classifier: 'learned',
      score: 0.55,
      taskKind: 'brainstorming',
      taskKindSource: 'predicted',
      smallOk: 0.45,
      classifierVersion: 'router-model-fa4e0001',
    });
  });

  it('leaves smallOk unset and names the caller label under the rules classifier', () => {
    const verdict = wire(
      aDecision({ prompt: 'hi', taskLabel: 'extraction' }),
      undefined,
    ).complexity;
    expect(verdict).toMatchObject({
      taskKind: 'extraction',
      taskKindSource: 'caller',
      classifierVersion: '',
    });
    expect(verdict?.smallOk).toBeUndefined();
  });
});

describe('toWireDecision of a decision made while a model wakes', () => {
  it('names the waking model, its tier and when it is expected to serve', () => {
    const policy = aPolicy().tier('batch', 'sleeper').tier('small', 'awake').defaultRoute('batch');
    const models = [aModel('sleeper').tier('batch').scaledToZero(), aModel('awake')];
    const decision = decide({ prompt: 'Summarize this.' }, snapshotOf(policy, models), {
      random: () => 0.5,
      now: () => new Date(),
    });
    if (isRouteError(decision)) throw new Error(decision.message);
    const decidedAt = new Date(1_795_000_000_000);
    const reply = toWireDecision(decision, {
      decisionId: 'd',
      decidedAt,
      cacheHit: undefined,
      shadow: undefined,
    });
    expect(reply.target?.model?.name).toBe('awake');
    expect(reply.reason?.message).toContain(
      'fell back past batch (waking); waking sleeper, ready in ~120s',
    );
    expect(reply.waking).toEqual([
      {
        model: { namespace: 'default', name: 'sleeper' },
        tier: 'batch',
        expectedReadyAt: timestampFromMs(1_795_000_120_000),
      },
    ]);
  });
});
