import { buildSnapshot } from './snapshot.js';
import { aModel, aPolicy, aProfile, snapshotOf } from './testing/builders.js';
import { exampleModels, examplePolicy, exampleProfiles } from './testing/examples.js';

describe('buildSnapshot', () => {
  const snapshot = snapshotOf(examplePolicy(), exampleModels(), exampleProfiles());

  it('resolves the examples without problems', () => {
    expect(snapshot.problems).toEqual([]);
    expect([...snapshot.models.keys()]).toEqual([
      'llama-3-1-8b-awq',
      'ticket-classifier',
      'qwen2-5-32b-fp8',
      'gpt-4o',
    ]);
  });

  it.each([
    [
      'llama-3-1-8b-awq',
      {
        tier: 'small',
        provider: 'vllm',
        ready: true,
        servedModelName: 'llama-3.1-8b-instruct',
        endpoint: 'http://llama-3-1-8b-awq.default.svc:8000/v1',
        quantizationProfile: 'awq-int4',
      },
    ],
    ['ticket-classifier', { servedModelName: 'ticket-classifier', retention: undefined }],
    [
      'gpt-4o',
      {
        provider: 'external',
        servedModelName: 'gpt-4o',
        endpoint: 'https://api.openai.com/v1',
        pricing: { inputPer1M: '2.50', outputPer1M: '10.00' },
      },
    ],
  ])('reads %s from spec and status', (name, expected) => {
    expect(snapshot.models.get(name)).toMatchObject(expected);
  });

  it("carries the quality retention of the model's QuantizationProfile", () => {
    expect(snapshot.models.get('llama-3-1-8b-awq')?.retention).toMatchObject({
      reasoning: 82,
      extraction: 94,
    });
  });

  it.each([
    ['no Ready condition', aModel('m').obj(), false],
    ['Ready=False', aModel('m').ready(false).obj(), false],
    ['Ready=True', aModel('m').obj(), true],
  ])('reads readiness with %s', (label, object, ready) => {
    if (label === 'no Ready condition') object.status = {};
    const built = snapshotOf(aPolicy().tier('small', 'm'), [object]);
    expect(built.models.get('m')?.ready).toBe(ready);
  });

  it('prefers the served name the operator published', () => {
    const object = aModel('m').servedAs('from-spec').obj();
    object.status = { ...object.status, servedModelName: 'from-status' };
    expect(
      snapshotOf(aPolicy().tier('small', 'm'), [object]).models.get('m')?.servedModelName,
    ).toBe('from-status');
  });

  it('reports unresolved references and keeps routing', () => {
    const policy = aPolicy().tier('small', 'ghost', 'm').tier('big', 'q');
    const built = snapshotOf(
      policy,
      [aModel('m').quant('missing'), aModel('q').tier('small')],
      [aProfile('other', {})],
    );
    expect(built.problems.map(({ field, reason }) => ({ field, reason }))).toEqual([
      { field: 'spec.tiers[0].targets[0].model', reason: 'UnknownModel' },
      { field: 'spec.tiers[1].targets[0].model', reason: 'TierMismatch' },
      {
        field: 'InferenceModel m: spec.vllm.quantizationProfileRef.name',
        reason: 'UnknownQuantizationProfile',
      },
    ]);
    expect(built.models.get('m')?.retention).toBeUndefined();
  });

  it('has nothing to route by without a spec', () => {
    expect(
      buildSnapshot({ policy: { metadata: { name: 'p' } }, models: [], profiles: [] }),
    ).toBeUndefined();
  });
});
