import { parseInstant } from './instant.js';

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
