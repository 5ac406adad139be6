// The fine-tune part of a plan: the Job for the current spec hash, its state for status, and the
// adapter (or weights) to serve once it succeeded. Only the Job of the current hash counts: a
// changed spec serves nothing new until its own Job succeeds.
import type { V1Job } from '@kubernetes/client-node';
import type { InferenceModel, InferenceModelSpec } from '@sluice/crds';
import { draft, type ConditionDraft } from '../status/conditions.js';
import { desiredFineTuneJob } from '../desired/desired-finetune-job.js';
import type { ObservedJob } from '../observe/observed.js';
import type { FineTuneStatus } from '../status/status.js';
import type { ExtraAdapter } from '../desired/vllm-args.js';

type VllmSpec = NonNullable<InferenceModelSpec['vllm']>;

export interface FineTunePlan {
  job: V1Job;
  status: FineTuneStatus;
  condition: ConditionDraft;
  /** Set once the Job succeeded and serveAs is adapter. */
  adapter?: ExtraAdapter;
  /** Set once the Job succeeded and serveAs is model: the weights to serve instead. */
  model?: string;
  /** The Job failed for good: Degraded, with the Job controller's reason in the message. */
  failed?: { reason: string; message: string };
}

export function planFineTune(
  model: InferenceModel,
  vllm: VllmSpec,
  servedName: string,
  observed: readonly ObservedJob[],
): FineTunePlan | undefined {
  const fineTune = model.spec?.fineTune;
  if (!fineTune) return undefined;
  const job = desiredFineTuneJob(model, fineTune, vllm);
  const jobName = job.metadata?.name ?? '';
  const seen = observed.find((j) => j.name === jobName);
  const plan: FineTunePlan = {
    job,
    status: jobStatus(jobName, seen),
    condition: jobCondition(jobName, seen),
  };
  if (seen?.phase === 'Failed') {
    plan.failed = { reason: 'FineTuneFailed', message: plan.condition.message };
  }
  if (seen?.phase !== 'Succeeded') return plan;
  plan.status.outputURI = fineTune.outputURI;
  if (fineTune.serveAs === 'model') return { ...plan, model: fineTune.outputURI };
  return { ...plan, adapter: { name: `${servedName}-ft`, source: fineTune.outputURI } };
}

/** Only what the CRD's status.fineTune holds; pod counts go into the condition's message. */
function jobStatus(jobName: string, seen: ObservedJob | undefined): FineTuneStatus {
  const status: FineTuneStatus = { jobName, phase: seen?.phase ?? 'Pending' };
  if (seen?.startTime) status.startTime = seen.startTime;
  if (seen?.completionTime) status.completionTime = seen.completionTime;
  return status;
}

export function jobCondition(jobName: string, seen: ObservedJob | undefined): ConditionDraft {
  const job = `Fine-tune Job ${jobName}`;
  const pods = podCounts(seen);
  switch (seen?.phase) {
    case 'Succeeded':
      return draft('FineTuneSucceeded', 'True', 'JobSucceeded', `${job} succeeded${pods}.`);
    case 'Failed':
      return draft('FineTuneSucceeded', 'False', 'JobFailed', failedMessage(job, seen, pods));
    case 'Running':
      return draft('FineTuneSucceeded', 'Unknown', 'JobRunning', `${job} is running${pods}.`);
    default:
      return draft('FineTuneSucceeded', 'Unknown', 'JobPending', `${job} has not started${pods}.`);
  }
}

/** The Job controller's reason and message, and what the user can do about it. */
function failedMessage(job: string, seen: ObservedJob, pods: string): string {
  const { reason, message } = seen.failure ?? { reason: 'JobFailed', message: '' };
  const why = message ? `${reason}: ${message}` : reason;
  return (
    `${job} failed (${why})${pods}. Read the trainer's logs (kubectl logs job/${seen.name}); ` +
    'delete the Job to retry the same spec, or change spec.fineTune to start a new one.'
  );
}

/** " (1 active, 2 failed)" from the Job's pod counts, or "" when it has none. */
function podCounts(seen: ObservedJob | undefined): string {
  const parts = (['active', 'succeeded', 'failed'] as const)
    .filter((key) => (seen?.[key] ?? 0) > 0)
    .map((key) => `${seen?.[key]} ${key}`);
  return parts.length ? ` (pods: ${parts.join(', ')})` : '';
}
