import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import { Probes } from '@sluice/common';
import { decide, type RoutingSnapshot } from '../src/modules/routing/engine/index.js';
import { aModel, aPolicy } from '../src/modules/routing/engine/testing/builders.js';
import { ROUTING_VIEW, type RoutingView } from '../src/modules/routing/routing-view.js';
import {
  apiConfig,
  eventually,
  freePort,
  installSluiceCrds,
  priced,
  kubeConfigFor,
  readyCondition,
  sluiceObjects,
  startCatalog,
  startTestCluster,
  type TestCluster,
} from './support/sluice-cluster.js';

const deps = { random: () => 0, now: () => new Date('2026-11-01T00:00:00Z') };

/** Which model the next query goes to, or the error code. */
function routeOf(snapshot: RoutingSnapshot | undefined): string {
  if (snapshot === undefined) return 'no-policy';
  const result = decide({ prompt: 'Classify this ticket' }, snapshot, deps);
  return result.kind === 'decision' ? result.model : result.code;
}

const policy = aPolicy('chat')
  .tier('small', 'small-a')
  .tier('frontier', 'big')
  .defaultRoute('small')
  .fallback({ onUnavailable: true });

describe('CatalogModule', () => {
  let cluster: TestCluster | undefined;
  let app: TestingModule | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await cluster?.close();
    cluster = undefined;
  });

  it('routes by the live objects: readiness falls back, a policy edit applies at once', async () => {
    cluster = await startTestCluster();
    await installSluiceCrds(cluster.kubeConfig);
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('inferencemodels', priced(aModel('small-a').obj()));
    await objects.create('inferencemodels', priced(aModel('big').tier('frontier').obj()));
    await objects.create('routingpolicies', policy.obj());
    app = await startCatalog(apiConfig(cluster.kubeconfigPath));
    const view = app.get<RoutingView>(ROUTING_VIEW);
    await eventually(() => view.hasSynced());
    expect(await app.get(Probes).readiness()).toMatchObject({ ready: true });
    // No status yet: the operator has not marked anything Ready.
    expect(routeOf(view.snapshot('default', 'chat'))).toBe('UNAVAILABLE');

    await objects.patchStatus('small-a', { conditions: [readyCondition(true)] });
    await objects.patchStatus('big', { conditions: [readyCondition(true)] });
    await eventually(() => routeOf(view.snapshot('default', 'chat')) === 'small-a');

    await objects.patchStatus('small-a', { conditions: [readyCondition(false)] });
    await eventually(() => routeOf(view.snapshot('default', 'chat')) === 'big');

    await objects.patchStatus('small-a', { conditions: [readyCondition(true)] });
    await eventually(() => routeOf(view.snapshot('default', 'chat')) === 'small-a');
    await objects.patch('routingpolicies', 'chat', {
      spec: { defaultRoute: { tier: 'frontier' } },
    });
    await eventually(() => routeOf(view.snapshot('default', 'chat')) === 'big');
    expect(view.snapshot('default', 'chat')?.policy.generation).toBe(2);

    await objects.remove('routingpolicies', 'chat');
    await eventually(() => view.snapshot('default', 'chat') === undefined);
    expect(view.snapshots()).toHaveLength(0);
  });

  it('reports unresolved references, refused while nothing resolves', async () => {
    cluster = await startTestCluster();
    await installSluiceCrds(cluster.kubeConfig);
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('routingpolicies', policy.obj());
    app = await startCatalog(apiConfig(cluster.kubeconfigPath));
    const view = app.get<RoutingView>(ROUTING_VIEW);
    await eventually(() => view.snapshot('default', 'chat') !== undefined);
    const problems = view
      .snapshot('default', 'chat')
      ?.problems.map((p) => p.message)
      .join('\n');
    expect(problems).toMatch(/small-a/);
    // Nothing it names exists: not Ready, and Route refuses it rather than guessing.
    expect(routeOf(view.snapshot('default', 'chat'))).toBe('FAILED_PRECONDITION');

    // The model appears later: the policy's snapshot is rebuilt with it, and Route uses it
    // (UNAVAILABLE until the operator marks the model Ready; big is still missing: degraded).
    await objects.create('inferencemodels', priced(aModel('small-a').obj()));
    await eventually(() => view.snapshot('default', 'chat')?.models.has('small-a') === true);
    expect(routeOf(view.snapshot('default', 'chat'))).toBe('UNAVAILABLE');
    await objects.patchStatus('small-a', { conditions: [readyCondition(true)] });
    await eventually(() => routeOf(view.snapshot('default', 'chat')) === 'small-a');
  });

  it('refuses a policy whose rule is invalid until it is fixed', async () => {
    cluster = await startTestCluster();
    await installSluiceCrds(cluster.kubeConfig);
    const objects = sluiceObjects(cluster.kubeConfig);
    await objects.create('inferencemodels', priced(aModel('small-a').obj()));
    await objects.patchStatus('small-a', { conditions: [readyCondition(true)] });
    const broken = aPolicy('chat')
      .tier('small', 'small-a')
      .rule('code', { regex: '(unclosed' }, { tier: 'small' })
      .defaultRoute('small');
    await objects.create('routingpolicies', broken.obj());
    app = await startCatalog(apiConfig(cluster.kubeconfigPath));
    const view = app.get<RoutingView>(ROUTING_VIEW);
    await eventually(() => view.snapshot('default', 'chat')?.models.has('small-a') === true);
    expect(routeOf(view.snapshot('default', 'chat'))).toBe('FAILED_PRECONDITION');

    await objects.patch('routingpolicies', 'chat', {
      spec: { rules: [{ name: 'code', match: { regex: '(closed)' }, route: { tier: 'small' } }] },
    });
    await eventually(() => routeOf(view.snapshot('default', 'chat')) === 'small-a');
  });

  it('starts without its cluster, is not ready, and syncs once the cluster is there', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'sluice-api-'));
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, kubeConfigFor(`http://127.0.0.1:${port}`).exportConfig());
    app = await startCatalog(apiConfig(path));
    const view = app.get<RoutingView>(ROUTING_VIEW);
    expect(view.hasSynced()).toBe(false);
    expect(view.snapshot('default', 'chat')).toBeUndefined();
    expect((await app.get(Probes).readiness()).lines).toContain('[-]catalog failed');

    cluster = await startTestCluster(port);
    await installSluiceCrds(cluster.kubeConfig);
    await sluiceObjects(cluster.kubeConfig).create('routingpolicies', policy.obj());
    await eventually(() => view.snapshot('default', 'chat') !== undefined, 15_000);
    // Policies can sync before models and profiles, whose informers back off separately.
    await eventually(() => view.hasSynced(), 15_000);
    expect((await app.get(Probes).readiness()).lines).toContain('[+]catalog ok');
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('runs without any cluster configured: no policies, never synced, no readiness check', async () => {
    // No KUBECONFIG and an empty home: nothing else configures a cluster on a test machine.
    const home = process.env.HOME;
    process.env.HOME = mkdtempSync(join(tmpdir(), 'sluice-home-'));
    app = await startCatalog(apiConfig(undefined)).finally(() => (process.env.HOME = home ?? ''));
    const view = app.get<RoutingView>(ROUTING_VIEW);
    expect(view.hasSynced()).toBe(false);
    expect(view.snapshots()).toHaveLength(0);
    expect(await app.get(Probes).readiness()).toMatchObject({ ready: true });
  });
});
