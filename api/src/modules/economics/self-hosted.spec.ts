import type { AllocatedHour } from './model-hours.js';
import { shareOf, spanOf } from './self-hosted.js';

const hour = (over: Partial<AllocatedHour>): AllocatedHour => ({
  model: 'ml/gpu',
  hour: new Date('2026-11-01T00:00:00Z'),
  span: { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-01T01:00:00Z') },
  costUsd: 0n,
  costMicroMs: 0n,
  replicaMs: 0n,
  capacityMs: 0n,
  runMs: 0n,
  tier: '',
  requestMs: 0n,
  servedTokens: 0n,
  usedUsd: 0n,
  idleUsd: 0n,
  ...over,
});

describe('spanOf', () => {
  it('sums cost and idle, and caps each hour busy time at its capacity (README 6)', () => {
    const span = spanOf(
      [
        hour({ costUsd: 10n, idleUsd: 4n, requestMs: 30n, capacityMs: 100n }),
        hour({ costUsd: 5n, idleUsd: 5n, requestMs: 500n, capacityMs: 100n }),
      ],
      42n,
    );
    expect(span).toEqual({
      costUsd: 15n,
      idleUsd: 9n,
      busyReplicaTime: 130n,
      replicaTime: 200n,
      servedTokens: 42n,
    });
  });
});

describe('shareOf', () => {
  it.each([
    [100n, 1n, 4n, 25n],
    [100n, 1n, 3n, 33n],
    [100n, 2n, 3n, 67n],
    [100n, 5n, 0n, 0n],
  ])('%d x %d / %d = %d', (amount, tokens, served, share) => {
    expect(shareOf(amount, tokens, served)).toBe(share);
  });
});
