import { FakeClock } from '../runtime/testing/fake-clock.js';
import { CapabilityDetector, type CapabilitySet, type DiscoveryFetch } from './capabilities.js';

/** Discovery of a cluster whose served group-versions the test changes. */
function cluster(served: Record<string, string[]>): { fetch: DiscoveryFetch; calls: string[] } {
  const calls: string[] = [];
  const fetch: DiscoveryFetch = (group, version) => {
    const gv = `${group}/${version}`;
    calls.push(gv);
    const answer = served[gv];
    if (answer?.[0] === 'error') return Promise.reject(new Error('connection refused'));
    return Promise.resolve(answer);
  };
  return { fetch, calls };
}

const KEDA = 'keda.sh/v1alpha1';
const MONITORING = 'monitoring.coreos.com/v1';

describe('CapabilityDetector.refresh', () => {
  it.each<[string, Record<string, string[]>, CapabilitySet]>([
    ['nothing installed', {}, { keda: false, serviceMonitor: false }],
    ['KEDA', { [KEDA]: ['scaledobjects', 'scaledjobs'] }, { keda: true, serviceMonitor: false }],
    [
      'the Prometheus Operator',
      { [MONITORING]: ['servicemonitors', 'podmonitors'] },
      { keda: false, serviceMonitor: true },
    ],
    [
      'a group-version without the resource',
      { [KEDA]: ['scaledjobs'], [MONITORING]: ['podmonitors'] },
      { keda: false, serviceMonitor: false },
    ],
    [
      'both',
      { [KEDA]: ['scaledobjects'], [MONITORING]: ['servicemonitors'] },
      { keda: true, serviceMonitor: true },
    ],
  ])('%s', async (_name, served, expected) => {
    const detector = new CapabilityDetector({ fetch: cluster(served).fetch });
    expect(detector.hasSynced()).toBe(false);
    await detector.refresh();
    expect(detector.current()).toEqual(expected);
    expect(detector.hasSynced()).toBe(true);
  });

  it('keeps the last answer when discovery fails, and is not synced before an answer', async () => {
    const served: Record<string, string[]> = { [KEDA]: ['error'] };
    const detector = new CapabilityDetector({ fetch: cluster(served).fetch });
    await detector.refresh();
    expect(detector.hasSynced()).toBe(false);
    served[KEDA] = ['scaledobjects'];
    await detector.refresh();
    expect(detector.current().keda).toBe(true);
    served[KEDA] = ['error'];
    expect(await detector.refresh()).toBe(false);
    expect(detector.current().keda).toBe(true);
  });

  it('tells its handlers only about changes, with the set before', async () => {
    const served: Record<string, string[]> = {};
    const detector = new CapabilityDetector({ fetch: cluster(served).fetch });
    const seen: Array<[CapabilitySet, CapabilitySet]> = [];
    detector.onChange((now, before) => seen.push([now, before]));
    expect(await detector.refresh()).toBe(false);
    served[KEDA] = ['scaledobjects'];
    expect(await detector.refresh()).toBe(true);
    expect(await detector.refresh()).toBe(false);
    delete served[KEDA];
    expect(await detector.refresh()).toBe(true);
    expect(seen).toEqual([
      [
        { keda: true, serviceMonitor: false },
        { keda: false, serviceMonitor: false },
      ],
      [
        { keda: false, serviceMonitor: false },
        { keda: true, serviceMonitor: false },
      ],
    ]);
  });
});

describe('CapabilityDetector.start', () => {
  it('detects at once, then every interval, so an API installed later is found', async () => {
    const clock = new FakeClock();
    const served: Record<string, string[]> = {};
    const { fetch, calls } = cluster(served);
    const detector = new CapabilityDetector({ fetch, clock, intervalMs: 60_000 });
    detector.start();
    await clock.advance(0);
    expect(calls).toEqual([KEDA, MONITORING]);
    served[MONITORING] = ['servicemonitors'];
    await clock.advance(59_000);
    expect(detector.current().serviceMonitor).toBe(false);
    await clock.advance(1_000);
    expect(detector.current().serviceMonitor).toBe(true);
    expect(calls).toHaveLength(4);
    await detector.stop();
    await clock.advance(600_000);
    expect(calls).toHaveLength(4);
    expect(clock.timers).toBe(0);
  });
});
