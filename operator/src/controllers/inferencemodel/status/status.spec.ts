import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Condition } from '@sluice/crds';
import { mergeConditions, draft } from './conditions.js';
import type { ObservedDeployment } from '../observe/observed.js';
import { computeStatus, type StatusInput } from './status.js';
import { aModel } from '../testing/model-builder.js';

const T0 = '2026-11-27T10:00:00Z';
const T1 = '2026-11-27T11:00:00Z';

function deployment(
  replicas: number,
  readyReplicas: number,
  progressDeadlineExceeded = false,
): ObservedDeployment {
  return { replicas, readyReplicas, progressDeadlineExceeded };
}

function input(extra: Partial<StatusInput> = {}): StatusInput {
  return {
    model: aModel().generation(3).obj(),
    now: T1,
    gpusPerReplica: 2,
    gpuHourlyUSD: '1.20',
    ...extra,
  };
}

function condition(conditions: Condition[] | undefined, type: string) {
  return conditions?.find((c) => c.type === type);
}

describe('mergeConditions', () => {
  const previous: Condition[] = [
    {
      type: 'Ready',
      status: 'True',
      reason: 'ReplicasReady',
      message: 'old',
      lastTransitionTime: T0,
      observedGeneration: 1,
    },
    { type: 'Custom', status: 'True', reason: 'Kept', message: '', lastTransitionTime: T0 },
  ];

  it.each([
    ['keeps lastTransitionTime when the status does not flip', 'True', T0],
    ['moves lastTransitionTime when the status flips', 'False', T1],
  ] as const)('%s', (_name, status, time) => {
    const [ready] = mergeConditions(
      previous,
      [draft('Ready', status, 'Why', 'new message')],
      4,
      T1,
    );
    expect(ready).toEqual({
      type: 'Ready',
      status,
      reason: 'Why',
      message: 'new message',
      observedGeneration: 4,
      lastTransitionTime: time,
    });
  });

  it('stamps a new condition with now and keeps conditions it did not plan', () => {
    const merged = mergeConditions(
      previous,
      [draft('FitsGPU', 'True', 'EstimateFits', 'ok')],
      4,
      T1,
    );
    // apimachinery's SetStatusCondition order: existing conditions keep their place, new ones append.
    expect(merged.map((c) => [c.type, c.lastTransitionTime])).toEqual([
      ['Ready', T0],
      ['Custom', T0],
      ['FitsGPU', T1],
    ]);
  });
});

describe('computeStatus (vllm)', () => {
  it.each<[string, Partial<StatusInput>, [string, string, string, string, string]]>([
    [
      'no Deployment yet',
      {},
      ['Pending', 'False:DeploymentPending', 'True:RollingOut', 'False:AsExpected', '0.00'],
    ],
    [
      'Deployment starting',
      { deployment: deployment(2, 0) },
      ['Deploying', 'False:ReplicasNotReady', 'True:RollingOut', 'False:AsExpected', '0.00'],
    ],
    [
      'one of two ready',
      { deployment: deployment(2, 1) },
      ['Ready', 'True:ReplicasReady', 'True:RollingOut', 'False:AsExpected', '2.40'],
    ],
    [
      'all ready',
      { deployment: deployment(3, 3) },
      ['Ready', 'True:ReplicasReady', 'False:RolloutComplete', 'False:AsExpected', '7.20'],
    ],
    [
      'scaled to zero',
      { deployment: deployment(0, 0) },
      ['Deploying', 'False:ScaledToZero', 'False:RolloutComplete', 'False:AsExpected', '0.00'],
    ],
    [
      'stuck rollout',
      { deployment: deployment(1, 0, true) },
      [
        'Degraded',
        'False:ReplicasNotReady',
        'False:ProgressDeadlineExceeded',
        'True:ProgressDeadlineExceeded',
        '0.00',
      ],
    ],
    [
      'fine-tune failed while serving',
      { deployment: deployment(1, 1), degraded: { reason: 'FineTuneFailed', message: 'x' } },
      ['Degraded', 'True:ReplicasReady', 'False:RolloutComplete', 'True:FineTuneFailed', '2.40'],
    ],
    [
      'fine-tuning before any replica',
      { fineTune: { jobName: 'j', phase: 'Running' } },
      ['FineTuning', 'False:DeploymentPending', 'True:RollingOut', 'False:AsExpected', '0.00'],
    ],
    [
      'blocked, old replica still running',
      {
        deployment: deployment(1, 1),
        blocked: { reason: 'InsufficientGPUMemory', message: 'needs more' },
      },
      [
        'Failed',
        'False:InsufficientGPUMemory',
        'False:InsufficientGPUMemory',
        'False:AsExpected',
        '2.40',
      ],
    ],
  ])('%s', (_name, facts, [phase, ready, progressing, degraded, cost]) => {
    const { status } = computeStatus(input(facts));
    const summary = (type: string) => {
      const c = condition(status.conditions, type);
      return `${c?.status}:${c?.reason}`;
    };
    expect([status.phase, summary('Ready'), summary('Progressing'), summary('Degraded')]).toEqual([
      phase,
      ready,
      progressing,
      degraded,
    ]);
    expect(status.currentHourlyCostUSD).toBe(cost);
  });

  it('sets observedGeneration on the status and every condition', () => {
    const { status } = computeStatus(
      input({ extra: [draft('FitsGPU', 'True', 'EstimateFits', 'ok')] }),
    );
    expect(status.observedGeneration).toBe(3);
    expect(status.conditions?.map((c) => c.observedGeneration)).toEqual([3, 3, 3, 3]);
  });

  it('publishes capacity for economics: replicas, GPUs per replica, the price in effect', () => {
    const { status } = computeStatus(input({ deployment: deployment(3, 2) }));
    expect(status).toMatchObject({
      replicas: 3,
      readyReplicas: 2,
      gpusPerReplica: 2,
      gpuHourlyUSD: '1.20',
      currentHourlyCostUSD: '4.80',
    });
  });

  it('reports unchanged when recomputed from its own output', () => {
    const first = computeStatus(
      input({ deployment: deployment(1, 1), endpoint: 'http://m1.ml.svc:8000/v1' }),
    );
    expect(first.changed).toBe(true);
    const model = { ...aModel().generation(3).obj(), status: first.status };
    const again = computeStatus({
      ...input({ deployment: deployment(1, 1), endpoint: 'http://m1.ml.svc:8000/v1' }),
      model,
      now: '2026-11-28T00:00:00Z',
    });
    expect(again.changed).toBe(false);
    expect(again.status).toEqual(first.status);
  });
});

describe('printer columns', () => {
  const crd = parse(
    readFileSync(
      new URL('../../../../../crds/sluice.dev_inferencemodels.yaml', import.meta.url),
      'utf8',
    ),
  ) as {
    spec: { versions: { additionalPrinterColumns: { name: string; jsonPath: string }[] }[] };
  };
  const columns = Object.fromEntries(
    crd.spec.versions[0]!.additionalPrinterColumns.map((c) => [c.name, c.jsonPath]),
  );

  it('READY, REPLICAS and $/HOUR read fields the status sets', () => {
    expect(columns).toMatchObject({
      READY: '.status.conditions[?(@.type=="Ready")].status',
      REPLICAS: '.status.readyReplicas',
      '$/HOUR': '.status.currentHourlyCostUSD',
      ENDPOINT: '.status.endpoint',
    });
    const { status } = computeStatus(
      input({ deployment: deployment(2, 2), endpoint: 'http://m1.ml.svc:8000/v1' }),
    );
    expect(condition(status.conditions, 'Ready')?.status).toBe('True');
    expect(status.readyReplicas).toBe(2);
    expect(status.currentHourlyCostUSD).toBe('4.80');
    expect(status.endpoint).toBe('http://m1.ml.svc:8000/v1');
  });
});
