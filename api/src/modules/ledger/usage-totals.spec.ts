import { ceilHour, floorHour, toUsageTotals, wholeHours } from './usage-totals.js';

const t = (hhmm: string) => new Date(`2026-11-01T${hhmm}Z`);
const iso = (window: { from: Date; to: Date }) => [
  window.from.toISOString(),
  window.to.toISOString(),
];

describe('hour boundaries', () => {
  it.each([
    ['10:00:00', '10:00:00', '10:00:00'],
    ['10:00:00.001', '10:00:00', '11:00:00'],
    ['10:59:59.999', '10:00:00', '11:00:00'],
  ])('%s floors to %s and ceils to %s', (at, floor, ceil) => {
    expect(floorHour(t(at))).toEqual(t(floor));
    expect(ceilHour(t(at))).toEqual(t(ceil));
  });

  it.each<[string, [string, string], [string, string]]>([
    ['aligned', ['09:00:00', '13:00:00'], ['09:00:00', '13:00:00']],
    ['ragged edges', ['09:30:00', '12:10:00'], ['10:00:00', '12:00:00']],
    ['inside one hour', ['10:10:00', '10:50:00'], ['11:00:00', '11:00:00']],
    ['across one boundary only', ['10:10:00', '11:50:00'], ['11:00:00', '11:00:00']],
    ['empty', ['10:00:00', '10:00:00'], ['10:00:00', '10:00:00']],
  ])('finds the whole hours of a window (%s)', (_, [from, to], [wholeFrom, wholeTo]) => {
    expect(iso(wholeHours(t(from), t(to)))).toEqual(iso({ from: t(wholeFrom), to: t(wholeTo) }));
  });
});

describe('toUsageTotals', () => {
  it('parses sums exactly, beyond 2^53 and to the picodollar', () => {
    const totals = toUsageTotals({
      model_namespace: 'ml',
      model_name: 'small',
      tier: 'small',
      cache_kind: 'exact',
      template: '',
      requests: '9007199254740993',
      failed_requests: '1',
      input_tokens: '18014398509481985',
      cached_input_tokens: '0',
      output_tokens: '7',
      latency_ms_sum: '120',
      cost_usd: '123456789.000000000001',
      baseline_cost_usd: '0',
      baseline_requests: '0',
      no_cache_cost_usd: '0.210000000000',
    });
    expect(totals).toMatchObject({
      model: { namespace: 'ml', name: 'small' },
      cacheKind: 'exact',
      requests: 9007199254740993n,
      inputTokens: 18014398509481985n,
      costUsd: 123_456_789_000_000_000_001n,
      baselineCostUsd: 0n,
      noCacheCostUsd: 210_000_000_000n,
    });
  });
});
