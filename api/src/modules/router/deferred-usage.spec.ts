import { jest } from '@jest/globals';
import { UsageReportSchema } from '@sluice/proto';
import { create } from '@bufbuild/protobuf';
import type { PinoLogger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import type { Caller } from '../../grpc/auth/caller.js';
import type { DecisionFinder } from './decision-finder.js';
import { DeferredUsage, UNKNOWN_DECISION_GRACE_MS } from './deferred-usage.js';
import type { RoutedDecision } from './routed-decision.js';
import { RouterMetrics } from './router-metrics.js';
import type { UsageBooker } from './usage-booker.js';

const caller: Caller = { tenantId: 't1', tenantName: 't', tokenId: 'k', scope: {}, admin: false };
const routed = { record: { tags: {} } } as unknown as RoutedDecision;
const usage = create(UsageReportSchema, { decisionId: 'd1', inputTokens: 10, outputTokens: 2 });

/** A held report whose decision the ledger learns about `knownAfterMs` after the first check. */
function setUp(knownAfterMs: number) {
  const start = Date.now();
  const find = jest.fn(() =>
    Promise.resolve(Date.now() - start >= knownAfterMs ? routed : ('unknown' as const)),
  );
  const book = jest.fn(() => Promise.resolve());
  const registry = new Registry();
  const metrics = new RouterMetrics(registry);
  const logger = { warn: jest.fn(), error: jest.fn() } as unknown as PinoLogger;
  const deferred = new DeferredUsage(
    { find } as unknown as DecisionFinder,
    { book } as unknown as UsageBooker,
    metrics,
    logger,
  );
  const refused = async () => (await metrics.lateRefusals.get()).values[0]?.value ?? 0;
  return { deferred, find, book, refused };
}

describe('DeferredUsage', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-28T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it("books a report whose decision reaches the ledger after it (another replica's buffer)", async () => {
    const { deferred, book, refused } = setUp(5_000);
    deferred.onApplicationBootstrap();
    expect(deferred.hold({ caller, usage, receivedAt: new Date() })).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(book).toHaveBeenCalledTimes(1);
    expect(await refused()).toBe(0);
    await deferred.onApplicationShutdown();
  });

  it('refuses it once the grace is over, and only once', async () => {
    const { deferred, find, book, refused } = setUp(Number.POSITIVE_INFINITY);
    deferred.onApplicationBootstrap();
    deferred.hold({ caller, usage, receivedAt: new Date() });
    await jest.advanceTimersByTimeAsync(UNKNOWN_DECISION_GRACE_MS - 2_000);
    expect(await refused()).toBe(0);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await refused()).toBe(1);
    const lookups = find.mock.calls.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(find.mock.calls.length).toBe(lookups);
    expect(book).not.toHaveBeenCalled();
    await deferred.onApplicationShutdown();
  });
});
