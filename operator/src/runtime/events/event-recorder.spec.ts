import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { FakeClock } from '../testing/fake-clock.js';
import { EventRecorder } from './event-recorder.js';

/** A fake of the recorder's port: records what it was sent; `hold` keeps writes in flight. */
function fakeClient(hold = false) {
  const sent: Array<{ verb: string; body: KubernetesObject }> = [];
  const waiting: Array<() => void> = [];
  const write = (verb: string) => async (body: KubernetesObject) => {
    sent.push({ verb, body });
    if (hold) await new Promise<void>((resolve) => waiting.push(resolve));
    return body;
  };
  const client = { create: write('create'), patch: write('patch') };
  const release = (): void => {
    hold = false;
    waiting.splice(0).forEach((resolve) => resolve());
  };
  return { client: client as unknown as KubernetesObjectApi, sent, release };
}

const object = (uid: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: uid, namespace: 'ns', uid },
});
const event = (note: string) => ({ type: 'Normal', reason: 'R', action: 'A', note }) as const;

const recorderWith = (client: KubernetesObjectApi, queueSize = 1000) =>
  new EventRecorder({
    client,
    reportingController: 'c',
    reportingInstance: 'i',
    clock: new FakeClock(),
    queueSize,
  });

describe('EventRecorder', () => {
  it('returns before the write is done, and drops (and counts) what its queue cannot hold', async () => {
    const { client, sent, release } = fakeClient(true);
    const recorder = recorderWith(client, 2);
    for (let i = 0; i < 5; i++) recorder.record(object(`o${i}`), event('n'));
    // One write in flight, two waiting, two dropped.
    expect(recorder.stats()).toMatchObject({ queued: 2, droppedQueueFull: 2, written: 0 });
    release();
    await recorder.flush();
    expect(sent.map((s) => s.body.metadata?.name?.split('.')[0])).toEqual(['o0', 'o1', 'o2']);
    expect(recorder.stats()).toMatchObject({ queued: 0, written: 3 });
  });

  it('folds repeats into one Event and a series count', async () => {
    const { client, sent } = fakeClient();
    const recorder = recorderWith(client);
    for (let i = 0; i < 5; i++) recorder.record(object('a'), event('same'));
    await recorder.flush();
    expect(sent.map((s) => s.verb)).toEqual(['create', 'patch', 'patch']);
    const names = new Set(sent.map((s) => s.body.metadata?.name));
    expect(names.size).toBe(1);
    expect(sent.at(-1)?.body).toMatchObject({ series: { count: 5 } });
  });

  it('limits new Events per object (spam filter), not per recorder', async () => {
    const { client, sent } = fakeClient();
    const recorder = recorderWith(client);
    for (let i = 0; i < 30; i++) recorder.record(object('hot'), event(`note ${i}`));
    recorder.record(object('calm'), event('note'));
    await recorder.flush();
    expect(sent).toHaveLength(26);
    expect(recorder.stats()).toMatchObject({ droppedSpam: 5, written: 26 });
  });

  it('takes no more events once closed', async () => {
    const { client, sent } = fakeClient();
    const recorder = recorderWith(client);
    await recorder.close();
    recorder.record(object('late'), event('n'));
    await recorder.flush();
    expect(sent).toEqual([]);
  });
});
