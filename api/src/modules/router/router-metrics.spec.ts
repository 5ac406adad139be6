import { Registry } from 'prom-client';
import { artifactVersion } from '@sluice/router-model';
import { fakeRouterModel } from '../routing/engine/testing/fake-router-model.js';
import { RouterModelArtifacts } from '../routing/router-model-artifacts.js';
import { LoadedRouterModel } from '../routing/router-model.module.js';
import { tinyArtifact } from '../routing/testing/tiny-artifact.js';
import { RouterMetrics, taskKindLabel } from './router-metrics.js';

describe('taskKindLabel', () => {
  it.each<[Parameters<typeof taskKindLabel>[0], string]>([
    [{ taskKind: 'code', taskKindSource: 'predicted' }, 'code'],
    [{ taskKind: 'my-own-label-42', taskKindSource: 'caller' }, 'caller'],
    [{ taskKind: undefined, taskKindSource: undefined }, 'none'],
  ])('labels %j as %s', (decision, label) => {
    expect(taskKindLabel(decision)).toBe(label);
  });
});

describe('sluice_router_model_info', () => {
  it('lists, at each scrape, the built-in model and those decoded from ConfigMaps since', async () => {
    const registry = new Registry();
    const artifacts = new RouterModelArtifacts(1);
    // Registers its metrics in the registry.
    new RouterMetrics(registry, new LoadedRouterModel(fakeRouterModel(), artifacts));
    const lines = async () =>
      (await registry.metrics())
        .split('\n')
        .filter((l) => l.startsWith('sluice_router_model_info'));
    const builtIn = `sluice_router_model_info{version="${fakeRouterModel().version}"} 1`;
    expect(await lines()).toEqual([builtIn]);
    const at = (bytes: Uint8Array, resourceVersion: string) =>
      artifacts.fromConfigMap(
        { namespace: 'default', name: 'mine', key: 'k' },
        { metadata: { resourceVersion }, binaryData: { k: Buffer.from(bytes).toString('base64') } },
      );
    const a = tinyArtifact('a');
    at(a, '1');
    expect(await lines()).toEqual([
      builtIn,
      `sluice_router_model_info{version="${artifactVersion(a)}"} 1`,
    ]);
    // Kept models are bounded (1 here): the evicted version leaves /metrics.
    const b = tinyArtifact('b');
    at(b, '2');
    expect(await lines()).toEqual([
      builtIn,
      `sluice_router_model_info{version="${artifactVersion(b)}"} 1`,
    ]);
  });
});
