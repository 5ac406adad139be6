import type { InferenceModel } from '@sluice/crds';
import { silentLogger } from '@sluice/operator/runtime';
import { MemorySource } from '../catalog/memory-source.js';
import type { ModelRef } from '../ledger/ledger.types.js';
import { aModel } from '../routing/engine/testing/builders.js';
import { CapacityRecorder } from './capacity-recorder.js';
import type { CapacityWrites } from './capacity-store.js';

/** Records what reaches the database, or fails every call while `down`. */
class MemoryStore implements CapacityWrites {
  readonly writes: string[] = [];
  down = false;
  runningModels: ModelRef[] = [];

  recordCapacity(model: ModelRef, state: { readyReplicas: number }): Promise<boolean> {
    return this.write(`capacity ${model.name} ${state.readyReplicas}`);
  }
  recordGone(model: ModelRef): Promise<boolean> {
    return this.write(`gone ${model.name}`);
  }
  recordPrice(model: ModelRef, price: { provider: string }): Promise<boolean> {
    return this.write(`price ${model.name} ${price.provider}`);
  }
  running(): Promise<ModelRef[]> {
    return this.down ? Promise.reject(new Error('down')) : Promise.resolve(this.runningModels);
  }
  async recordRunEnded(at: Date): Promise<number> {
    await this.write(`run ended ${at.toISOString()}`);
    return 1;
  }
  private write(line: string): Promise<boolean> {
    if (this.down) return Promise.reject(new Error('connection refused'));
    this.writes.push(line);
    return Promise.resolve(true);
  }
}

const model = (name: string, readyReplicas: number): InferenceModel => {
  const m = aModel(name).obj();
  if (m.spec) m.spec.pricing = { gpuHourlyUSD: '1.00' };
  m.status = { readyReplicas, gpusPerReplica: 1, gpuHourlyUSD: '1.00' };
  return m;
};

function setup(maxPending?: number, clusterStopsWithApi = false, previousRunEndedAt?: Date) {
  const models = new MemorySource<InferenceModel>();
  const store = new MemoryStore();
  const retry = { initialMs: 60_000, maxMs: 60_000 }; // tests flush by hand
  const options = {
    store,
    models,
    logger: silentLogger,
    retry,
    clusterStopsWithApi,
    ...(previousRunEndedAt && { previousRunEndedAt }),
  };
  const recorder = new CapacityRecorder(
    maxPending === undefined ? options : { ...options, maxPending },
  );
  return { models, store, recorder };
}

describe('CapacityRecorder', () => {
  it('writes changes only, in order; a resync of the same object writes nothing', async () => {
    const { models, store, recorder } = setup();
    models.put(model('a', 1));
    models.put(model('a', 1));
    models.put(model('a', 2));
    models.remove(model('a', 2));
    await recorder.flush();
    expect(store.writes).toEqual(['capacity a 1', 'price a vllm', 'capacity a 2', 'gone a']);
    await recorder.stop();
  });

  it('keeps changes while the store is down and writes them, in order, when it is back', async () => {
    const { models, store, recorder } = setup();
    store.down = true;
    models.put(model('a', 1));
    models.put(model('a', 3));
    await recorder.flush();
    expect([recorder.backlog, store.writes]).toEqual([3, []]);
    store.down = false;
    await recorder.flush();
    expect([recorder.backlog, store.writes]).toEqual([
      0,
      ['capacity a 1', 'price a vllm', 'capacity a 3'],
    ]);
    await recorder.stop();
  });

  it.each<[string, boolean, string[]]>([
    ['a cluster that outlives the API keeps running', false, []],
    ['a local world that stops with the API stops running', true, ['gone gpu']],
  ])('on stop, %s', async (_name, clusterStopsWithApi, expected) => {
    const { models, store, recorder } = setup(undefined, clusterStopsWithApi);
    models.put(model('gpu', 2));
    models.put(aModel('hosted').external('gpt').obj());
    await recorder.flush();
    store.writes.length = 0;
    await recorder.stop();
    expect(store.writes).toEqual(expected);
  });

  it('drops the oldest changes past its bound', async () => {
    const { models, store, recorder } = setup(2);
    store.down = true;
    models.put(model('a', 1));
    models.put(model('a', 2));
    models.put(model('a', 3));
    await recorder.flush();
    expect(recorder.backlog).toBe(2);
    store.down = false;
    await recorder.flush();
    expect(store.writes).toEqual(['capacity a 2', 'capacity a 3']);
    await recorder.stop();
  });

  it('after the first list, zeroes models the ledger has running that no longer exist', async () => {
    const { models, store, recorder } = setup();
    models.put(model('kept', 1));
    store.runningModels = [
      { namespace: 'default', name: 'kept' },
      { namespace: 'default', name: 'deleted-meanwhile' },
    ];
    recorder.start();
    await recorder.flush();
    expect(recorder.idle()).toBe(true);
    expect(store.writes).toContain('gone deleted-meanwhile');
    expect(store.writes).not.toContain('gone kept');
    await recorder.stop();
  });

  it.each<[string, boolean, string[]]>([
    [
      'a local world: its models stop when it was last alive',
      true,
      ['run ended 2026-11-02T10:00:00.000Z'],
    ],
    ['a cluster that outlived it: nothing is assumed', false, []],
  ])('on start after a killed run, %s', async (_name, clusterStopsWithApi, expected) => {
    const lastAlive = new Date('2026-11-02T10:00:00Z');
    const { store, recorder } = setup(undefined, clusterStopsWithApi, lastAlive);
    recorder.start();
    await recorder.flush();
    expect(store.writes.filter((w) => w.startsWith('run ended'))).toEqual(expected);
    expect(recorder.idle()).toBe(true);
    await recorder.stop();
  });
});
