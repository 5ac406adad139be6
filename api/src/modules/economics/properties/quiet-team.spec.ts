import type { CapacityPoint } from '../../ledger/capacity-cost.js';
import { figuresOf } from './queries.js';
import { report } from './report.js';
import type { RawRow, World } from './world.js';

/**
 * Counterexamples the window property "with no new traffic, a later read never changes a team's
 * cost" shrank to, at a person's scale: one L4 ($0.80/h), team a's one call of the hour, then
 * nothing. Each reads the open window 10:00-11:00 twice, as the page does while the hour runs;
 * the team must see the same figure both times (SPEC 4, issue 13 "Why").
 */
const at = (hms: string) => new Date(`2026-11-02T${hms}Z`);
const L4 = 'gpu/l4';

const running = (since: string, over: Partial<CapacityPoint> = {}): CapacityPoint => ({
  observedAt: at(since),
  readyReplicas: 1,
  gpusPerReplica: 1,
  gpuHourlyUSD: 800_000n,
  tier: 'small',
  maxConcurrency: 4,
  ...over,
});

/** Team a's call that finished at `finished`, having taken `latencyMs`, 1 000 output tokens. */
const call = (finished: string, latencyMs: bigint): RawRow => ({
  at: at(finished),
  tenantId: 't1',
  model: L4,
  tier: 'small',
  cacheKind: 'none',
  template: '',
  tags: { team: 'a' },
  policy: '',
  shadow: false,
  failed: false,
  inputTokens: 0n,
  cachedInputTokens: 0n,
  outputTokens: 1000n,
  latencyMs,
  costUsd: 0n,
  baselineCostUsd: null,
  noCacheCostUsd: null,
});

const world = (capacity: CapacityPoint[], rows: RawRow[]): World => ({
  rows,
  prices: new Map([
    [L4, [{ effectiveFrom: at('00:00:00'), price: { kind: 'capacity', gpuHourlyUSD: 800_000n } }]],
  ]),
  capacity: new Map([[L4, capacity]]),
});

/** Team a's cost as its own tenant reads it at `now`, share_idle off. */
const teamCost = (ledger: World, now: string) =>
  figuresOf(
    report(ledger, {
      window: { from: at('10:00:00'), to: at('11:00:00') },
      now: at(now),
      who: { tenantId: 't1', scope: {} },
      bucketing: 'none',
      groupBy: ['tag:team'],
      shareIdle: false,
    }).total,
  ).total;

describe("a team's cost once it stopped calling, while its hour is still running", () => {
  it.each([
    [
      'the GPU price changes after its call (10:30, $2.40/h)',
      world(
        [running('09:00:00'), running('10:30:00', { gpuHourlyUSD: 2_400_000n })],
        [call('10:10:00', 60_000n)],
      ),
      ['10:20:00', '10:40:00'],
    ],
    [
      'its call took longer than the hour has run so far (maxNumSeqs 1)',
      world([running('09:00:00', { maxConcurrency: 1 })], [call('10:00:30', 120_000n)]),
      ['10:00:31', '10:03:00'],
    ],
    [
      'the first ready replica of the hour is recorded after its call',
      world(
        [running('09:00:00', { readyReplicas: 0 }), running('10:20:00')],
        [call('10:05:00', 60_000n)],
      ),
      ['10:10:00', '10:30:00'],
    ],
  ])('%s', (_case, ledger, [first, later]) => {
    expect(teamCost(ledger, later!)).toBe(teamCost(ledger, first!));
  });
});
