import { FakeClock, flushPromises } from './testing/fake-clock.js';
import { WorkQueue } from './work-queue.js';

const setup = (): { clock: FakeClock; queue: WorkQueue } => {
  const clock = new FakeClock();
  return { clock, queue: new WorkQueue({ clock }) };
};

describe('WorkQueue', () => {
  it('hands keys out in order and deduplicates keys while queued', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    queue.add('ns/b');
    queue.add('ns/a');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('ns/a');
    expect(await queue.get()).toBe('ns/b');
    expect(queue.length).toBe(0);
  });

  it('never hands out a key being processed, and requeues it after done if re-added', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    const key = await queue.get();
    queue.add('ns/a');
    queue.add('ns/a');
    expect(queue.length).toBe(0);
    let second: string | undefined;
    void queue.get().then((k) => (second = k));
    await flushPromises();
    expect(second).toBeUndefined();
    queue.done(key ?? '');
    await flushPromises();
    expect(second).toBe('ns/a');
  });

  it('does not requeue a processed key that was not re-added', async () => {
    const { queue } = setup();
    queue.add('ns/a');
    queue.done((await queue.get()) ?? '');
    expect(queue.length).toBe(0);
  });

  it('wakes a waiting getter when a key is added', async () => {
    const { queue } = setup();
    const next = queue.get();
    queue.add('ns/a');
    await expect(next).resolves.toBe('ns/a');
  });

  it('adds after a delay, keeping the earliest of several delays', async () => {
    const { clock, queue } = setup();
    queue.addAfter('ns/a', 1000);
    queue.addAfter('ns/a', 500);
    queue.addAfter('ns/a', 2000);
    await clock.advance(499);
    expect(queue.length).toBe(0);
    await clock.advance(1);
    expect(queue.length).toBe(1);
    await clock.advance(5000);
    expect(queue.length).toBe(1);
  });

  it('backs off exponentially per key until forgotten', async () => {
    const { clock, queue } = setup();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = clock.now();
      queue.addRateLimited('ns/a');
      while (queue.length === 0) await clock.advance(1);
      delays.push(clock.now() - start);
      queue.done((await queue.get()) ?? '');
    }
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(queue.numRequeues('ns/a')).toBe(4);
    queue.forget('ns/a');
    expect(queue.numRequeues('ns/a')).toBe(0);
  });

  it('on shutDown, wakes getters, drops delayed keys and waits for keys in flight', async () => {
    const { clock, queue } = setup();
    queue.add('ns/a');
    const key = (await queue.get()) ?? '';
    const waiting = queue.get();
    queue.addAfter('ns/b', 100);
    let drained = false;
    const shutdown = queue.shutDown().then(() => (drained = true));
    await expect(waiting).resolves.toBeUndefined();
    expect(clock.timers).toBe(0);
    queue.add('ns/c');
    expect(queue.length).toBe(0);
    await flushPromises();
    expect(drained).toBe(false);
    queue.done(key);
    await shutdown;
    expect(drained).toBe(true);
    await expect(queue.get()).resolves.toBeUndefined();
  });
});
