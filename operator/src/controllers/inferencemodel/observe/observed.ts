// What the reconciler observed in its cache, reduced to the facts the pure planner needs.
import type { V1Deployment, V1Job, V1JobCondition } from '@kubernetes/client-node';

export interface ObservedDeployment {
  replicas: number;
  readyReplicas: number;
  /** The Deployment's Progressing condition has reason ProgressDeadlineExceeded. */
  progressDeadlineExceeded: boolean;
}

export type JobPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export interface ObservedJob {
  name: string;
  phase: JobPhase;
  startTime?: string;
  completionTime?: string;
  /** Pods running now, and pods that finished either way (each failed pod is one attempt). */
  active?: number;
  succeeded?: number;
  failed?: number;
  /** Why the Job controller gave up (Failed condition), e.g. BackoffLimitExceeded. */
  failure?: { reason: string; message: string };
}

export function observeDeployment(d: V1Deployment): ObservedDeployment {
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  return {
    replicas: d.status?.replicas ?? 0,
    readyReplicas: d.status?.readyReplicas ?? 0,
    progressDeadlineExceeded: progressing?.reason === 'ProgressDeadlineExceeded',
  };
}

/** A Job's phase from its conditions (Complete / Failed) and active pods, and its pod counts. */
export function observeJob(job: V1Job): ObservedJob {
  const observed: ObservedJob = { name: job.metadata?.name ?? '', phase: jobPhase(job) };
  Object.assign(observed, times(job), counts(job));
  if (observed.phase === 'Failed') observed.failure = failureOf(job.status?.conditions ?? []);
  return observed;
}

function times(job: V1Job): Pick<ObservedJob, 'startTime' | 'completionTime'> {
  const { startTime, completionTime } = job.status ?? {};
  return {
    ...(startTime ? { startTime: toIso(startTime) } : {}),
    ...(completionTime ? { completionTime: toIso(completionTime) } : {}),
  };
}

/** Non-zero pod counts only, so an idle Job and a new one look the same. */
function counts(job: V1Job): Pick<ObservedJob, 'active' | 'succeeded' | 'failed'> {
  const keys = ['active', 'succeeded', 'failed'] as const;
  return Object.fromEntries(keys.flatMap((k) => (job.status?.[k] ? [[k, job.status[k]]] : [])));
}

function isTrue(conditions: readonly V1JobCondition[], type: string): V1JobCondition | undefined {
  return conditions.find((c) => c.type === type && c.status === 'True');
}

// Complete (not SuccessCriteriaMet) means the trainer's pods have exited, so its output is
// written; Failed (not FailureTarget) is final. Kubernetes 1.31+ sets the *Target/*Met ones first.
function jobPhase(job: V1Job): JobPhase {
  const conditions = job.status?.conditions ?? [];
  if (isTrue(conditions, 'Complete')) return 'Succeeded';
  if (isTrue(conditions, 'Failed')) return 'Failed';
  return (job.status?.active ?? 0) > 0 ? 'Running' : 'Pending';
}

/** The Failed condition's reason and message; FailureTarget's when Failed carries none. */
function failureOf(conditions: readonly V1JobCondition[]): { reason: string; message: string } {
  const failed = isTrue(conditions, 'Failed');
  const target = isTrue(conditions, 'FailureTarget');
  return {
    reason: failed?.reason || target?.reason || 'JobFailed',
    message: failed?.message || target?.message || '',
  };
}

function toIso(t: Date | string): string {
  return typeof t === 'string' ? t : t.toISOString();
}
