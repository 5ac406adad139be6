// LOCAL MODE ONLY. The test server has no KEDA, so the ScaledObjects the operator writes for
// `scaler: keda` models would scale nothing. This loop plays KEDA's part with KEDA's rules
// (keda-scale.ts): it evaluates each ScaledObject's triggers, and sets its Deployment's
// spec.replicas, as KEDA (and the HPA it creates) would. The production path stays the real one:
// the operator writes the ScaledObject, something else scales the Deployment.
// There is no Prometheus here: a Prometheus trigger of the form sum(rate(<metric>{...}[<w>])) is
// answered from the control API's own /metrics (scraped every loop, rate over the samples kept),
// which is where the sluice-demand trigger's metric comes from; any other query reads 0 (the
// fake vLLMs have no queue to report).
import { AppsV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@sluice/common';
import {
  desiredReplicas,
  parseRateQuery,
  rateOf,
  sampleSum,
  type Sample,
  type TriggerValue,
} from './keda-scale.js';

interface Trigger {
  type?: string;
  metadata?: { query?: string; threshold?: string; activationThreshold?: string };
}

export interface ScaledObjectView {
  metadata?: { name?: string; namespace?: string; uid?: string };
  spec?: {
    scaleTargetRef?: { name?: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    cooldownPeriod?: number;
    triggers?: Trigger[];
  };
}

export class LocalKeda {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Samples of each query's metric, newest last, trimmed to its window. */
  private readonly samples = new Map<string, Sample[]>();
  private readonly lastActive = new Map<string, number>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
  ) {}

  /** `metricsUrl`: the control API's /metrics, known once it listens. */
  start(metricsUrl: string): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.sync(metricsUrl))
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'Local KEDA could not scale Deployments');
        });
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sync(metricsUrl: string): Promise<void> {
    const metrics = await scrape(metricsUrl);
    const custom = this.kubeConfig.makeApiClient(CustomObjectsApi);
    const list = (await custom.listClusterCustomObject({
      group: 'keda.sh',
      version: 'v1alpha1',
      plural: 'scaledobjects',
    })) as { items: ScaledObjectView[] };
    const nowMs = Date.now();
    for (const object of list.items) await this.scale(object, metrics, nowMs);
  }

  private async scale(object: ScaledObjectView, metrics: string, nowMs: number): Promise<void> {
    const so = readScaledObject(object);
    const { namespace, target } = so;
    const apps = this.kubeConfig.makeApiClient(AppsV1Api);
    const deployment = await apps.readNamespacedDeployment({ name: target, namespace });
    const current = deployment.spec?.replicas ?? 1;
    const outcome = desiredReplicas({
      ...so.bounds,
      current,
      triggers: so.triggers.map((t) => this.valueOf(t, metrics, nowMs)),
      lastActiveMs: this.lastActive.get(so.uid) ?? nowMs,
      nowMs,
    });
    this.lastActive.set(so.uid, outcome.lastActiveMs);
    if (outcome.replicas === current || deployment.spec === undefined) return;
    const body = { ...deployment, spec: { ...deployment.spec, replicas: outcome.replicas } };
    await apps.replaceNamespacedDeployment({ name: target, namespace, body });
    const scaled = { deployment: `${namespace}/${target}`, from: current, to: outcome.replicas };
    this.logger.info(scaled, 'Local KEDA: scaled a Deployment');
  }

  private valueOf(trigger: Trigger, metrics: string, nowMs: number): TriggerValue {
    const { query: text = '', threshold, activationThreshold } = trigger.metadata ?? {};
    const levels = {
      threshold: Number(threshold ?? 1) || 1,
      activationThreshold: Number(activationThreshold ?? 0) || 0,
    };
    const query = trigger.type === 'prometheus' ? parseRateQuery(text) : undefined;
    if (query === undefined) return { value: 0, ...levels };
    const kept = this.record(text, sampleSum(metrics, query), query.windowSeconds, nowMs);
    return { value: rateOf(kept, query.windowSeconds, nowMs), ...levels };
  }

  /** Adds a sample of a query's metric (none while the API does not answer), drops old ones. */
  private record(key: string, value: number | undefined, windowSeconds: number, nowMs: number) {
    const kept = (this.samples.get(key) ?? []).filter(
      (s) => s.atMs >= nowMs - windowSeconds * 1000,
    );
    if (value !== undefined) kept.push({ atMs: nowMs, value });
    this.samples.set(key, kept);
    return kept;
  }
}

/** What the stand-in reads of a ScaledObject, with KEDA's defaults for what it leaves out. */
export function readScaledObject(object: ScaledObjectView) {
  const { name = '', namespace = 'default', uid = name } = object.metadata ?? {};
  const spec = object.spec ?? {};
  return {
    namespace,
    uid,
    target: spec.scaleTargetRef?.name ?? name,
    bounds: boundsOf(spec),
    triggers: spec.triggers ?? [],
  };
}

function boundsOf(spec: NonNullable<ScaledObjectView['spec']>) {
  return {
    minReplicas: spec.minReplicaCount ?? 0,
    maxReplicas: spec.maxReplicaCount ?? 100,
    cooldownSeconds: spec.cooldownPeriod ?? 300,
  };
}

/** The API's metrics, or nothing while it is not listening (yet, or any more). */
async function scrape(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}
