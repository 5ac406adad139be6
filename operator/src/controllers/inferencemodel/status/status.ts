// Pure status of an InferenceModel: Ready / Progressing / Degraded plus the kind-specific
// conditions the planner decided (FitsGPU, FineTuneSucceeded), the phase that summarizes them,
// and the capacity economics reads (ready replicas x GPUs x price). Matches the CRD's status
// schema; READY, REPLICAS and $/HOUR printer columns read conditions[Ready], readyReplicas and
// currentHourlyCostUSD.
import type { Condition, InferenceModel, InferenceModelStatus } from '@sluice/crds';
import { stableStringify } from '../plan/config-hash.js';
import { draft, mergeConditions, type ConditionDraft } from './conditions.js';
import { hourlyCost } from './money.js';
import type { ObservedDeployment } from '../observe/observed.js';
import { workloadConditions, type Phase } from './workload-conditions.js';

export type FineTuneStatus = NonNullable<InferenceModelStatus['fineTune']>;

/** What the planner resolved for the status; all optional parts are omitted from the status. */
export interface StatusInput {
  model: InferenceModel;
  /** RFC 3339 time of this reconcile, for conditions that flip. */
  now: string;
  /** A configuration problem: Ready=False with this reason, and no workload applied or changed. */
  blocked?: { reason: string; message: string };
  /** Conditions besides Ready/Progressing/Degraded (FitsGPU, FineTuneSucceeded). */
  extra?: ConditionDraft[];
  /** Degraded reasons the planner found (for example FineTuneFailed). */
  degraded?: { reason: string; message: string };
  /** vllm only: the Deployment as observed (undefined before it exists). */
  deployment?: ObservedDeployment;
  /** External models are Ready when blocked is unset; no replicas, no cost. */
  external?: boolean;
  fineTune?: FineTuneStatus;
  endpoint?: string;
  servedModelName?: string;
  resolvedArgs?: string[];
  estimatedGPUMemoryMiBPerReplica?: number;
  gpusPerReplica?: number;
  gpuHourlyUSD?: string;
  /** External only: "input/output" USD per 1M tokens, for the $/1M-TOKENS column. */
  tokenPricesPer1MUSD?: string;
}

export interface ComputedStatus {
  status: InferenceModelStatus;
  /** False when the status equals the model's current one, so nothing needs writing. */
  changed: boolean;
}

export function computeStatus(input: StatusInput): ComputedStatus {
  const generation = input.model.metadata?.generation ?? 0;
  const { phase, drafts } = input.external ? externalConditions(input) : workloadConditions(input);
  const previous = input.model.status?.conditions;
  const conditions = mergeConditions(
    previous,
    [...drafts, ...(input.extra ?? [])],
    generation,
    input.now,
  );
  const status: InferenceModelStatus = { observedGeneration: generation, phase, conditions };
  copyDefined(status, input);
  if (!input.external) addCapacity(status, input);
  return { status, changed: !sameStatus(input.model.status, status) };
}

function externalConditions(input: StatusInput): { phase: Phase; drafts: ConditionDraft[] } {
  const ready = input.blocked
    ? draft('Ready', 'False', input.blocked.reason, input.blocked.message)
    : draft(
        'Ready',
        'True',
        'ExternalAPIConfigured',
        'The external API is configured and its key Secret exists.',
      );
  return {
    phase: input.blocked ? 'Failed' : 'Ready',
    drafts: [
      ready,
      draft('Progressing', 'False', 'NoWorkload', 'External models run no workload.'),
      draft('Degraded', 'False', 'AsExpected', 'Nothing is degraded.'),
    ],
  };
}

const COPIED = [
  'fineTune',
  'endpoint',
  'servedModelName',
  'resolvedArgs',
  'estimatedGPUMemoryMiBPerReplica',
  'tokenPricesPer1MUSD',
] as const;

function copyDefined(status: InferenceModelStatus, input: StatusInput): void {
  for (const key of COPIED) {
    const value = input[key];
    if (value !== undefined) Object.assign(status, { [key]: value });
  }
}

/** Replicas and the hourly cost in effect: what runs, even if it runs a previous configuration. */
function addCapacity(status: InferenceModelStatus, input: StatusInput): void {
  const ready = input.deployment?.readyReplicas ?? 0;
  status.replicas = input.deployment?.replicas ?? 0;
  status.readyReplicas = ready;
  if (input.gpusPerReplica === undefined) return;
  status.gpusPerReplica = input.gpusPerReplica;
  if (input.gpuHourlyUSD === undefined) return;
  status.gpuHourlyUSD = input.gpuHourlyUSD;
  status.currentHourlyCostUSD = hourlyCost(ready, input.gpusPerReplica, input.gpuHourlyUSD);
}

function sameStatus(a: InferenceModelStatus | undefined, b: InferenceModelStatus): boolean {
  return stableStringify(normalize(a)) === stableStringify(normalize(b));
}

/** Conditions are a map keyed by type: their order carries no meaning. */
function normalize(s: InferenceModelStatus | undefined): unknown {
  if (!s) return undefined;
  const byType = (x: Condition, y: Condition) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0);
  return { ...s, conditions: [...(s.conditions ?? [])].sort(byType) };
}
