import {
  initialWatchState,
  recordFailure,
  recordRestart,
  recordSuccess,
  type WatchFailurePolicy,
  type WatchFailureState,
} from './watch-failures.js';

const policy: WatchFailurePolicy = {
  retry: { baseMs: 100, maxMs: 1000 },
  fatalAfterMs: 10_000,
  healthyAfterMs: 5000,
};

/** Fails at each of `times`, restarting right after each retry delay. */
function failAt(start: WatchFailureState, times: number[]) {
  let state = start;
  const decisions: Array<string | number> = [];
  for (const t of times) {
    const d = recordFailure(state, t, policy);
    state = d.state;
    decisions.push(d.action === 'retry' ? d.afterMs : 'fatal');
    if (d.action === 'retry') state = recordRestart(state, t + d.afterMs);
  }
  return { state, decisions };
}

const synced = recordSuccess(initialWatchState);
const everySecond = (n: number): number[] => Array.from({ length: n + 1 }, (_, i) => i * 1000);

describe('watch failure policy', () => {
  it('backs off exponentially up to the cap', () => {
    expect(failAt(synced, [0, 1, 2, 3, 4, 5]).decisions).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it.each([
    ['synced, failing for the whole window', synced, [0, 3000, 6000, 9000, 10_000], 'fatal'],
    ['synced, failing for less than the window', synced, [0, 3000, 6000, 9000, 9999], 1000],
    ['synced, failing every second for 20 s', synced, everySecond(20), 'fatal'],
    ['never synced (no API server at start-up), 20 s', initialWatchState, everySecond(20), 1000],
  ] as const)('%s', (_name, start, times, last) => {
    expect(failAt(start, [...times]).decisions.at(-1)).toBe(last);
  });

  it('a success ends the run of failures', () => {
    const { state } = failAt(synced, [0, 1, 2]);
    expect(failAt(recordSuccess(state), [9000, 12_000]).decisions).toEqual([100, 200]);
  });

  it('a restart that stayed healthy for a while ends the run of failures', () => {
    const { state } = failAt(synced, [0, 1000]);
    // Restarted at 1200; the next error comes 6 s later: a fresh run, not fatal at 10 s.
    expect(failAt(state, [7200, 10_500]).decisions).toEqual([100, 200]);
  });
});
