import { latestHourTier, runFigures } from './crossover-capacity.js';
import { modelHour, USD } from './testing/crossover-builders.js';

describe('runFigures', () => {
  it('adds up the model hours', () => {
    const hours = [
      modelHour(0, { replicas: 2, requestMs: 60_000n }),
      modelHour(1, { minutes: 15 }),
      modelHour(2, { replicas: 0, minutes: 60 }),
    ];
    expect(runFigures(hours)).toEqual({
      gpuCostUsd: (16n * USD) / 10n + (2n * USD) / 10n, // 2 x $0.80 + a quarter of $0.80
      runMs: 3_600_000n + 900_000n,
      replicaMs: 7_200_000n + 900_000n,
      busyMs: 60_000n,
      capacityMs: 4n * (7_200_000n + 900_000n),
      neededReplicas: 1n,
    });
  });

  it('has nothing for a model without hours', () => {
    expect(runFigures([])).toEqual({
      gpuCostUsd: 0n,
      runMs: 0n,
      replicaMs: 0n,
      busyMs: 0n,
      capacityMs: 0n,
      neededReplicas: 0n,
    });
  });

  it.each([
    { requestMs: 0n, needed: 1n, why: 'ran, served nothing: still one' },
    { requestMs: 14_400_000n, needed: 1n, why: 'exactly 4 sequences all hour' },
    { requestMs: 14_400_001n, needed: 2n, why: 'a millisecond more' },
    {
      requestMs: 14_400_000n,
      minutes: 30,
      replicas: 2,
      needed: 1n,
      why: '2 replicas half the hour',
    },
    { requestMs: 36_000_000n, replicas: 3, maxConcurrency: 1, needed: 10n, why: '10 in flight' },
  ])('needs $needed replica(s): $why', ({ needed, why: _why, ...shape }) => {
    expect(runFigures([modelHour(0, shape)]).neededReplicas).toBe(needed);
  });

  it('takes the busiest hour for the replicas needed', () => {
    const hours = [modelHour(0, { requestMs: 30_000_000n }), modelHour(1, { requestMs: 1n })];
    expect(runFigures(hours).neededReplicas).toBe(3n); // 30 000 s over 3600 s x 4 = 2.08 replicas
  });
});

describe('latestHourTier', () => {
  it('reads the latest hour whatever the order, and is empty without hours', () => {
    const hours = [modelHour(3, { tier: 'large' }), modelHour(1, { tier: 'small' })];
    expect(latestHourTier(hours)).toBe('large');
    expect(latestHourTier([])).toBe('');
  });
});
