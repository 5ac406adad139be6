import type { Condition, InferenceModel, QuantizationProfile } from '@sluice/crds';
import { planProfileStatus, referencingModels } from './profile-status.js';
import { model, profile } from './testing/fixtures.js';

const NOW = '2026-11-28T01:00:00Z';
const LATER = '2026-11-28T02:00:00Z';
const JOB = { image: 'ghcr.io/x/llm-compressor:1', sourceModel: 'org/m', outputURI: 's3://b/m' };

const plan = (p: QuantizationProfile, models = [model('a', 'p')], now = NOW) =>
  planProfileStatus({ profile: p, models, now });
const condition = (conditions: readonly Condition[] | undefined, type: string) =>
  conditions?.find((c) => c.type === type);
const withStatus = (p: QuantizationProfile, models = [model('a', 'p')]): QuantizationProfile => ({
  ...p,
  status: plan(p, models).status,
});

describe('planProfileStatus', () => {
  type Row = {
    name: string;
    p: QuantizationProfile;
    models: InferenceModel[];
    expected: Record<string, [Condition['status'], string]>;
    ready: string;
  };
  const rows: Row[] = [
    {
      name: 'awq, one model',
      p: profile('awq', 4, 'fp8'),
      models: [model('a', 'p')],
      expected: { Ready: ['True', 'FlagsResolved'], Degraded: ['False', 'AsExpected'] },
      ready:
        'Resolves to vLLM flags: --quantization awq_marlin --kv-cache-dtype fp8 (on nvidia-t4: ' +
        '--quantization awq --kv-cache-dtype fp8). Referenced by 1 InferenceModel: a.',
    },
    {
      name: 'none, unused',
      p: profile('none', 16),
      models: [model('a', 'other')],
      expected: { Ready: ['True', 'FlagsResolved'], Degraded: ['False', 'AsExpected'] },
      ready: 'Resolves to vLLM flags: none. No InferenceModel references it.',
    },
    {
      name: 'fp8 used on a T4',
      p: profile('fp8', 8),
      models: [model('b', 'p', 'nvidia-t4'), model('a', 'p')],
      expected: { Ready: ['True', 'FlagsResolved'], Degraded: ['True', 'UnsupportedGPU'] },
      ready: 'Resolves to vLLM flags: --quantization fp8. Referenced by 2 InferenceModels: a, b.',
    },
    {
      name: 'a quantization Job',
      p: profile('awq', 4, 'auto', { quantizationJob: JOB }),
      models: [],
      expected: {
        Ready: ['True', 'FlagsResolved'],
        Degraded: ['True', 'QuantizationJobNotSupported'],
        QuantizationJobSucceeded: ['Unknown', 'QuantizationJobNotSupported'],
      },
      ready:
        'Resolves to vLLM flags: --quantization awq_marlin (on nvidia-t4: --quantization awq). ' +
        'No InferenceModel references it.',
    },
    {
      name: 'no spec',
      p: { metadata: { name: 'p', namespace: 'ns', generation: 3 } },
      models: [],
      expected: { Ready: ['False', 'InvalidSpec'], Degraded: ['False', 'AsExpected'] },
      ready: 'spec must be set: method and weightBits are required.',
    },
  ];

  it.each(rows)('$name', ({ p, models, expected, ready }) => {
    const { status, changed } = plan(p, models);
    expect(changed).toBe(true);
    expect(status.observedGeneration).toBe(3);
    const types = Object.keys(expected).concat('Progressing').sort();
    expect(status.conditions?.map((c) => c.type).sort()).toEqual(types);
    for (const [type, [s, reason]] of Object.entries(expected)) {
      expect(condition(status.conditions, type)).toMatchObject({
        status: s,
        reason,
        observedGeneration: 3,
        lastTransitionTime: NOW,
      });
    }
    expect(condition(status.conditions, 'Ready')?.message).toBe(ready);
    expect(condition(status.conditions, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'NoWorkload',
    });
  });

  it('names five models and counts the rest', () => {
    const models = ['f', 'e', 'd', 'c', 'b', 'a', 'g'].map((n) => model(n, 'p'));
    const ready = condition(plan(profile('none', 16), models).status.conditions, 'Ready');
    expect(ready?.message).toContain('Referenced by 7 InferenceModels: a, b, c, d, e, and 2 more.');
  });

  it('writes nothing when the status is already the planned one, in any condition order', () => {
    const p = withStatus(profile('awq', 4));
    expect(plan(p, [model('a', 'p')], LATER).changed).toBe(false);
    const reordered = {
      ...p,
      status: { ...p.status, conditions: [...(p.status?.conditions ?? [])].reverse() },
    };
    expect(plan(reordered, [model('a', 'p')], LATER).changed).toBe(false);
  });

  it.each([
    [
      'a new generation',
      (p: QuantizationProfile) => ({ ...p, metadata: { ...p.metadata, generation: 4 } }),
      [model('a', 'p')],
    ],
    ['one more model', (p: QuantizationProfile) => p, [model('a', 'p'), model('b', 'p')]],
    ['a model moved away', (p: QuantizationProfile) => p, [model('a', 'q')]],
  ])(
    'writes again after %s, keeping lastTransitionTime of unflipped conditions',
    (_, edit, models) => {
      const { status, changed } = plan(edit(withStatus(profile('awq', 4))), models, LATER);
      expect(changed).toBe(true);
      expect(condition(status.conditions, 'Ready')?.lastTransitionTime).toBe(NOW);
    },
  );

  it('moves lastTransitionTime when a condition flips, and drops a removed Job condition', () => {
    const before = withStatus(profile('awq', 4, 'auto', { quantizationJob: JOB }), []);
    const after: QuantizationProfile = { ...before, spec: profile('awq', 4).spec! };
    const { status } = plan(after, [], LATER);
    expect(condition(status.conditions, 'QuantizationJobSucceeded')).toBeUndefined();
    expect(condition(status.conditions, 'Degraded')).toMatchObject({
      status: 'False',
      lastTransitionTime: LATER,
    });
    expect(condition(status.conditions, 'Ready')?.lastTransitionTime).toBe(NOW);
  });
});

describe('referencingModels', () => {
  it.each([
    ['same namespace and name', model('a', 'p'), true],
    ['another profile', model('a', 'q'), false],
    ['no profile', model('a'), false],
    ['another namespace', model('a', 'p', 'nvidia-l4', 'other'), false],
    [
      'an external model',
      { ...model('a', 'p'), spec: { ...model('a', 'p').spec, provider: 'external' } },
      false,
    ],
  ] as const)('%s', (_, m, expected) => {
    expect(referencingModels(profile('awq', 4), [m as never])).toHaveLength(expected ? 1 : 0);
  });
});
