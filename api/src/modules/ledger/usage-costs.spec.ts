import type { ModelPrice } from './cost.js';
import type { CacheKind } from './ledger.types.js';
import { formatPicos, parseMicros, parsePicos } from './money.js';
import { usageCosts } from './usage-costs.js';

const external = (input: string, output: string): ModelPrice => ({
  kind: 'token',
  price: { inputPer1M: parseMicros(input), outputPer1M: parseMicros(output) },
});
const selfHosted: ModelPrice = { kind: 'capacity', gpuHourlyUSD: parseMicros('2.10') };
const small = external('0.15', '0.60');
const frontier = external('2.50', '10');

// 1M input + 100k output: small = 0.15 + 0.06 = 0.21; frontier = 2.50 + 1.00 = 3.50.
const usage = (cacheKind: CacheKind) => ({
  inputTokens: 1_000_000,
  cachedInputTokens: 0,
  outputTokens: 100_000,
  cacheKind,
});

/** Exact: '0.21' -> '0.210000000000', as formatPicos writes amounts. */
const pad = (usd: string | null) => (usd === null ? null : formatPicos(parsePicos(usd)));

const show = (costs: ReturnType<typeof usageCosts>) => ({
  pricing: costs.pricing,
  cost: formatPicos(costs.costUsd),
  baseline: costs.baselineCostUsd === null ? null : formatPicos(costs.baselineCostUsd),
  noCache: costs.noCacheCostUsd === null ? null : formatPicos(costs.noCacheCostUsd),
});

describe('usageCosts', () => {
  it.each([
    ['a routed miss', 'none', [small, frontier], ['token', '0.21', '3.5', null]],
    ['a miss on the frontier itself', 'none', [frontier, frontier], ['token', '3.5', '3.5', null]],
    ['an exact hit', 'exact', [small, frontier], ['token', '0', '3.5', '0.21']],
    ['a semantic hit', 'semantic', [frontier, frontier], ['token', '0', '3.5', '3.5']],
    ['a self-hosted miss', 'none', [selfHosted, frontier], ['capacity', '0', '3.5', null]],
    ['a self-hosted hit', 'exact', [selfHosted, frontier], ['capacity', '0', '3.5', null]],
    ['no price yet', 'none', [undefined, frontier], ['unpriced', '0', '3.5', null]],
    ['no baseline', 'none', [small, undefined], ['token', '0.21', null, null]],
    ['a self-hosted baseline', 'none', [small, selfHosted], ['token', '0.21', null, null]],
  ] as const)('prices %s', (_, kind, [route, baseline], [pricing, cost, base, noCache]) => {
    expect(show(usageCosts(usage(kind), route, baseline))).toEqual({
      pricing,
      cost: pad(cost),
      baseline: pad(base),
      noCache: pad(noCache),
    });
  });
});
