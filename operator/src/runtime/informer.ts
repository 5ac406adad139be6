import {
  ADD,
  DELETE,
  ERROR,
  ListWatch,
  UPDATE,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { systemClock, type Clock } from './clock.js';
import { silentLogger, type RuntimeLogger } from './logger.js';
import { GatedWatch, RequestGate } from './request-gate.js';
import {
  DEFAULT_WATCH_FAILURE_POLICY,
  initialWatchState,
  recordFailure,
  recordRestart,
  recordSuccess,
  type WatchFailurePolicy,
} from './watch-failures.js';

export interface InformerOptions<T extends KubernetesObject> {
  readonly kubeConfig: KubeConfig;
  /** The collection's URL path, e.g. `/apis/apps/v1/deployments` or `/api/v1/namespaces/ns/configmaps`. */
  readonly path: string;
  readonly list: () => Promise<KubernetesListObject<T>>;
  readonly labelSelector?: string;
  /** Hands every cached object to the handlers again this often (0: never). Default 10 min. */
  readonly resyncMs?: number;
  readonly failurePolicy?: WatchFailurePolicy;
  /** Called once when the list+watch cannot recover (see watch-failures.ts); should exit. */
  readonly onFatal: (error: unknown) => void;
  readonly logger?: RuntimeLogger;
  readonly clock?: Clock;
}

export type ObjectHandler<T> = (object: T) => void;

/**
 * A cache of one resource kept by list+watch (client-node's ListWatch: initial list, watch from
 * its resourceVersion, relist on 410 Gone), plus what client-node leaves to its users: restart
 * with back-off on errors, periodic resync, readiness, and giving up via `onFatal`.
 * Handlers receive objects, not event types: reconcile is level-based.
 */
export class Informer<T extends KubernetesObject> {
  private readonly cache: ListWatch<T>;
  private readonly gate = new RequestGate();
  private readonly handlers: Array<ObjectHandler<T>> = [];
  private readonly clock: Clock;
  private readonly logger: RuntimeLogger;
  private state = initialWatchState;
  private running = false;
  private restartTimer: unknown;
  private resyncTimer: unknown;

  constructor(private readonly options: InformerOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    const list = async (): Promise<KubernetesListObject<T>> => {
      const result = await this.gate.track(options.list);
      this.state = recordSuccess(this.state);
      return result;
    };
    const watch = new GatedWatch(options.kubeConfig, this.gate);
    this.cache = new ListWatch<T>(options.path, watch, list, false, options.labelSelector);
    const dispatch = (object: T): void => this.dispatch(object);
    for (const verb of [ADD, UPDATE, DELETE] as const) this.cache.on(verb, dispatch);
    this.cache.on(ERROR, (error) => this.failed(error));
  }

  onChange(handler: ObjectHandler<T>): void {
    this.handlers.push(handler);
  }

  /** Starts listing and watching in the background; see hasSynced for readiness. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.gate.reopen();
    this.connect();
    this.scheduleResync();
  }

  /** Resolves once no list or watch of this informer is in flight, and none will start. */
  async stop(): Promise<void> {
    this.running = false;
    this.clock.clearTimeout(this.restartTimer);
    this.clock.clearTimeout(this.resyncTimer);
    await this.cache.stop();
    await this.gate.close();
  }

  /** True once the first list has been cached. */
  hasSynced(): boolean {
    return this.state.synced;
  }

  get(name: string, namespace?: string): T | undefined {
    return this.cache.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.cache.list(namespace);
  }

  private connect(): void {
    this.cache.start().catch((error: unknown) => this.failed(error));
  }

  private dispatch(object: T): void {
    for (const handler of this.handlers) handler(object);
  }

  private failed(error: unknown): void {
    if (!this.running) return;
    const decision = recordFailure(
      this.state,
      this.clock.now(),
      this.options.failurePolicy ?? DEFAULT_WATCH_FAILURE_POLICY,
    );
    this.state = decision.state;
    const fields = { err: error, path: this.options.path, failures: decision.state.failures };
    if (decision.action === 'fatal') {
      this.logger.error(fields, 'Watch could not recover; giving up');
      this.running = false;
      this.options.onFatal(error);
      return;
    }
    this.logger.warn({ ...fields, retryInMs: decision.afterMs }, 'Watch failed; restarting');
    this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = this.clock.setTimeout(() => {
      if (!this.running) return;
      this.state = recordRestart(this.state, this.clock.now());
      this.connect();
    }, decision.afterMs);
  }

  private scheduleResync(): void {
    const every = this.options.resyncMs ?? 10 * 60_000;
    if (every <= 0) return;
    this.resyncTimer = this.clock.setTimeout(() => {
      if (!this.running) return;
      this.cache.list().forEach((object) => this.dispatch(object));
      this.scheduleResync();
    }, every);
  }
}
