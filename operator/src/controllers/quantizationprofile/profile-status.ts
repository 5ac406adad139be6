// Pure status of a QuantizationProfile (the PLAN step; the profile owns no objects): Ready with
// the vLLM flags it resolves to and how many InferenceModels use it, Progressing (it runs nothing),
// Degraded when a model's GPU cannot run the method or a quantization Job is asked for, which
// the operator does not run yet. Matches the CRD's status schema: observedGeneration and
// conditions (status.quantizationJob stays unset until the operator creates such a Job).
import type {
  Condition,
  InferenceModel,
  QuantizationProfile,
  QuantizationProfileStatus,
} from '@sluice/crds';
import { stableStringify } from '../inferencemodel/plan/config-hash.js';
import {
  draft,
  mergeConditions,
  type ConditionDraft,
} from '../inferencemodel/status/conditions.js';
import { unsupportedGpus } from './gpu-support.js';
import { describeFlags, resolveFlags } from './vllm-flags.js';

export const JOB_CONDITION = 'QuantizationJobSucceeded';

export interface ProfileStatusInput {
  profile: QuantizationProfile;
  /** InferenceModels of the profile's namespace (the cache); those referencing it are counted. */
  models: readonly InferenceModel[];
  /** RFC 3339 time of this reconcile, for conditions that flip. */
  now: string;
}

export interface ProfileStatus {
  status: QuantizationProfileStatus;
  /** False when the status equals the profile's current one: nothing to write. */
  changed: boolean;
}

export function planProfileStatus(input: ProfileStatusInput): ProfileStatus {
  const { profile } = input;
  const generation = profile.metadata?.generation ?? 0;
  const drafts = conditionDrafts(input);
  // Only the types decided now: a QuantizationJobSucceeded left from a removed
  // spec.quantizationJob goes with it.
  const kept = (profile.status?.conditions ?? []).filter((c) =>
    drafts.some((d) => d.type === c.type),
  );
  const conditions = mergeConditions(kept, drafts, generation, input.now);
  const status: QuantizationProfileStatus = { observedGeneration: generation, conditions };
  return { status, changed: !sameStatus(profile.status, status) };
}

/** The InferenceModels that name the profile in spec.vllm.quantizationProfileRef. */
export function referencingModels(
  profile: QuantizationProfile,
  models: readonly InferenceModel[],
): InferenceModel[] {
  const { name, namespace = 'default' } = profile.metadata ?? {};
  return models.filter(
    (m) =>
      (m.metadata?.namespace ?? 'default') === namespace &&
      m.spec?.provider !== 'external' &&
      m.spec?.vllm?.quantizationProfileRef?.name === name,
  );
}

function conditionDrafts(input: ProfileStatusInput): ConditionDraft[] {
  const spec = input.profile.spec;
  const progressing = draft('Progressing', 'False', 'NoWorkload', NO_WORKLOAD);
  if (!spec) {
    const message = 'spec must be set: method and weightBits are required.';
    const degraded = draft('Degraded', 'False', 'AsExpected', 'Nothing is degraded.');
    return [draft('Ready', 'False', 'InvalidSpec', message), progressing, degraded];
  }
  const users = referencingModels(input.profile, input.models);
  const ready = draft(
    'Ready',
    'True',
    'FlagsResolved',
    readyMessage(describeFlags(resolveFlags(spec)), users),
  );
  const problems = [unsupportedGpus(spec, users), spec.quantizationJob ? JOB_NOT_RUN : undefined];
  const drafts = [ready, progressing, degradedDraft(problems)];
  if (spec.quantizationJob) {
    drafts.push(draft(JOB_CONDITION, 'Unknown', 'QuantizationJobNotSupported', JOB_NOT_RUN));
  }
  return drafts;
}

const NO_WORKLOAD = 'A profile runs nothing itself: its flags take effect in the models using it.';

/** Open item: the operator does not create quantization Jobs yet (SPEC section 2). */
const JOB_NOT_RUN =
  'The operator does not run spec.quantizationJob yet: run the image yourself to write ' +
  'outputURI, then point the InferenceModel at it.';

function readyMessage(flags: string, users: readonly InferenceModel[]): string {
  const names = users.map((m) => m.metadata?.name ?? '').sort();
  const shown = names.length > 5 ? [...names.slice(0, 5), `and ${names.length - 5} more`] : names;
  const used =
    names.length === 0
      ? 'No InferenceModel references it.'
      : `Referenced by ${names.length} InferenceModel${names.length === 1 ? '' : 's'}: ${shown.join(', ')}.`;
  return `Resolves to vLLM flags: ${flags}. ${used}`;
}

function degradedDraft(problems: ReadonlyArray<string | undefined>): ConditionDraft {
  const [gpu, job] = problems;
  if (!gpu && !job) return draft('Degraded', 'False', 'AsExpected', 'Nothing is degraded.');
  const reason = gpu ? 'UnsupportedGPU' : 'QuantizationJobNotSupported';
  return draft('Degraded', 'True', reason, [gpu, job].filter(Boolean).join(' '));
}

function sameStatus(
  a: QuantizationProfileStatus | undefined,
  b: QuantizationProfileStatus,
): boolean {
  return stableStringify(normalize(a)) === stableStringify(normalize(b));
}

/** Conditions are a map keyed by type: their order carries no meaning. */
function normalize(s: QuantizationProfileStatus | undefined): unknown {
  if (!s) return undefined;
  const byType = (x: Condition, y: Condition) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0);
  return { ...s, conditions: [...(s.conditions ?? [])].sort(byType) };
}
