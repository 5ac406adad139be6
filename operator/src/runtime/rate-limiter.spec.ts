import { FakeClock, flushPromises } from './testing/fake-clock.js';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('releases a burst at once and then one request per 1/qps', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ qps: 10, burst: 3 }, clock);
    const released: number[] = [];
    for (let i = 0; i < 6; i++) void limiter.take().then(() => released.push(clock.now()));
    await flushPromises();
    const start = clock.now();
    expect(released).toEqual([start, start, start]);
    await clock.advance(100);
    expect(released).toHaveLength(4);
    await clock.advance(200);
    expect(released.map((t) => t - start)).toEqual([0, 0, 0, 100, 200, 300]);
  });
});
