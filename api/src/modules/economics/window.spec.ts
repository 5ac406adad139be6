import { GrpcStatus } from '../../grpc/sluice-error.js';
import { bucketStart, buckets, validateWindow, type Bucketing } from './window.js';

const d = (iso: string) => new Date(iso);
const W = { from: d('2026-11-04T10:30:00Z'), to: d('2026-12-02T00:00:00Z') };

describe('validateWindow', () => {
  it.each([
    [undefined, d('2026-11-01T00:00:00Z'), 'window.start'],
    [d('2026-11-01T00:00:00Z'), undefined, 'window.end'],
    [d('2026-11-01T00:00:00Z'), d('2026-11-01T00:00:00Z'), 'window.end'],
    [d('2026-11-02T00:00:00Z'), d('2026-11-01T00:00:00Z'), 'window.end'],
    [d('2025-01-01T00:00:00Z'), d('2026-01-03T00:00:00Z'), 'window.end'],
  ])('rejects %s .. %s naming %s', (start, end, field) => {
    let error: unknown;
    try {
      validateWindow(start, end);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, violations: [{ field }] });
  });

  it('accepts exactly 366 days', () => {
    const start = d('2024-01-01T00:00:00Z');
    const end = d('2025-01-01T00:00:00Z');
    expect(validateWindow(start, end)).toEqual({ from: start, to: end });
  });
});

describe('bucketStart', () => {
  it.each<[Bucketing, string, string]>([
    ['none', '2026-11-20T05:06:07Z', '2026-11-04T10:30:00.000Z'],
    ['hour', '2026-11-20T05:06:07Z', '2026-11-20T05:00:00.000Z'],
    ['day', '2026-11-20T05:06:07Z', '2026-11-20T00:00:00.000Z'],
    ['week', '2026-11-20T05:06:07Z', '2026-11-16T00:00:00.000Z'], // a Friday -> Monday 16th
    ['week', '2026-11-16T00:00:00Z', '2026-11-16T00:00:00.000Z'],
    ['week', '2026-11-22T23:59:59Z', '2026-11-16T00:00:00.000Z'], // Sunday
    ['month', '2026-11-20T05:06:07Z', '2026-11-01T00:00:00.000Z'],
  ])('%s bucket of %s starts %s', (bucketing, at, start) => {
    expect(bucketStart(d(at), bucketing, W).toISOString()).toBe(start);
  });
});

describe('buckets', () => {
  it('clips the first and last bucket to the window', () => {
    const months = buckets(W, 'month').map((b) =>
      [b.start, b.span.from, b.span.to].map((x) => x.toISOString()),
    );
    expect(months).toEqual([
      ['2026-11-01T00:00:00.000Z', '2026-11-04T10:30:00.000Z', '2026-12-01T00:00:00.000Z'],
      ['2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'],
    ]);
  });

  it.each<[Bucketing, number]>([
    ['none', 1],
    ['hour', 27 * 24 + 14],
    ['day', 28],
    ['week', 5],
  ])('%s gives %d buckets', (bucketing, count) => {
    expect(buckets(W, bucketing)).toHaveLength(count);
  });
});
