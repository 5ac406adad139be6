import { crossoverRow, type CrossoverInput } from './crossover.js';
import {
  callerRow,
  hoursRange,
  modelHour,
  USD,
  type Traffic,
} from './testing/crossover-builders.js';

// The hosted reference: gpt-4o-like, $2.50 per 1M input tokens, $10 per 1M output.
const GPT4O = { model: 'ml/gpt-4o', price: { inputPer1M: 2_500_000n, outputPer1M: 10_000_000n } };
const L4 = { gpusPerReplica: 1, gpuHourlyUSD: 800_000n, tier: 'small' };

/** Each running hour: 10 calls of 900 input + 100 output tokens, 30 s each. */
const perHour = { calls: 10n, input: 9_000n, output: 1_000n, requestMs: 300_000n };
const trafficOver = (hours: number): Traffic => ({
  calls: perHour.calls * BigInt(hours),
  input: perHour.input * BigInt(hours),
  output: perHour.output * BigInt(hours),
  tiers: { small: perHour.calls * BigInt(hours) },
});

const input = (
  over: Partial<CrossoverInput> & Pick<CrossoverInput, 'figures'>,
): CrossoverInput => ({
  model: 'ml/l4',
  tier: 'small',
  hours: [],
  latest: L4,
  reference: GPT4O,
  ...over,
});

/** One L4 at $0.80/h running the window's `ranHours` last hours, the traffic above in each. */
function l4Window(ranHours: number) {
  const hours = hoursRange(ranHours, { requestMs: perHour.requestMs, servedTokens: 10_000n });
  return crossoverRow(input({ hours, figures: callerRow(trafficOver(ranHours)) }));
}

describe('crossoverRow', () => {
  // By hand: the L4 costs $0.80 a running hour. The reference on one hour's traffic costs
  // 9000 x $2.50/1M + 1000 x $10/1M = $0.0225 + $0.01 = $0.0325 for 10000 tokens, so it costs
  // $0.80 at 0.80 x 10000 / 0.0325 = 246153.8 tokens an hour -> 246153. At 1000 tokens a call:
  // 246153 x 720 h x 10 calls / 10000 tokens = 177230.16 -> 177230 calls a month.
  it.each([
    [1, '0.8', '0.0325'],
    [5, '4', '0.1625'],
    [24, '19.2', '0.78'],
  ])(
    'breaks even where the hand computation says, whatever the window (%i h)',
    (ranHours, gpuCost, hostedCost) => {
      const row = l4Window(ranHours);
      expect(row.selfHostedHourlyUsd).toBe('0.8');
      expect(row.breakEvenTokensPerHour).toBe(246_153n);
      expect(row.breakEvenQueriesPerMonth).toBe(177_230n);
      expect(row.tokensPerHour).toBe(10_000);
      expect(row.runHours).toBe(ranHours);
      expect(row.replicaHours).toBe(ranHours);
      expect(row.gpuCostUsd).toBe(gpuCost);
      expect(row.hostedCostUsd).toBe(hostedCost);
      expect(row.hostedHourlyUsd).toBe('0.0325');
    },
  );

  it('divides by the time the model ran, not by the window', () => {
    // 24 hours asked for, replicas ready 5 of them: the model hours hold only those 5.
    const ranFive = l4Window(5);
    const halfHours = [0, 1, 2, 3, 4].map((i) =>
      modelHour(i, { minutes: 30, replicas: 2, requestMs: perHour.requestMs }),
    );
    // Two replicas half of each hour cost the same as one for the whole hour.
    const halfTime = crossoverRow(input({ hours: halfHours, figures: callerRow(trafficOver(5)) }));
    expect(halfTime.selfHostedHourlyUsd).toBe('1.6');
    expect(halfTime.runHours).toBe(2.5);
    expect(halfTime.replicaHours).toBe(5);
    expect(halfTime.breakEvenTokensPerHour).toBe(2n * 246_153n + 1n); // 1.6 x 10000 / 0.0325 = 492307.7
    expect(ranFive.selfHostedHourlyUsd).toBe('0.8');
  });

  it('says a model that did not run has no running cost, and keeps its tier', () => {
    const row = crossoverRow(input({ tier: 'medium', figures: callerRow(trafficOver(2)) }));
    expect(row).toMatchObject({
      tier: 'medium',
      selfHostedHourlyUsd: '',
      breakEvenTokensPerHour: 0n,
      breakEvenQueriesPerMonth: 0n,
      runHours: 0,
      replicaHours: 0,
      tokensPerHour: 0,
      gpuCostUsd: '0',
      utilization: 0,
      neededReplicas: 0,
      neededReplicasHourlyUsd: '',
      hostedHourlyUsd: '',
      cheaper: '',
      hostedCostUsd: '0.065',
    });
  });

  it('rounds the hourly cost half up', () => {
    // 1 picodollar over 2 running hours: half a picodollar an hour -> 1.
    const hours = [0, 1].map((i) => ({ ...modelHour(i), costUsd: i === 0 ? 1n : 0n }));
    const row = crossoverRow(input({ hours, figures: callerRow(trafficOver(2)) }));
    expect(row.selfHostedHourlyUsd).toBe('0.000000000001');
    expect(row.gpuCostUsd).toBe('0.000000000001');
  });

  it('shows the caller its own charged cost, and every tenant the same GPU figures', () => {
    const hours = hoursRange(3, { requestMs: perHour.requestMs });
    const teamA = callerRow({ ...trafficOver(1), selfHostedUsd: USD / 50n, idleUsd: 0n });
    const row = crossoverRow(input({ hours, figures: teamA }));
    expect([row.selfHostedCostUsd, row.idleCostUsd, row.gpuCostUsd]).toEqual(['0.02', '0', '2.4']);
    // Team A's 10000 tokens over 3 running hours.
    expect(row.tokensPerHour).toBeCloseTo(10_000 / 3, 12);
    expect(row.selfHostedHourlyUsd).toBe('0.8');
    expect(row.breakEvenTokensPerHour).toBe(246_153n);
  });

  it('measures utilization as request time over the concurrency the replicas could hold', () => {
    // K = 4 x 3.6e6 ms an hour; the first hour asked for twice that (capped), the second a quarter.
    const hours = [
      modelHour(0, { requestMs: 28_800_000n }),
      modelHour(1, { requestMs: 3_600_000n }),
    ];
    const row = crossoverRow(input({ hours, figures: callerRow(trafficOver(2)) }));
    expect(row.utilization).toBe((14_400_000 + 3_600_000) / 28_800_000);
  });
});

describe('crossoverRow, the inverse question', () => {
  it('prices the replicas the busiest hour needed at the latest GPU price', () => {
    // 2 L4s, 4 sequences each: 40 000 s of request time in an hour is 11.1 sequences -> 3 replicas.
    const hours = [
      modelHour(0, { replicas: 2, requestMs: 3_600_000n }),
      modelHour(1, { replicas: 2, requestMs: 40_000_000n }),
    ];
    const row = crossoverRow(
      input({ hours, figures: callerRow(trafficOver(2)), latest: { ...L4, gpusPerReplica: 2 } }),
    );
    expect(row.neededReplicas).toBe(3);
    expect(row.neededReplicasHourlyUsd).toBe('4.8'); // 3 x 2 GPUs x $0.80
    expect(row.hostedHourlyUsd).toBe('0.0325');
    expect(row.cheaper).toBe('hosted');
  });

  it('needs one replica for little traffic, and prefers self-hosting when it costs no more', () => {
    // One running hour; 80000 output tokens at $10/1M: the reference costs $0.80 that hour.
    const hours = [modelHour(0, { requestMs: 1n })];
    const even = callerRow({ calls: 1n, input: 0n, output: 80_000n });
    const row = crossoverRow(input({ hours, figures: even }));
    expect([row.neededReplicas, row.neededReplicasHourlyUsd, row.hostedHourlyUsd]).toEqual([
      1,
      '0.8',
      '0.8',
    ]);
    expect(row.cheaper).toBe('self-hosted');
    const cheaperHosted = crossoverRow(
      input({ hours, figures: callerRow({ calls: 1n, input: 0n, output: 79_999n }) }),
    );
    expect(cheaperHosted.cheaper).toBe('hosted');
  });

  it('cannot price the replicas without a capacity price', () => {
    const hours = hoursRange(1, { requestMs: 1n });
    const row = crossoverRow(
      input({ hours, figures: callerRow(trafficOver(1)), latest: undefined }),
    );
    expect([row.neededReplicas, row.neededReplicasHourlyUsd, row.cheaper]).toEqual([1, '', '']);
  });
});
