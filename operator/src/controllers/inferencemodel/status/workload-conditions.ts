// Ready / Progressing / Degraded and the phase of a self-hosted (vllm) model, from the planner's
// verdict and the observed Deployment. Reasons are CamelCase (API conventions).
import type { InferenceModelStatus } from '@sluice/crds';
import { draft, type ConditionDraft } from './conditions.js';
import type { ObservedDeployment } from '../observe/observed.js';

export type Phase = NonNullable<InferenceModelStatus['phase']>;

interface Facts {
  blocked?: { reason: string; message: string };
  degraded?: { reason: string; message: string };
  deployment?: ObservedDeployment;
  fineTune?: { phase?: string };
}

export function workloadConditions(f: Facts): { phase: Phase; drafts: ConditionDraft[] } {
  const ready = readyCondition(f);
  const progressing = progressingCondition(f);
  const degraded = degradedCondition(f);
  return { phase: phaseOf(f, ready, degraded), drafts: [ready, progressing, degraded] };
}

function readyCondition(f: Facts): ConditionDraft {
  if (f.blocked) return draft('Ready', 'False', f.blocked.reason, f.blocked.message);
  const d = f.deployment;
  if (!d)
    return draft('Ready', 'False', 'DeploymentPending', 'The vLLM Deployment does not exist yet.');
  if (d.readyReplicas > 0) {
    return draft(
      'Ready',
      'True',
      'ReplicasReady',
      `${d.readyReplicas} of ${d.replicas} replicas are ready.`,
    );
  }
  if (d.replicas === 0) return draft('Ready', 'False', 'ScaledToZero', 'No replicas are running.');
  return draft(
    'Ready',
    'False',
    'ReplicasNotReady',
    `0 of ${d.replicas} replicas are ready (loading weights or failing).`,
  );
}

function progressingCondition(f: Facts): ConditionDraft {
  if (f.blocked)
    return draft(
      'Progressing',
      'False',
      f.blocked.reason,
      'Nothing is rolled out until the problem is fixed.',
    );
  const d = f.deployment;
  if (d?.progressDeadlineExceeded) {
    return draft(
      'Progressing',
      'False',
      'ProgressDeadlineExceeded',
      'The Deployment exceeded its progress deadline.',
    );
  }
  if (!d || d.readyReplicas < d.replicas) {
    return draft('Progressing', 'True', 'RollingOut', 'Replicas are starting.');
  }
  return draft('Progressing', 'False', 'RolloutComplete', 'Every replica is ready.');
}

function degradedCondition(f: Facts): ConditionDraft {
  if (f.deployment?.progressDeadlineExceeded) {
    return draft(
      'Degraded',
      'True',
      'ProgressDeadlineExceeded',
      'The vLLM Deployment is not progressing; see its pods.',
    );
  }
  if (f.degraded) return draft('Degraded', 'True', f.degraded.reason, f.degraded.message);
  return draft('Degraded', 'False', 'AsExpected', 'Nothing is degraded.');
}

function phaseOf(f: Facts, ready: ConditionDraft, degraded: ConditionDraft): Phase {
  if (f.blocked) return 'Failed';
  if (degraded.status === 'True') return 'Degraded';
  if (ready.status === 'True') return 'Ready';
  if (f.fineTune?.phase === 'Pending' || f.fineTune?.phase === 'Running') return 'FineTuning';
  return f.deployment ? 'Deploying' : 'Pending';
}
