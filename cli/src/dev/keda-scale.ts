// LOCAL MODE ONLY: the decisions of the KEDA stand-in (local-keda.ts), pure. KEDA's own rules
// (keda.sh/docs "Scaling Deployments"): a ScaledObject is active while any trigger's value is
// above its activationThreshold; active, it scales from zero to at least one replica and its HPA
// asks ceil(value / threshold) of each trigger, the most of them, within min and max; inactive for
// cooldownPeriod seconds, it scales to minReplicaCount (zero included).

export interface TriggerValue {
  readonly value: number;
  readonly threshold: number;
  readonly activationThreshold: number;
}

export interface ScaleInput {
  readonly current: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cooldownSeconds: number;
  readonly triggers: readonly TriggerValue[];
  /** When a trigger was last active, or the stand-in first saw the object (ms since epoch). */
  readonly lastActiveMs: number;
  readonly nowMs: number;
}

export interface ScaleOutcome {
  readonly replicas: number;
  readonly lastActiveMs: number;
}

export function desiredReplicas(input: ScaleInput): ScaleOutcome {
  const { current, minReplicas, maxReplicas, triggers, nowMs } = input;
  const floor = Math.max(minReplicas, 1);
  const clamp = (n: number) => Math.min(Math.max(n, floor), maxReplicas);
  if (triggers.some((t) => t.value > t.activationThreshold)) {
    const asked = Math.max(...triggers.map((t) => Math.ceil(t.value / t.threshold)));
    return { replicas: clamp(asked), lastActiveMs: nowMs };
  }
  const cooled = nowMs - input.lastActiveMs >= input.cooldownSeconds * 1000;
  if (minReplicas === 0 && (current === 0 || cooled)) {
    return { replicas: 0, lastActiveMs: input.lastActiveMs };
  }
  return { replicas: clamp(current), lastActiveMs: input.lastActiveMs };
}

/** A query the stand-in can answer: `sum(rate(<metric>{<labels>}[<window>]))`, else undefined. */
export interface RateQuery {
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly windowSeconds: number;
}

const RATE = /^sum\(rate\(([a-zA-Z_:][\w:]*)\{([^}]*)\}\[(\d+)([smh])\]\)\)( or vector\(0\))?$/;
const LABEL = /([a-zA-Z_]\w*)="([^"]*)"/g;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

function labelsIn(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, key = '', value = ''] of text.matchAll(LABEL)) labels[key] = value;
  return labels;
}

export function parseRateQuery(query: string): RateQuery | undefined {
  const match = RATE.exec(query.trim());
  if (match === null) return undefined;
  const [, metric = '', labelText = '', amount = '0', unit = 's'] = match;
  const windowSeconds = Number(amount) * (UNIT_SECONDS[unit] ?? 1);
  return { metric, labels: labelsIn(labelText), windowSeconds };
}

/** The sum of the samples of `query.metric` with all of its labels in Prometheus text. */
export function sampleSum(metricsText: string, query: RateQuery): number | undefined {
  let sum: number | undefined;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${query.metric}{`)) continue;
    const close = line.lastIndexOf('}');
    const labels = labelsIn(line.slice(0, close));
    const wanted = Object.entries(query.labels).every(([k, v]) => labels[k] === v);
    if (wanted) sum = (sum ?? 0) + Number(line.slice(close + 1).trim());
  }
  return sum;
}

export interface Sample {
  readonly atMs: number;
  readonly value: number;
}

/**
 * Per-second increase over the samples inside the window, as Prometheus' rate() (without its
 * extrapolation): 0 with fewer than two samples. A counter that went down restarted from 0.
 */
export function rateOf(samples: readonly Sample[], windowSeconds: number, nowMs: number): number {
  const inWindow = samples.filter((s) => s.atMs >= nowMs - windowSeconds * 1000);
  const first = inWindow[0];
  const last = inWindow.at(-1);
  if (first === undefined || last === undefined || last.atMs === first.atMs) return 0;
  let increase = 0;
  for (let i = 1; i < inWindow.length; i++) {
    const [before, after] = [inWindow[i - 1]?.value ?? 0, inWindow[i]?.value ?? 0];
    increase += after >= before ? after - before : after;
  }
  return increase / ((last.atMs - first.atMs) / 1000);
}
