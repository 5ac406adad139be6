import { Registry } from 'prom-client';
import { Controller, type Reconciler } from './controller.js';
import { FakeClock, flushPromises } from './testing/fake-clock.js';
import type { ObjectKey } from './object-key.js';
import { TerminalError } from './terminal-error.js';

type Outcome = { requeueAfterMs?: number } | void | Error;

/** A reconciler answering from a script per key, recording calls and concurrency. */
class ScriptedReconciler implements Reconciler {
  readonly calls: string[] = [];
  inFlight = 0;
  readonly active = new Set<string>();
  overlapped = false;
  maxInFlight = 0;
  private readonly held: Array<() => void> = [];

  constructor(
    private readonly script: Record<string, Outcome[]>,
    private readonly hold = false,
  ) {}

  async reconcile(key: ObjectKey): Promise<{ requeueAfterMs?: number } | void> {
    const id = `${key.namespace}/${key.name}`;
    this.calls.push(id);
    this.inFlight++;
    if (this.active.has(id)) this.overlapped = true;
    this.active.add(id);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    this.inFlight--;
    this.active.delete(id);
    const outcome = this.script[id]?.shift();
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  releaseAll(): void {
    this.held.splice(0).forEach((release) => release());
  }
}

const metric = async (registry: Registry, name: string, labels: string): Promise<number> => {
  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return Number(line?.split(' ')[1] ?? NaN);
};

function setup(script: Record<string, Outcome[]>, hold = false) {
  const clock = new FakeClock();
  const registry = new Registry();
  const reconciler = new ScriptedReconciler(script, hold);
  const controller = new Controller({ name: 'widget', reconciler, registry, clock, workers: 2 });
  return { clock, registry, reconciler, controller };
}

describe('Controller', () => {
  it.each([
    ['success', [undefined], 'success', 0],
    ['requeue after', [{ requeueAfterMs: 30_000 }], 'requeue_after', 0],
    ['retryable error', [new Error('boom')], 'error', 1],
    ['terminal error', [new TerminalError('bad spec')], 'terminal_error', 0],
  ] as const)('records %s', async (_name, outcomes, result, requeues) => {
    const { controller, registry } = setup({ 'ns/a': [...outcomes] });
    await expect(controller.process('ns/a')).resolves.toBe(result);
    expect(controller.queue.numRequeues('ns/a')).toBe(requeues);
    const labels = `controller="widget",result="${result}"`;
    expect(await metric(registry, 'sluice_operator_reconcile_total', labels)).toBe(1);
  });

  it('retries errors with back-off, then forgets the back-off on success', async () => {
    const { clock, controller, reconciler, registry } = setup({
      'ns/a': [new Error('1'), new Error('2'), undefined],
    });
    controller.start();
    controller.enqueue({ namespace: 'ns', name: 'a' });
    await flushPromises();
    expect(reconciler.calls).toHaveLength(1);
    await clock.advance(4);
    expect(reconciler.calls).toHaveLength(1);
    await clock.advance(1); // 5 ms
    expect(reconciler.calls).toHaveLength(2);
    await clock.advance(10); // then 10 ms
    expect(reconciler.calls).toHaveLength(3);
    expect(controller.queue.numRequeues('ns/a')).toBe(0);
    await clock.advance(10_000);
    expect(reconciler.calls).toHaveLength(3);
    expect(
      await metric(registry, 'sluice_operator_reconcile_errors_total', 'controller="widget"'),
    ).toBe(2);
    await controller.stop();
  });

  it('requeues after the requested delay', async () => {
    const { clock, controller, reconciler } = setup({ 'ns/a': [{ requeueAfterMs: 1000 }] });
    controller.start();
    controller.enqueue('ns/a');
    await flushPromises();
    await clock.advance(999);
    expect(reconciler.calls).toHaveLength(1);
    await clock.advance(1);
    expect(reconciler.calls).toHaveLength(2);
    await controller.stop();
  });

  it('never reconciles one key concurrently, but different keys in parallel', async () => {
    const { controller, reconciler } = setup({}, true);
    controller.start();
    controller.enqueue('ns/a');
    controller.enqueue('ns/b');
    await flushPromises();
    expect(reconciler.inFlight).toBe(2);
    controller.enqueue('ns/a');
    await flushPromises();
    expect(reconciler.calls).toEqual(['ns/a', 'ns/b']);
    reconciler.releaseAll();
    await flushPromises();
    // Re-added while in flight: reconciled again only after the first reconcile finished.
    expect(reconciler.calls).toEqual(['ns/a', 'ns/b', 'ns/a']);
    expect(reconciler.overlapped).toBe(false);
    expect(reconciler.maxInFlight).toBe(2);
    const stopped = controller.stop();
    reconciler.releaseAll();
    await stopped;
  });

  it('waits for reconciles in flight on stop and does not start again', async () => {
    const { controller, reconciler } = setup({}, true);
    controller.start();
    controller.enqueue('ns/a');
    await flushPromises();
    let stopped = false;
    const stopping = controller.stop().then(() => (stopped = true));
    await flushPromises();
    expect(stopped).toBe(false);
    reconciler.releaseAll();
    await stopping;
    controller.start();
    expect(controller.running).toBe(false);
  });

  it('exposes queue depth at scrape time', async () => {
    const { controller, registry } = setup({});
    controller.enqueue('ns/a');
    controller.enqueue('ns/b');
    expect(await metric(registry, 'sluice_operator_workqueue_depth', 'controller="widget"')).toBe(
      2,
    );
  });
});
