import { jest } from '@jest/globals';
import { LastUsed, type LastUsedOptions, type WriteLastUsed } from './last-used.js';

const OPTIONS: LastUsedOptions = { intervalMs: 60_000, flushMs: 3_600_000, maxEntries: 2 };

function tracker(write: jest.Mock<WriteLastUsed>) {
  let now = 1_000_000;
  const errors: unknown[] = [];
  const lastUsed = new LastUsed(
    write,
    (e) => errors.push(e),
    OPTIONS,
    () => now,
  );
  const written = () => write.mock.calls.map(([m]) => [...m].map(([id, at]) => [id, at.getTime()]));
  return { lastUsed, write, errors, written, advance: (ms: number) => (now += ms) };
}

describe('LastUsed', () => {
  afterEach(() => jest.useRealTimers());

  it('writes a token at most once per interval, batched', async () => {
    const t = tracker(jest.fn<WriteLastUsed>().mockResolvedValue(undefined));
    t.lastUsed.touch('a');
    t.lastUsed.touch('a');
    t.lastUsed.touch('b');
    t.advance(59_999);
    t.lastUsed.touch('a');
    await t.lastUsed.flush();
    t.advance(1);
    t.lastUsed.touch('a');
    await t.lastUsed.flush();
    expect(t.written()).toEqual([
      [
        ['a', 1_000_000],
        ['b', 1_000_000],
      ],
      [['a', 1_060_000]],
    ]);
  });

  it('writes nothing when nothing is pending', async () => {
    const t = tracker(jest.fn<WriteLastUsed>().mockResolvedValue(undefined));
    await t.lastUsed.flush();
    expect(t.write).not.toHaveBeenCalled();
  });

  it('reports a failed write instead of throwing, and touch never waits for it', async () => {
    const t = tracker(jest.fn<WriteLastUsed>().mockRejectedValue(new Error('database down')));
    expect(t.lastUsed.touch('a')).toBeUndefined();
    await expect(t.lastUsed.flush()).resolves.toBeUndefined();
    expect(t.errors).toEqual([new Error('database down')]);
  });

  it('forgets the oldest token beyond maxEntries (it is written again on its next use)', async () => {
    const t = tracker(jest.fn<WriteLastUsed>().mockResolvedValue(undefined));
    ['a', 'b', 'c'].forEach((id) => t.lastUsed.touch(id));
    await t.lastUsed.flush();
    t.advance(1);
    ['a', 'c'].forEach((id) => t.lastUsed.touch(id));
    await t.lastUsed.flush();
    expect(t.written()[1]).toEqual([['a', 1_000_001]]);
  });

  it('flushes by itself after flushMs', async () => {
    jest.useFakeTimers();
    const t = tracker(jest.fn<WriteLastUsed>().mockResolvedValue(undefined));
    t.lastUsed.touch('a');
    await jest.advanceTimersByTimeAsync(OPTIONS.flushMs);
    expect(t.written()).toEqual([[['a', 1_000_000]]]);
  });
});
