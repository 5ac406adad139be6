import type { CapacityPoint } from '../ledger/capacity-cost.js';
import { latestCapacity } from './latest-capacity.js';

const point = (iso: string, readyReplicas: number, gpuHourlyUSD: bigint): CapacityPoint => ({
  observedAt: new Date(`2026-03-01T${iso}Z`),
  readyReplicas,
  gpusPerReplica: 2,
  gpuHourlyUSD,
  tier: gpuHourlyUSD > 800_000n ? 'large' : 'small',
});

describe('latestCapacity', () => {
  const points = [point('12:00:00', 0, 900_000n), point('10:00:00', 1, 800_000n)];

  it.each([
    ['11:00:00', 800_000n, 'small'],
    ['12:00:00', 800_000n, 'small'], // the window's end is excluded
    ['12:00:01', 900_000n, 'large'], // scaled to zero, still priced and tiered
  ])('before %s is the point at $%s micro', (iso, price, tier) => {
    expect(latestCapacity(points, new Date(`2026-03-01T${iso}Z`))).toEqual({
      gpusPerReplica: 2,
      gpuHourlyUSD: price,
      tier,
    });
  });

  it('has no tier for a point recorded before tiers were', () => {
    const legacy: CapacityPoint = { ...point('10:00:00', 1, 800_000n) };
    delete (legacy as { tier?: string }).tier;
    expect(latestCapacity([legacy], new Date('2026-03-01T11:00:00Z'))?.tier).toBe('');
  });

  it('is unknown before the first point', () => {
    expect(latestCapacity(points, new Date('2026-03-01T10:00:00Z'))).toBeUndefined();
  });
});
