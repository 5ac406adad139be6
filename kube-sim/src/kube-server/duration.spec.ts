import { ageOf, humanDuration } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (as kubectl AGE)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [2 * m + 5 * s, '2m5s'],
    [5 * m, '5m'],
    [90 * m, '90m'],
    [3 * h + 20 * m, '3h20m'],
    [20 * h, '20h'],
    [3 * d + 4 * h, '3d4h'],
    [30 * d, '30d'],
    [3 * 365 * d + 10 * d, '3y10d'],
    [9 * 365 * d, '9y'],
  ])('%p ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it('renders timestamps relative to now and leaves other values alone', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(ageOf('2026-01-01T00:00:00Z', now)).toBe('10m');
    expect(ageOf(3, now)).toBe(3);
  });
});
