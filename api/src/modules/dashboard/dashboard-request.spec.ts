import { Granularity } from '@sluice/proto';
import { SluiceError } from '../../grpc/sluice-error.js';
import { autoGranularity, parseDashboardRequest } from './dashboard-request.js';

const now = new Date('2026-11-02T12:00:00Z');
const HOUR = 3_600_000;

function fieldOf(query: Record<string, unknown>): string | undefined {
  try {
    parseDashboardRequest(query, now);
  } catch (error) {
    return error instanceof SluiceError ? error.violations[0]?.field : 'not a SluiceError';
  }
  return undefined;
}

describe('parseDashboardRequest', () => {
  it('defaults to the last 24 hours by hour, savings by team', () => {
    expect(parseDashboardRequest({}, now)).toEqual({
      start: new Date('2026-11-01T12:00:00Z'),
      end: now,
      granularity: Granularity.HOUR,
      savingsBy: 'tag:team',
      shareIdle: false,
      filters: [],
    });
  });

  it('reads relative and absolute instants, an explicit granularity and grouping', () => {
    const request = parseDashboardRequest(
      { from: '2026-10-01T00:00:00Z', to: '-1d', granularity: 'week', savingsBy: 'model' },
      now,
    );
    expect(request).toEqual({
      start: new Date('2026-10-01T00:00:00Z'),
      end: new Date('2026-11-01T12:00:00Z'),
      granularity: Granularity.WEEK,
      savingsBy: 'model',
      shareIdle: false,
      filters: [],
    });
  });

  it('reads share idle and filters as `sluice economics` does', () => {
    const request = parseDashboardRequest(
      { shareIdle: 'true', filter: ['tag:demo_run=demo-7', 'tier=small,frontier'] },
      now,
    );
    expect([request.shareIdle, request.filters]).toEqual([
      true,
      [
        { dimension: 'tag:demo_run', values: ['demo-7'] },
        { dimension: 'tier', values: ['small', 'frontier'] },
      ],
    ]);
    expect(parseDashboardRequest({ filter: 'model=ml/llama' }, now).filters).toEqual([
      { dimension: 'model', values: ['ml/llama'] },
    ]);
  });

  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2026-11-02' }, 'to'],
    [{ from: '-1h', to: '-2h' }, 'to'],
    [{ from: '-400d' }, 'to'],
    [{ granularity: 'minute' }, 'granularity'],
    [{ savingsBy: 'team' }, 'savingsBy'],
    [{ from: ['-1h', '-2h'] }, 'from'],
    [{ savingsBy: 'tag:team\u0000' }, 'savingsBy'],
    [{ shareIdle: 'yes' }, 'shareIdle'],
    [{ filter: 'tag:team' }, 'filter'],
    [{ filter: 'colour=red' }, 'filter'],
    [{ filter: ['tier=small', { a: 1 }] }, 'filter'],
  ])('refuses %j naming %s', (query, field) => {
    expect(fieldOf(query)).toBe(field);
  });
});

describe('autoGranularity', () => {
  it.each([
    [HOUR, Granularity.HOUR],
    [8 * 24 * HOUR, Granularity.HOUR],
    [9 * 24 * HOUR, Granularity.DAY],
    [200 * 24 * HOUR, Granularity.DAY],
    [366 * 24 * HOUR, Granularity.WEEK],
  ])('%d ms -> %s', (span, granularity) => {
    expect(autoGranularity(span)).toBe(granularity);
  });
});
