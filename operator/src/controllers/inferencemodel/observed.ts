// What the reconciler observed in its cache, reduced to the facts the pure planner needs.
import type { V1Deployment, V1Job } from '@kubernetes/client-node';

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
}

export function observeDeployment(d: V1Deployment): ObservedDeployment {
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  return {
    replicas: d.status?.replicas ?? 0,
    readyReplicas: d.status?.readyReplicas ?? 0,
    progressDeadlineExceeded: progressing?.reason === 'ProgressDeadlineExceeded',
  };
}

/** A Job's phase from its conditions (Complete / Failed) and active pods. */
export function observeJob(job: V1Job): ObservedJob {
  const observed: ObservedJob = { name: job.metadata?.name ?? '', phase: jobPhase(job) };
  const start = job.status?.startTime;
  const end = job.status?.completionTime;
  if (start) observed.startTime = toIso(start);
  if (end) observed.completionTime = toIso(end);
  return observed;
}

function jobPhase(job: V1Job): JobPhase {
  const conditions = job.status?.conditions ?? [];
  const done = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  if (done('Complete')) return 'Succeeded';
  if (done('Failed')) return 'Failed';
  return (job.status?.active ?? 0) > 0 ? 'Running' : 'Pending';
}

function toIso(t: Date | string): string {
  return typeof t === 'string' ? t : t.toISOString();
}
