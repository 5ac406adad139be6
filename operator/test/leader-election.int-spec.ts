import { CoordinationV1Api } from '@kubernetes/client-node';
import { LeaderElector } from '../src/runtime/leader-election.js';
import { microTime } from '../src/runtime/micro-time.js';
import { eventually, startTestCluster, uniqueName, type TestCluster } from './support/cluster.js';

/** client-node types MicroTime as Date but passes a string through: the wire's six digits. */
const wireTime = (ms: number): Date => microTime(ms) as unknown as Date;

let cluster: TestCluster;
let client: CoordinationV1Api;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.kubeConfig.makeApiClient(CoordinationV1Api);
});
afterAll(() => cluster.close());

const timings = { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 200 };

function candidate(name: string, identity: string) {
  const elector = new LeaderElector({ client, namespace: 'default', name, identity, ...timings });
  const events: string[] = [];
  elector.start({
    onStartedLeading: () => events.push('started'),
    onStoppedLeading: () => events.push('stopped'),
  });
  return { elector, events };
}

const holder = async (name: string): Promise<string | undefined> =>
  (await client.readNamespacedLease({ name, namespace: 'default' })).spec?.holderIdentity;

describe('LeaderElector against the Kubernetes-API test server', () => {
  it('elects exactly one of two candidates, and the other takes over on release', async () => {
    const name = uniqueName('lease');
    const a = candidate(name, 'a');
    const b = candidate(name, 'b');
    await eventually(() => a.elector.isLeader || b.elector.isLeader);
    await new Promise((resolve) => setTimeout(resolve, 600)); // a few renew rounds
    expect([a.elector.isLeader, b.elector.isLeader].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.elector.isLeader ? [a, b] : [b, a];
    expect(await holder(name)).toBe(leader.elector.identity);

    const stoppedAt = Date.now();
    await leader.elector.stop();
    await eventually(() => follower.elector.isLeader, timings.leaseDurationMs);
    expect(Date.now() - stoppedAt).toBeLessThan(timings.leaseDurationMs);
    expect(await holder(name)).toBe(follower.elector.identity);
    expect(leader.events).toEqual(['started']);
    expect(follower.events).toEqual(['started']);
    await follower.elector.stop();
    expect(await holder(name)).toBe('');
  });

  it('takes over an expired lease left by a crashed leader', async () => {
    const name = uniqueName('lease');
    const now = Date.now();
    await client.createNamespacedLease({
      namespace: 'default',
      body: {
        metadata: { name, namespace: 'default' },
        spec: { holderIdentity: 'crashed', leaseDurationSeconds: 1, renewTime: wireTime(now) },
      },
    });
    const c = candidate(name, 'c');
    await eventually(() => c.elector.isLeader, 3000);
    expect(Date.now() - now).toBeGreaterThanOrEqual(900);
    const lease = await client.readNamespacedLease({ name, namespace: 'default' });
    expect(lease.spec).toMatchObject({ holderIdentity: 'c', leaseTransitions: 1 });
    await c.elector.stop();
  });

  it('steps down when it cannot renew past the renew deadline', async () => {
    const name = uniqueName('lease');
    const d = candidate(name, 'd');
    await eventually(() => d.elector.isLeader);
    // Someone else overwrites the lease far into the future: every renew now conflicts or is held.
    const lease = await client.readNamespacedLease({ name, namespace: 'default' });
    await client.replaceNamespacedLease({
      name,
      namespace: 'default',
      body: {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: 'intruder',
          renewTime: wireTime(Date.now()),
          leaseDurationSeconds: 60,
        },
      },
    });
    await eventually(() => d.events.includes('stopped'), 3000);
    expect(d.elector.isLeader).toBe(false);
    await d.elector.stop();
    expect(await holder(name)).toBe('intruder');
  });
});
