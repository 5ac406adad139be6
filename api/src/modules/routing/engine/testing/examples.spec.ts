import { readdirSync, readFileSync } from 'node:fs';
import type { InferenceModel, QuantizationProfile, RoutingPolicy } from '@sluice/crds';
import { loadDefaultRouterModel } from '@sluice/router-model';
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
// The default policy and the models it names (scale-to-zero.yaml has a policy and model of its own).
const policy = docs.find(
  (d): d is RoutingPolicy =>
    d.kind === 'RoutingPolicy' && (d as RoutingPolicy).metadata?.name === 'default',
);
const named = new Set(policy?.spec?.tiers.flatMap((t) => t.targets.map((x) => x.model)));
const models = docs.filter(
  (d): d is InferenceModel =>
    d.kind === 'InferenceModel' && named.has((d as InferenceModel).metadata?.name ?? ''),
);
const profiles = docs.filter((d): d is QuantizationProfile => d.kind === 'QuantizationProfile');

// The committed artifact, as the API loads it: the example is a learned policy.
const routerModel = loadDefaultRouterModel();

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
      'reasoning',
      {
        prompt: 'Analyze our churn step by step and compare the two fixes.',
        taskLabel: 'analysis',
      },
      'frontier',
    ],
    [
      'code, by its predicted kind',
      { prompt: 'Write a Python function that merges two sorted lists' },
      'frontier',
    ],
  ])('routes %s to the %s tier from the real files', (_label, request, tier) => {
    const snapshot = buildSnapshot({
      policy: policy ?? {},
      models: models.map(asPublished),
      profiles,
      model: routerModel,
    });
    expect(snapshot?.problems).toEqual([]);
    const decision =
      snapshot && decide(request, snapshot, { random: () => 0, now: () => new Date() });
    expect(decision && !isRouteError(decision) && decision.tier).toBe(tier);
  });

  // Issue 14's "done when": no task label, all three tiers; ticket-classifier only classification.
  it('reaches all three tiers without a task label, and ticket-classifier gets only its kind', () => {
    const snapshot = buildSnapshot({
      policy: policy ?? {},
      models: models.map(asPublished),
      profiles,
      model: routerModel,
    });
    const prompts = [
      'Which category does this ticket belong to: billing, shipping or returns? "My package never arrived"',
      'Write a short poem about autumn leaves',
      'Write a Python function that returns the n-th Fibonacci number using memoization',
      'Solve for x: 3x + 7 = 22',
    ];
    const decisions = prompts.flatMap((prompt, i) =>
      [0, 0.3, 0.6, 0.9].map((pick) => {
        const decision =
          snapshot &&
          decide({ prompt, decisionId: `d-${i}` }, snapshot, {
            random: () => pick,
            now: () => new Date(),
          });
        if (decision === undefined || isRouteError(decision)) throw new Error('not routed');
        return decision;
      }),
    );
    expect(new Set(decisions.map((d) => d.tier))).toEqual(new Set(['small', 'medium', 'frontier']));
    const specialist = decisions.filter((d) => d.model === 'ticket-classifier');
    expect(specialist.length).toBeGreaterThan(0);
    expect(specialist.every((d) => d.taskKind === 'classification')).toBe(true);
    const small = decisions.filter((d) => d.tier === 'small' && d.taskKind !== 'classification');
    expect(small.every((d) => d.model !== 'ticket-classifier')).toBe(true);
  });
});
