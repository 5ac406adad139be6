import { parseFilters, parseGroupBy, parseWindow } from './economics-window.js';

const now = new Date('2026-11-02T12:00:00Z');

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
