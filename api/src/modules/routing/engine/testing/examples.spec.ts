import { readdirSync, readFileSync } from 'node:fs';
import type { InferenceModel, QuantizationProfile, RoutingPolicy } from '@sluice/crds';
import { parseAllDocuments } from 'yaml';
import { isRouteError } from '../errors.js';
import { decide } from '../route.js';
import { buildSnapshot } from '../snapshot.js';
import { exampleModels, examplePolicy, exampleProfiles } from './examples.js';

// The builders in examples.ts stand for the files a platform engineer applies; this keeps them in
// step, and routes the seed's task kinds through the real files.
const dir = new URL('../../../../../../examples/', import.meta.url);
const docs = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(new URL(file, dir), 'utf8')).map(
      (d) => d.toJS() as { kind?: string },
    ),
  );
const policy = docs.find((d): d is RoutingPolicy => d.kind === 'RoutingPolicy');
const models = docs.filter((d): d is InferenceModel => d.kind === 'InferenceModel');
const profiles = docs.filter((d): d is QuantizationProfile => d.kind === 'QuantizationProfile');

const asPublished = (model: InferenceModel): InferenceModel => ({
  ...model,
  status: {
    endpoint: `http://${model.metadata?.name}.default.svc:8000/v1`,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Available',
        message: '',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
  },
});

describe('examples/ as the routing engine sees them', () => {
  it('matches the example policy builder', () => {
    const spec = structuredClone(policy?.spec);
    delete spec?.cache; // the engine does not read cache settings; the builder leaves them out
    expect(examplePolicy().obj().spec).toEqual(spec);
  });

  it('matches the example model and profile builders', () => {
    const view = (m: InferenceModel) => [
      m.metadata?.name,
      m.spec?.tier,
      m.spec?.vllm?.quantizationProfileRef?.name,
      m.spec?.taskLabels,
    ];
    expect(exampleModels().map((m) => view(m.obj()))).toEqual(
      expect.arrayContaining(models.map(view)),
    );
    for (const profile of exampleProfiles()) {
      const file = profiles.find((p) => p.metadata?.name === profile.metadata?.name);
      expect(profile.spec?.qualityRetention).toEqual(file?.spec?.qualityRetention);
    }
  });

  it.each([
    [
      'classification',
      { prompt: 'Which department: "my invoice is wrong"', taskLabel: 'classification' },
      'small',
    ],
    [
      'extraction',
      { prompt: 'Extract the date: shipped 2026-03-14', taskLabel: 'extraction' },
      'small',
    ],
    [
      'formatting',
      { prompt: 'Format as JSON: name Ada, age 36', taskLabel: 'formatting' },
      'small',
    ],
    [
      'a short answer',
      { prompt: 'What is the capital of France?', taskLabel: 'short-answer' },
      'small',
    ],
    [
      'multi-step reasoning',
      { prompt: 'Analyze our churn step by step and compare the two fixes.' },
      'frontier',
    ],
  ])('routes %s to the %s tier from the real files', (_label, request, tier) => {
    const snapshot = buildSnapshot({
      policy: policy ?? {},
      models: models.map(asPublished),
      profiles,
    });
    expect(snapshot?.problems).toEqual([]);
    const decision =
      snapshot && decide(request, snapshot, { random: () => 0, now: () => new Date() });
    expect(decision && !isRouteError(decision) && decision.tier).toBe(tier);
  });
});
