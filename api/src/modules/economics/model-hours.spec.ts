import type { CapacityPoint } from '../ledger/capacity-cost.js';
import { modelHours } from './model-hours.js';

const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);
const point = (iso: string, readyReplicas: number, extra: Partial<CapacityPoint> = {}) => ({
  observedAt: at(iso),
  readyReplicas,
  gpusPerReplica: 1,
  gpuHourlyUSD: 1_200_000n, // $1.20 an hour
  tier: 'small',
  maxConcurrency: 4,
  ...extra,
});
const PICOS_PER_USD = 1_000_000_000_000n;

describe('modelHours', () => {
  it('clips hours to the window and splits each at capacity changes', () => {
    const points = [point('10:30:00', 2), point('11:15:00', 1, { tier: 'medium' })];
    const hours = modelHours('ns/m', points, { from: at('10:00:00'), to: at('11:30:00') });
    expect(hours.map((h) => h.hour.toISOString())).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
    ]);
    const [ten, eleven] = hours;
    // 10:30-11:00: 2 replicas x 30 min at $1.20 = $1.20.
    expect(ten?.costUsd).toBe(1_200_000_000_000n);
    expect(ten?.replicaMs).toBe(2n * 1_800_000n);
    expect(ten?.capacityMs).toBe(8n * 1_800_000n);
    expect(ten?.runMs).toBe(1_800_000n);
    expect(ten?.tier).toBe('small');
    // 11:00-11:15 two replicas, 11:15-11:30 one: 45 replica-minutes = $0.90.
    expect(eleven?.costUsd).toBe((9n * PICOS_PER_USD) / 10n);
    expect(eleven?.span).toEqual({ from: at('11:00:00'), to: at('11:30:00') });
    expect(eleven?.runMs).toBe(1_800_000n);
    expect(eleven?.tier).toBe('medium');
  });

  it('counts no run time at zero replicas and leaves out hours with nothing', () => {
    const points = [point('10:00:00', 0), point('11:00:00', 1), point('11:06:00', 0)];
    const hours = modelHours('ns/m', points, { from: at('10:00:00'), to: at('12:00:00') });
    expect(hours).toHaveLength(1);
    expect(hours[0]?.runMs).toBe(360_000n);
    expect(hours[0]?.costUsd).toBe((12n * PICOS_PER_USD) / 100n);
  });

  it('takes the CRD default concurrency for points recorded without one', () => {
    const legacy: CapacityPoint = { ...point('10:00:00', 1) };
    delete (legacy as { maxConcurrency?: number }).maxConcurrency;
    const hours = modelHours('ns/m', [legacy], {
      from: at('10:00:00'),
      to: at('10:00:01'),
    });
    expect(hours[0]?.capacityMs).toBe(256n * 1000n);
  });
});
