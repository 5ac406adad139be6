import { Registry } from 'prom-client';
import { aModel, aPolicy, snapshotOf } from '../routing/engine/testing/builders.js';
import type { RoutingView } from '../routing/routing-view.js';
import { countDemand, modelDemandCounter } from './model-demand.js';

const snapshot = snapshotOf(aPolicy().tier('small', 'awake', 'asleep').defaultRoute('small'), [
  aModel('awake'),
  aModel('asleep').scaledToZero(),
]);
const view: RoutingView = {
  snapshot: () => snapshot,
  snapshots: () => [snapshot],
  hasSynced: () => true,
};

async function series(registry: Registry): Promise<string[]> {
  const text = await registry.metrics();
  return text.split('\n').filter((l) => l.startsWith('sluice_model_demand_total{'));
}

describe('sluice_model_demand_total', () => {
  it('starts every model of every policy at 0, so the first wake-up shows in rate()', async () => {
    const registry = new Registry();
    modelDemandCounter(registry, view);
    expect(await series(registry)).toEqual([
      'sluice_model_demand_total{model_namespace="default",model="awake"} 0',
      'sluice_model_demand_total{model_namespace="default",model="asleep"} 0',
    ]);
  });

  it.each([
    ['a routed decision', { routed: 'awake', waking: [] }, ['awake 1', 'asleep 0']],
    [
      'a fallback while a model wakes',
      { routed: 'awake', waking: [{ model: 'asleep', tier: 'small', readyInSeconds: 120 }] },
      ['awake 1', 'asleep 1'],
    ],
    [
      'an error while a model wakes',
      { routed: undefined, waking: [{ model: 'asleep', tier: 'small', readyInSeconds: 120 }] },
      ['awake 0', 'asleep 1'],
    ],
    ['a cache hit (no model answers)', { routed: undefined, waking: [] }, ['awake 0', 'asleep 0']],
  ])('counts %s', async (_label, demand, expected) => {
    const registry = new Registry();
    const counter = modelDemandCounter(registry, view);
    countDemand(counter, 'default', demand);
    const values = (await series(registry)).map((l) =>
      l.replace(/^.*model="([^"]+)"\} (\d+)$/, '$1 $2'),
    );
    expect(values.sort()).toEqual([...expected].sort());
  });
});
