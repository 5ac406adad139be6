import {
  desiredReplicas,
  parseRateQuery,
  rateOf,
  sampleSum,
  type ScaleInput,
  type TriggerValue,
} from './keda-scale.js';

const NOW = 1_000_000;
const idle: TriggerValue = { value: 0, threshold: 4, activationThreshold: 0 };
const demand = (value: number): TriggerValue => ({
  value,
  threshold: 1_000_000,
  activationThreshold: 0,
});
const input = (over: Partial<ScaleInput>): ScaleInput => ({
  current: 1,
  minReplicas: 0,
  maxReplicas: 3,
  cooldownSeconds: 60,
  triggers: [idle],
  lastActiveMs: NOW,
  nowMs: NOW,
  ...over,
});

describe('desiredReplicas (local KEDA)', () => {
  it.each<[string, Partial<ScaleInput>, number]>([
    ['wakes a model at zero on any demand', { current: 0, triggers: [idle, demand(0.01)] }, 1],
    ['keeps it at zero without demand', { current: 0, lastActiveMs: 0 }, 0],
    ['keeps it up within the cooldown', { lastActiveMs: NOW - 59_000 }, 1],
    ['scales it to zero after the cooldown', { lastActiveMs: NOW - 60_000 }, 0],
    ['keeps minReplicaCount after the cooldown', { minReplicas: 2, lastActiveMs: 0 }, 2],
    ['brings a model below its minimum up to it', { current: 0, minReplicas: 1 }, 1],
    [
      'asks ceil(value / threshold) of the busiest trigger',
      { triggers: [{ ...idle, value: 9 }, demand(5)] },
      3,
    ],
    ['never more than maxReplicaCount', { triggers: [{ ...idle, value: 100 }] }, 3],
    [
      'is not active at its activation threshold',
      { current: 0, triggers: [{ ...demand(0.5), activationThreshold: 0.5 }] },
      0,
    ],
  ])('%s', (_label, over, replicas) => {
    expect(desiredReplicas(input(over)).replicas).toBe(replicas);
  });

  it('restarts the cooldown whenever a trigger is active', () => {
    const active = desiredReplicas(input({ triggers: [demand(1)], lastActiveMs: 0 }));
    expect(active.lastActiveMs).toBe(NOW);
    expect(desiredReplicas(input({ lastActiveMs: 0 })).lastActiveMs).toBe(0);
  });
});

describe('parseRateQuery', () => {
  it('reads the operator demand trigger query', () => {
    const query =
      'sum(rate(sluice_model_demand_total{model_namespace="ml",model="m1"}[2m])) or vector(0)';
    expect(parseRateQuery(query)).toEqual({
      metric: 'sluice_model_demand_total',
      labels: { model_namespace: 'ml', model: 'm1' },
      windowSeconds: 120,
    });
  });

  it.each([
    'sum(vllm:num_requests_waiting{namespace="ml",service="m1"}) or vector(0)',
    'rate(x{a="b"}[1m])',
    '',
  ])('answers nothing else: %s', (query) => {
    expect(parseRateQuery(query)).toBeUndefined();
  });
});

describe('sampleSum', () => {
  const text = [
    '# TYPE sluice_model_demand_total counter',
    'sluice_model_demand_total{model_namespace="ml",model="m1"} 3',
    'sluice_model_demand_total{model_namespace="ml",model="m2"} 5',
    'sluice_model_demand_total{model_namespace="other",model="m1"} 7',
  ].join('\n');
  const query = (labels: Record<string, string>) => ({
    metric: 'sluice_model_demand_total',
    labels,
    windowSeconds: 120,
  });

  it.each<[Record<string, string>, number | undefined]>([
    [{ model_namespace: 'ml', model: 'm1' }, 3],
    [{ model: 'm1' }, 10],
    [{ model: 'absent' }, undefined],
  ])('sums the series matching %j', (labels, sum) => {
    expect(sampleSum(text, query(labels))).toBe(sum);
  });
});

describe('rateOf', () => {
  it.each<[string, { atMs: number; value: number }[], number]>([
    ['one sample', [{ atMs: NOW, value: 5 }], 0],
    [
      'an increase over the window',
      [
        { atMs: NOW - 10_000, value: 0 },
        { atMs: NOW, value: 2 },
      ],
      0.2,
    ],
    [
      'samples older than the window left out',
      [
        { atMs: NOW - 200_000, value: 0 },
        { atMs: NOW - 10_000, value: 4 },
        { atMs: NOW, value: 4 },
      ],
      0,
    ],
    [
      'a counter that restarted counted from 0',
      [
        { atMs: NOW - 10_000, value: 5 },
        { atMs: NOW, value: 1 },
      ],
      0.1,
    ],
  ])('%s', (_label, samples, rate) => {
    expect(rateOf(samples, 120, NOW)).toBeCloseTo(rate);
  });
});
