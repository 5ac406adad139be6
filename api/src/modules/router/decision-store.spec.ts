import type { Redis } from 'ioredis';
import { DECISION_STORE_DEFAULTS, DecisionStore } from './decision-store.js';
import { fromDecisionRecord, type RoutedDecision } from './routed-decision.js';
import { decisionRecord } from '../../testing/decision-record.js';

/** Redis as the store uses it (best effort, written in the background, in pipelines): a map. */
function fakeRedis(): Redis {
  const stored = new Map<string, string>();
  const pipeline = () => {
    const sets: number[] = [];
    const batch = {
      set: (key: string, value: string) => (stored.set(key, value), sets.push(0), batch),
      exec: () => Promise.resolve(sets.map(() => [null, 'OK'])),
    };
    return batch;
  };
  return {
    pipeline,
    get: (key: string) => Promise.resolve(stored.get(key) ?? null),
  } as unknown as Redis;
}

const id = (i: number) => `d-${String(i).padStart(5, '0')}`;

/** A decision whose reply is `bytes` long, as a long prompt's cache material makes one. */
const decision = (i: number, bytes: number): RoutedDecision =>
  fromDecisionRecord(decisionRecord('t', { decisionId: id(i) }), { reply: 'x'.repeat(bytes) });

describe('DecisionStore memory', () => {
  it.each([
    ['a byte budget of 1 MiB, 2 KiB decisions', { memoryBytes: 2 ** 20 }, 2048, 2000],
    ['the entry bound, small decisions', { memoryEntries: 100 }, 10, 1000],
  ])('keeps within %s', async (_, bound, bytes, remembered) => {
    const store = new DecisionStore(fakeRedis(), { ...DECISION_STORE_DEFAULTS, ...bound });
    for (let i = 0; i < remembered; i++) store.remember('t', id(i), decision(i, bytes));
    const weight = JSON.stringify(decision(0, bytes)).length;
    const { memoryEntries, memoryBytes } = { ...DECISION_STORE_DEFAULTS, ...bound };
    expect(store.size).toBe(Math.min(memoryEntries, Math.floor(memoryBytes / weight)));
    expect(store.bytes).toBe(store.size * weight);
    // The newest are kept; the oldest still answer from Redis, written at the turn's end.
    await new Promise(setImmediate);
    await expect(store.recall('t', id(remembered - 1))).resolves.toBeDefined();
    await expect(store.recall('t', id(0))).resolves.toEqual(decision(0, bytes));
  });
});
