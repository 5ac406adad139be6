import { EventCorrelator } from './event-correlator.js';

const timings = { finishMs: 6 * 60_000, refreshMs: 30 * 60_000 };
let names = 0;
const place = () => ({ name: `e${names++}`, namespace: 'ns' });

describe('EventCorrelator (client-go tools/events series)', () => {
  it('creates on the first occurrence, writes count 2 on the first repeat, then only counts', () => {
    const c = new EventCorrelator(timings);
    const kinds = [0, 1000, 2000, 3000].map((t) => c.observe('k', t, place).kind);
    expect(kinds).toEqual(['create', 'series', 'counted', 'counted']);
  });

  it('names the series after the Event it created', () => {
    const c = new EventCorrelator(timings);
    const first = c.observe('k', 0, place);
    const second = c.observe('k', 1, place);
    if (first.kind !== 'create' || second.kind !== 'series') throw new Error('unexpected');
    expect(second.entry).toMatchObject({ name: first.entry.name, count: 2, lastObserved: 1 });
  });

  it('keeps different keys apart', () => {
    const c = new EventCorrelator(timings);
    expect([c.observe('a', 0, place).kind, c.observe('b', 0, place).kind]).toEqual([
      'create',
      'create',
    ]);
  });

  it('starts a new Event when the repeat comes after the series finished', () => {
    const c = new EventCorrelator(timings);
    c.observe('k', 0, place);
    expect(c.observe('k', timings.finishMs, place).kind).toBe('create');
  });

  it('writes an unwritten count after the refresh period, not before', () => {
    const c = new EventCorrelator(timings);
    // Count 2 is written at minute 1; a repeat every minute keeps the series open.
    for (let t = 0; t < 30; t++) c.observe('k', t * 60_000, place);
    expect(c.due(30 * 60_000)).toEqual([]);
    const [due] = c.due(31 * 60_000);
    expect(due).toMatchObject({ count: 30, lastObserved: 29 * 60_000 });
    expect(c.due(31 * 60_000)).toEqual([]);
  });

  it('writes the last count of a finished series once and forgets it', () => {
    const c = new EventCorrelator(timings);
    [0, 1, 2].forEach((t) => c.observe('k', t, place));
    expect(c.due(timings.finishMs + 2).map((e) => e.count)).toEqual([3]);
    expect(c.size).toBe(0);
  });

  it('forgets a finished series with nothing unwritten without a write', () => {
    const c = new EventCorrelator(timings);
    c.observe('k', 0, place);
    expect(c.due(timings.finishMs)).toEqual([]);
    expect(c.size).toBe(0);
  });

  it('hands out every unwritten count when asked for all', () => {
    const c = new EventCorrelator(timings);
    [0, 1, 2].forEach((t) => c.observe('k', t, place));
    c.observe('other', 3, place);
    expect(c.due(4, true).map((e) => e.count)).toEqual([3]);
  });

  it('creates again after forget (a create that was dropped)', () => {
    const c = new EventCorrelator(timings);
    c.observe('k', 0, place);
    c.forget('k');
    expect(c.observe('k', 1, place).kind).toBe('create');
  });

  it('keeps at most maxKeys series, forgetting the oldest', () => {
    const c = new EventCorrelator(timings, 2);
    ['a', 'b', 'c'].forEach((k) => c.observe(k, 0, place));
    expect(c.size).toBe(2);
    expect(c.observe('a', 1, place).kind).toBe('create');
  });
});
