import { capacityCost, knownUntil, type CapacityPoint } from './capacity-cost.js';
import { formatPicos, parseMicros, parsePicos } from './money.js';

const at = (hhmm: string) => new Date(`2026-11-01T${hhmm}:00Z`);
const point = (hhmm: string, replicas: number, gpus: number, hourly: string): CapacityPoint => ({
  observedAt: at(hhmm),
  readyReplicas: replicas,
  gpusPerReplica: gpus,
  gpuHourlyUSD: parseMicros(hourly),
});

// 00:00 2 replicas x 1 GPU x $2 = $4/h; 01:00 scaled to 3 = $6/h; 02:30 to zero; 03:00 price $3,
// 1 replica x 2 GPUs = $6/h.
const history = [
  point('01:00', 3, 1, '2'),
  point('00:00', 2, 1, '2'),
  point('03:00', 1, 2, '3'),
  point('02:30', 0, 1, '2'),
];

describe('capacityCost', () => {
  it.each([
    ['an empty window', '00:30', '00:30', '0'],
    ['the first hour', '00:00', '01:00', '4'],
    ['half an hour at $4/h', '00:15', '00:45', '2'],
    ['across the scale-up', '00:30', '01:30', '5'], // 0.5 x 4 + 0.5 x 6
    ['a window with the scale-to-zero', '00:00', '03:00', '13'], // 4 + 1.5 x 6 + 0
    ['only the idle half hour', '02:30', '03:00', '0'],
    ['past the last point, which holds', '03:00', '05:00', '12'],
    ['before anything was observed', '2026-10-31T00:00', '00:00', '0'],
    ['one minute at $4/h', '00:00', '00:01', '0.066666666667'], // 4/60, rounded half up
  ])('costs %s', (_, from, to, expected) => {
    const window = { from: from.includes('T') ? new Date(`${from}:00Z`) : at(from), to: at(to) };
    expect(formatPicos(capacityCost(history, window))).toBe(formatPicos(parsePicos(expected)));
  });

  it('costs nothing without points', () => {
    expect(capacityCost([], { from: at('00:00'), to: at('05:00') })).toBe(0n);
  });

  it('charges one millisecond of the smallest price to the nearest picodollar', () => {
    // 1e-6 USD/h for 1 ms = 1e-6 / 3.6e6 USD = 0.28 picodollars -> 0.
    const one = [point('00:00', 1, 1, '0.000001')];
    const window = { from: at('00:00'), to: new Date(at('00:00').getTime() + 1) };
    expect(capacityCost(one, window)).toBe(0n);
    expect(capacityCost(one, { from: at('00:00'), to: at('01:00') })).toBe(1_000_000n);
  });
});

describe('knownUntil', () => {
  const window = { from: at('03:00'), to: at('06:00') };

  it('charges a window reaching into the future only up to now', () => {
    // $6/h from 03:00; "now" is 04:30: 1.5 h, not the 3 h the window spans.
    expect(formatPicos(capacityCost(knownUntil(history, at('04:30')), window))).toBe(
      formatPicos(parsePicos('9')),
    );
  });

  it('leaves a window that ended before now as it was', () => {
    expect(capacityCost(knownUntil(history, at('07:00')), window)).toBe(
      capacityCost(history, window),
    );
  });

  it('drops points after now and adds nothing to an empty history', () => {
    expect(knownUntil(history, at('02:00')).map((p) => [p.observedAt, p.readyReplicas])).toEqual([
      [at('00:00'), 2],
      [at('01:00'), 3],
      [at('02:00'), 0],
    ]);
    expect(knownUntil([], at('02:00'))).toEqual([]);
  });
});
