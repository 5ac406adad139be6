import type { CapacityPoint } from '../ledger/capacity-cost.js';
import { latestCapacity } from './latest-capacity.js';

const point = (iso: string, readyReplicas: number, gpuHourlyUSD: bigint): CapacityPoint => ({
  observedAt: new Date(`2026-03-01T${iso}Z`),
  readyReplicas,
  gpusPerReplica: 2,
  gpuHourlyUSD,
});

describe('latestCapacity', () => {
  const points = [point('12:00:00', 0, 900_000n), point('10:00:00', 1, 800_000n)];

  it.each([
    ['11:00:00', 800_000n],
    ['12:00:00', 800_000n], // the window's end is excluded
    ['12:00:01', 900_000n], // scaled to zero, still priced
  ])('before %s is the point at $%s micro', (iso, price) => {
    expect(latestCapacity(points, new Date(`2026-03-01T${iso}Z`))).toEqual({
      gpusPerReplica: 2,
      gpuHourlyUSD: price,
    });
  });

  it('is unknown before the first point', () => {
    expect(latestCapacity(points, new Date('2026-03-01T10:00:00Z'))).toBeUndefined();
  });
});
