import { Watch, type KubeConfig } from '@kubernetes/client-node';

/**
 * What client-node's ListWatch lacks for a clean stop: its `stop()` aborts only a watch whose
 * response has arrived, so a list in flight goes on and is followed by a new watch, and a watch
 * waiting for its response stays open. The gate tracks lists and watches, aborts the watches,
 * refuses new requests once closed, and `close()` resolves when none is left in flight.
 */
export class RequestGate {
  private stopping = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  get isOpen(): boolean {
    return !this.stopping.signal.aborted;
  }

  /** Aborted when the gate closes. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  reopen(): void {
    if (!this.isOpen) this.stopping = new AbortController();
  }

  /** Runs `request` unless closed; a closed gate rejects without sending anything. */
  track<R>(request: () => Promise<R>): Promise<R> {
    if (!this.isOpen) return Promise.reject(new Error('Informer stopped'));
    const running = request();
    this.inFlight.add(running);
    const forget = (): void => void this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

/** client-node's Watch behind a gate: no watch starts once it is closed, none outlives it. */
export class GatedWatch extends Watch {
  constructor(
    kubeConfig: KubeConfig,
    private readonly gate: RequestGate,
  ) {
    super(abortingWith(kubeConfig, () => gate.signal));
  }

  override async watch(...args: Parameters<Watch['watch']>): Promise<AbortController> {
    if (!this.gate.isOpen) return aborted();
    return this.gate.track(() => super.watch(...args));
  }
}

/**
 * The KubeConfig `Watch` asks for fetch options, with the gate's signal joined to the one Watch
 * sets afterwards (it replaces `signal` and keeps its AbortController to itself until the
 * response arrived), so that closing the gate also aborts a watch still waiting for it.
 */
function abortingWith(kubeConfig: KubeConfig, gateSignal: () => AbortSignal): KubeConfig {
  const config = Object.create(kubeConfig) as KubeConfig;
  config.applyToFetchOptions = async (options) => {
    const init = await kubeConfig.applyToFetchOptions(options);
    let signal = gateSignal();
    Object.defineProperty(init, 'signal', {
      enumerable: true,
      get: () => signal,
      set: (own: AbortSignal) => (signal = AbortSignal.any([own, gateSignal()])),
    });
    return init;
  };
  return config;
}

const aborted = (): AbortController => {
  const controller = new AbortController();
  controller.abort();
  return controller;
};
