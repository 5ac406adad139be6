import { parseFilters, parseGroupBy, parseInstant, parseWindow } from './economics-window.js';

const now = new Date('2026-11-02T12:00:00Z');

describe('parseInstant', () => {
  it.each([
    ['now', '2026-11-02T12:00:00.000Z'],
    ['-30m', '2026-11-02T11:30:00.000Z'],
    ['-24h', '2026-11-01T12:00:00.000Z'],
    ['-7d', '2026-10-26T12:00:00.000Z'],
    ['-1w', '2026-10-26T12:00:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T02:00:00+02:00', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00.250Z', '2026-11-01T00:00:00.250Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseInstant(text, now).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '2026-11-01', '24h', '-3y', '2026-13-01T00:00:00Z', 'Nov 1 2026 10:00Z'])(
    '%s is refused',
    (text) => {
      expect(() => parseInstant(text, now)).toThrow(text);
    },
  );
});

describe('window, group-by and filters', () => {
  it('reads the window relative to the same now', () => {
    const window = parseWindow('-24h', 'now', now);
    expect(window.end.getTime() - window.start.getTime()).toBe(86_400_000);
  });

  it.each([
    ['', []],
    ['model', ['model']],
    ['model, tier ,tag:team', ['model', 'tier', 'tag:team']],
    ['model,,tier', ['model', 'tier']],
  ])('group-by %j', (text, expected) => {
    expect(parseGroupBy(text)).toEqual(expected);
  });

  it('reads one filter per flag, values split on commas', () => {
    expect(parseFilters(['tag:team=search,support', 'tier=small'])).toEqual([
      { dimension: 'tag:team', values: ['search', 'support'] },
      { dimension: 'tier', values: ['small'] },
    ]);
    expect(() => parseFilters(['tag:team'])).toThrow('dimension=value');
  });
});
