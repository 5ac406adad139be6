// The fine-tune part of a plan: the Job for the current spec hash, its state for status, and the
// adapter (or weights) to serve once it succeeded. Only the Job of the current hash counts: a
// changed spec serves nothing new until its own Job succeeds.
import type { V1Job } from '@kubernetes/client-node';
import type { InferenceModel, InferenceModelSpec } from '@sluice/crds';
import { draft, type ConditionDraft } from './conditions.js';
import { desiredFineTuneJob } from './desired-finetune-job.js';
import type { ObservedJob } from './observed.js';
import type { FineTuneStatus } from './status.js';
import type { ExtraAdapter } from './vllm-args.js';

type VllmSpec = NonNullable<InferenceModelSpec['vllm']>;

export interface FineTunePlan {
  job: V1Job;
  status: FineTuneStatus;
  condition: ConditionDraft;
  /** Set once the Job succeeded and serveAs is adapter. */
  adapter?: ExtraAdapter;
  /** Set once the Job succeeded and serveAs is model: the weights to serve instead. */
  model?: string;
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
    const message = `Fine-tune Job ${jobName} failed; see its pods' logs.`;
    plan.failed = { reason: 'FineTuneFailed', message };
  }
  if (seen?.phase !== 'Succeeded') return plan;
  plan.status.outputURI = fineTune.outputURI;
  if (fineTune.serveAs === 'model') return { ...plan, model: fineTune.outputURI };
  return { ...plan, adapter: { name: `${servedName}-ft`, source: fineTune.outputURI } };
}

function jobStatus(jobName: string, seen: ObservedJob | undefined): FineTuneStatus {
  const status: FineTuneStatus = { jobName, phase: seen?.phase ?? 'Pending' };
  if (seen?.startTime) status.startTime = seen.startTime;
  if (seen?.completionTime) status.completionTime = seen.completionTime;
  return status;
}

function jobCondition(jobName: string, seen: ObservedJob | undefined): ConditionDraft {
  switch (seen?.phase) {
    case 'Succeeded':
      return draft(
        'FineTuneSucceeded',
        'True',
        'JobSucceeded',
        `Fine-tune Job ${jobName} succeeded.`,
      );
    case 'Failed':
      return draft('FineTuneSucceeded', 'False', 'JobFailed', `Fine-tune Job ${jobName} failed.`);
    case 'Running':
      return draft(
        'FineTuneSucceeded',
        'Unknown',
        'JobRunning',
        `Fine-tune Job ${jobName} is running.`,
      );
    default:
      return draft(
        'FineTuneSucceeded',
        'Unknown',
        'JobPending',
        `Fine-tune Job ${jobName} has not started.`,
      );
  }
}
