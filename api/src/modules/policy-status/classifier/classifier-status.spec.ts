import type { RoutingPolicy } from '@sluice/crds';
import type { Judged } from './acceptance.js';
import { DEFAULT_CALIBRATION } from './calibration-settings.js';
import { planClassifierStatus, type ClassifierStatusInput } from './classifier-status.js';
import { histogramOf } from './score-histogram.js';
import { NO_VERDICTS, type VerdictCounts } from './verdict-counts.js';

type Classifier = NonNullable<NonNullable<RoutingPolicy['spec']>['classifier']>;
type Status = NonNullable<NonNullable<RoutingPolicy['status']>['classifier']>;

const THRESHOLDS = [
  { tier: 'small', minSmallOkPercent: 80 },
  { tier: 'medium', minSmallOkPercent: 40 },
  { tier: 'frontier', minSmallOkPercent: 0 },
];

function policy(classifier: Classifier, status?: Status): RoutingPolicy {
  return {
    apiVersion: 'sluice.dev/v1alpha1',
    kind: 'RoutingPolicy',
    metadata: { name: 'p', namespace: 'default', generation: 1 },
    spec: {
      tiers: [],
      defaultRoute: {},
      classifier,
    },
    ...(status === undefined ? {} : { status: { classifier: status } }),
  } as unknown as RoutingPolicy;
}

const uniform = (n: number) => histogramOf(Array.from({ length: n }, (_, i) => (i + 0.5) / n));

/** Judged pairs, per bucket, of a judge that accepts iff smallOk >= cut. */
function verdicts(
  cut: number,
  perBucket: number,
  kinds: Record<string, Judged> = {},
): VerdictCounts {
  const byBucket = Array.from({ length: 10 }, (_, b) => ({
    judged: perBucket,
    accepted: b / 10 >= cut ? perBucket : 0,
  }));
  return { byBucket, byKind: new Map(Object.entries(kinds)) };
}

const input = (
  p: RoutingPolicy,
  over: Partial<ClassifierStatusInput> = {},
): ClassifierStatusInput => ({
  policy: p,
  scores: uniform(1000),
  verdicts: NO_VERDICTS,
  model: 'router-model-1',
  windowSeconds: 3600,
  settings: DEFAULT_CALIBRATION,
  now: '2026-12-07T14:00:00Z',
  ...over,
});

const learned = (target?: Classifier['target']): Classifier => ({
  type: 'learned',
  thresholds: THRESHOLDS,
  ...(target === undefined ? {} : { target }),
});

/** Runs passes, each reading the status the last one wrote, until the boundary stops. */
function converge(p: RoutingPolicy, over: Partial<ClassifierStatusInput> = {}) {
  const moves: Array<[number, number]> = [];
  let current = p;
  for (let pass = 0; pass < 30; pass += 1) {
    const plan = planClassifierStatus(input(current, over));
    if (plan.move !== undefined) moves.push([plan.move.from, plan.move.to]);
    current = { ...current, status: { classifier: plan.status } } as RoutingPolicy;
  }
  return { moves, status: current.status?.classifier };
}

describe('planClassifierStatus', () => {
  it('writes nothing for the rules classifier', () => {
    expect(planClassifierStatus(input(policy({ type: 'rules' })))).toEqual({
      status: undefined,
      move: undefined,
    });
  });

  it('without a target shows the spec thresholds and the acceptance measured', () => {
    const counts = verdicts(0.6, 3, {
      code: { judged: 4, accepted: 1 },
      '': { judged: 2, accepted: 2 },
    });
    const { status, move } = planClassifierStatus(input(policy(learned()), { verdicts: counts }));
    expect(move).toBeUndefined();
    expect(status).toMatchObject({
      model: 'router-model-1',
      basis: 'spec',
      thresholds: THRESHOLDS,
      updatedAt: '2026-12-07T14:00:00Z',
      acceptanceByKind: [
        { kind: 'code', judged: 4, accepted: 1 },
        { kind: 'unlabelled', judged: 2, accepted: 2 },
      ],
    });
    expect(status?.acceptanceByScore).toHaveLength(10);
    expect(status?.acceptanceByScore?.[6]).toEqual({ fromPercent: 60, judged: 3, accepted: 3 });
  });

  it('keeps updatedAt while the thresholds stay', () => {
    const earlier = {
      basis: 'spec' as const,
      thresholds: THRESHOLDS,
      updatedAt: '2026-12-07T13:00:00Z',
    };
    const { status } = planClassifierStatus(input(policy(learned(), earlier)));
    expect(status?.updatedAt).toBe('2026-12-07T13:00:00Z');
  });

  it('maxFrontierPercent: steps 5 points a pass to the quantile, then stops', () => {
    const { moves, status } = converge(policy(learned({ maxFrontierPercent: 30 })));
    expect(moves).toEqual([
      [40, 35],
      [35, 30],
    ]);
    expect(status).toMatchObject({
      basis: 'maxFrontierPercent',
      thresholds: [
        { tier: 'small', minSmallOkPercent: 80 },
        { tier: 'medium', minSmallOkPercent: 30 },
        { tier: 'frontier', minSmallOkPercent: 0 },
      ],
      message: 'boundary 30: 30th percentile of 1,000 scores in the last hour is 30 (30% below it)',
    });
  });

  it('maxFrontierPercent: a boundary past the entries above carries them up', () => {
    const { moves, status } = converge(policy(learned({ maxFrontierPercent: 90 })));
    expect(moves.at(-1)).toEqual([85, 90]);
    expect(status?.thresholds?.map((t) => t.minSmallOkPercent)).toEqual([91, 90, 0]);
  });

  it('says where it is going while it moves', () => {
    const { status, move } = planClassifierStatus(
      input(policy(learned({ maxFrontierPercent: 10 }))),
    );
    expect(move).toMatchObject({ from: 40, to: 35, basis: 'maxFrontierPercent' });
    expect(move?.note).toMatch(
      /^Moved the classifier boundary from 40 to 35: boundary 35 \(moving to 10/,
    );
    expect(status?.message).toMatch(/^boundary 35 \(moving to 10, at most 5 points a pass\): 10th/);
  });

  it('minQualityPercent: waits for judged pairs, keeping the spec boundary', () => {
    const { status, move } = planClassifierStatus(
      input(policy(learned({ minQualityPercent: 95 })), { verdicts: verdicts(0.6, 1) }),
    );
    expect(move).toBeUndefined();
    expect(status).toMatchObject({
      basis: 'minQualityPercent',
      message: 'boundary 40: waiting for judged shadow pairs, 10 of 20',
      thresholds: THRESHOLDS,
    });
  });

  it('minQualityPercent: moves toward the lowest boundary that meets the target and stops', () => {
    const { moves, status } = converge(policy(learned({ minQualityPercent: 95 })), {
      verdicts: verdicts(0.6, 100),
    });
    expect(moves.map(([, to]) => to)).toEqual([45, 50, 55, 59]);
    expect(status?.thresholds?.[1]?.minSmallOkPercent).toBe(59);
    expect(status?.message).toMatch(
      /^boundary 59: 59 is the lowest whose estimated quality meets 95%/,
    );
  });

  it('says so when the computed boundary is inside the dead band', () => {
    const previous: Status = {
      basis: 'maxFrontierPercent',
      thresholds: [
        { tier: 'small', minSmallOkPercent: 80 },
        { tier: 'medium', minSmallOkPercent: 32 },
        { tier: 'frontier', minSmallOkPercent: 0 },
      ],
    };
    const plan = planClassifierStatus(input(policy(learned({ maxFrontierPercent: 30 }), previous)));
    expect(plan.move).toBeUndefined();
    expect(plan.status?.message).toMatch(
      /^boundary 32 \(computed 30, inside the 2-point dead band\): 30th/,
    );
  });

  it('waits for enough scores', () => {
    const { status, move } = planClassifierStatus(
      input(policy(learned({ maxFrontierPercent: 10 })), { scores: uniform(7) }),
    );
    expect(move).toBeUndefined();
    expect(status?.message).toBe('boundary 40: waiting for scores, 7 of 50 in the last hour');
  });

  it('keeps the boundary in use and its message when scores cannot be read', () => {
    const previous: Status = {
      basis: 'maxFrontierPercent',
      message: 'boundary 33: earlier',
      thresholds: [
        { tier: 'small', minSmallOkPercent: 80 },
        { tier: 'medium', minSmallOkPercent: 33 },
        { tier: 'frontier', minSmallOkPercent: 0 },
      ],
      updatedAt: '2026-12-07T13:00:00Z',
    };
    const plan = planClassifierStatus(
      input(policy(learned({ maxFrontierPercent: 10 }), previous), { scores: undefined }),
    );
    expect(plan.move).toBeUndefined();
    expect(plan.status).toMatchObject({ ...previous, updatedAt: '2026-12-07T13:00:00Z' });
  });

  it('starts again from the spec when the status was computed for other tiers', () => {
    const previous: Status = {
      basis: 'maxFrontierPercent',
      thresholds: [
        { tier: 'cheap', minSmallOkPercent: 12 },
        { tier: 'frontier', minSmallOkPercent: 0 },
      ],
    };
    const plan = planClassifierStatus(input(policy(learned({ maxFrontierPercent: 40 }), previous)));
    expect(plan.move).toBeUndefined();
    expect(plan.status?.thresholds).toEqual(THRESHOLDS);
  });
});
