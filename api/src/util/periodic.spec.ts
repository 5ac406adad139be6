import { jest } from '@jest/globals';
import { runPeriodically } from './periodic.js';

describe('runPeriodically', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then every interval, until stopped', async () => {
    let runs = 0;
    const periodic = runPeriodically(() => Promise.resolve(void runs++), 1000);
    await periodic.first;
    expect(runs).toBe(1);
    jest.advanceTimersByTime(999);
    expect(runs).toBe(1);
    jest.advanceTimersByTime(2001);
    expect(runs).toBe(4);
    periodic.stop();
    jest.advanceTimersByTime(10_000);
    expect(runs).toBe(4);
  });

  it('does not keep the process alive', () => {
    const setInterval = jest.spyOn(global, 'setInterval');
    const periodic = runPeriodically(() => Promise.resolve(), 1000);
    const timer = setInterval.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    periodic.stop();
    expect(jest.getTimerCount()).toBe(0);
  });
});
