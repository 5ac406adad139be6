import type { RoutingPolicyStatus } from '@sluice/crds';

export type Distribution = NonNullable<RoutingPolicyStatus['distribution']>;

/** One policy's route_decisions over the window: routed queries per tier, and cache answers. */
export interface DecisionCounts {
  readonly tiers: ReadonlyMap<string, number>;
  readonly cacheHits: number;
}

export const NO_DECISIONS: DecisionCounts = { tiers: new Map(), cacheHits: 0 };

/**
 * Whole-percent shares that sum to exactly 100 (largest remainder, Hamilton's method): each tier
 * gets the floor of its exact share, and the points left go one each to the largest remainders,
 * ties to the tier listed first. No routed query at all: every share is 0.
 */
export function wholePercentShares(requests: readonly number[]): number[] {
  const total = requests.reduce((sum, n) => sum + n, 0);
  if (total === 0) return requests.map(() => 0);
  const exact = requests.map((n) => (n * 100) / total);
  const shares = exact.map(Math.floor);
  let left = 100 - shares.reduce((sum, n) => sum + n, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

export interface DistributionInput {
  /** The policy's tier names in spec order. */
  readonly policyTiers: readonly string[];
  readonly counts: DecisionCounts;
  readonly windowSeconds: number;
  readonly previous: Distribution | undefined;
  /** RFC 3339. */
  readonly now: string;
}

/**
 * The distribution to publish: the policy's tiers in spec order (with 0 when none was routed
 * there), then tiers the window still holds decisions for but the spec no longer names, by name.
 * `updatedAt` is kept from `previous` when the figures are the same, so an idle policy is not
 * rewritten every tick.
 */
export function planDistribution(input: DistributionInput): Distribution {
  const { policyTiers, counts, windowSeconds, previous, now } = input;
  const gone = [...counts.tiers.keys()].filter((t) => !policyTiers.includes(t)).sort();
  const names = [...policyTiers, ...gone];
  const requests = names.map((name) => counts.tiers.get(name) ?? 0);
  const shares = wholePercentShares(requests);
  const tiers = names.map((name, i) => ({
    name,
    requests: requests[i] ?? 0,
    sharePercent: shares[i] ?? 0,
  }));
  const figures = { windowSeconds, cacheHits: counts.cacheHits, tiers };
  const same = previous !== undefined && sameFigures(previous, figures);
  return { ...figures, updatedAt: same ? (previous.updatedAt ?? now) : now };
}

function sameFigures(previous: Distribution, next: Omit<Distribution, 'updatedAt'>): boolean {
  return JSON.stringify(canonical(previous)) === JSON.stringify(canonical(next));
}

/** updatedAt left out and key order fixed, so a status read back from the server compares equal to one built here. */
function canonical(d: Omit<Distribution, 'updatedAt'>): unknown {
  const tiers = (d.tiers ?? []).map((t) => [t.name, t.requests ?? 0, t.sharePercent ?? 0]);
  return [d.windowSeconds, d.cacheHits ?? 0, tiers];
}
