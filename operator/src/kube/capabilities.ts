// Which optional APIs the cluster serves, from discovery (GET /apis/<group>/<version>), at start
// and then periodically, so installing KEDA or the Prometheus Operator later takes effect without
// a restart (controller-runtime users do the same with a RESTMapper reset). One request per
// optional group-version per interval, instead of a failed GET of a child per reconcile.
import { systemClock, silentLogger, type Clock, type RuntimeLogger } from '../runtime/index.js';

/** An optional resource, known by its group-version and plural (as in discovery). */
export interface ApiResource {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

/** The optional APIs the InferenceModel controller uses when present. */
export const OPTIONAL_APIS = {
  keda: { group: 'keda.sh', version: 'v1alpha1', plural: 'scaledobjects' },
  serviceMonitor: { group: 'monitoring.coreos.com', version: 'v1', plural: 'servicemonitors' },
} as const satisfies Record<string, ApiResource>;

export type Capability = keyof typeof OPTIONAL_APIS;
export type CapabilitySet = Readonly<Record<Capability, boolean>>;

/** How often discovery is asked again (a constant: KEDA is not installed every minute). */
export const CAPABILITY_RECHECK_MS = 60_000;

/**
 * The resource names discovery lists for a group-version; undefined when the group-version is
 * not served (404). Any other failure throws: the capability then keeps its last known value.
 */
export type DiscoveryFetch = (
  group: string,
  version: string,
) => Promise<readonly string[] | undefined>;

export interface CapabilityDetectorOptions {
  readonly fetch: DiscoveryFetch;
  readonly intervalMs?: number;
  readonly clock?: Clock;
  readonly logger?: RuntimeLogger;
}

const NONE: CapabilitySet = { keda: false, serviceMonitor: false };
const CAPABILITIES = Object.keys(OPTIONAL_APIS) as Capability[];

export class CapabilityDetector {
  private value: CapabilitySet = NONE;
  private detected = false;
  private timer: unknown;
  private ticking: Promise<void> = Promise.resolve();
  private running = false;
  private readonly handlers: Array<(now: CapabilitySet, before: CapabilitySet) => void> = [];
  private readonly clock: Clock;
  private readonly logger: RuntimeLogger;

  constructor(private readonly options: CapabilityDetectorOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  /** What the last detection found (nothing before the first one). */
  current(): CapabilitySet {
    return this.value;
  }

  /** True once discovery has answered for every optional API at least once. */
  hasSynced(): boolean {
    return this.detected;
  }

  /** Called after a detection that changed anything, with the new and the previous set. */
  onChange(handler: (now: CapabilitySet, before: CapabilitySet) => void): void {
    this.handlers.push(handler);
  }

  /** Detects now, then every interval until stop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.ticking = this.tick();
  }

  /** Resolves once the detection in flight (and its change handlers) finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.clock.clearTimeout(this.timer);
    await this.ticking;
  }

  /** Asks discovery once; returns whether anything changed. */
  async refresh(): Promise<boolean> {
    const before = this.value;
    const found = await Promise.all(CAPABILITIES.map((c) => this.serves(c, before[c])));
    const next = Object.fromEntries(CAPABILITIES.map((c, i) => [c, found[i]?.served ?? false]));
    this.value = next as CapabilitySet;
    if (found.every((f) => f?.answered)) this.detected = true;
    const changed = CAPABILITIES.filter((c) => before[c] !== this.value[c]);
    if (changed.length === 0) return false;
    this.logger.info({ capabilities: this.value }, 'Detected a change of optional APIs');
    for (const handler of this.handlers) handler(this.value, before);
    return true;
  }

  private async serves(
    capability: Capability,
    previous: boolean,
  ): Promise<{ served: boolean; answered: boolean }> {
    const { group, version, plural } = OPTIONAL_APIS[capability];
    try {
      const resources = await this.options.fetch(group, version);
      return { served: resources?.includes(plural) ?? false, answered: true };
    } catch (error) {
      this.logger.warn({ err: error, group, version }, 'Discovery failed; keeping the last answer');
      return { served: previous, answered: false };
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      // A handler threw; the next tick tries again.
      this.logger.error({ err: error }, 'Capability change handler failed');
    }
    if (!this.running) return;
    const every = this.options.intervalMs ?? CAPABILITY_RECHECK_MS;
    this.timer = this.clock.setTimeout(() => {
      this.ticking = this.tick();
    }, every);
  }
}
