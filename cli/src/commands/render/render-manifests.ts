// `sluice render` without I/O: manifests in, the text for stdout, the messages for stderr and the
// exit code out. Exit codes: 0 all rendered, 1 a document is invalid, 2 a model is blocked.
import type { InferenceModel, QuantizationProfile } from '@sluice/crds';
import { formatDocuments, type DocumentFormat } from '../../output/documents.js';
import { Admission } from './admission.js';
import { describe, parseManifests, type ManifestObject, type SourceFile } from './manifests.js';
import { planModels, type RenderedModel } from './plan-models.js';

export interface RenderSettings {
  readonly output: DocumentFormat;
  readonly namespace: string;
  readonly keda: boolean;
  readonly serviceMonitor: boolean;
  /** RFC 3339; status timestamps only, which render does not print. */
  readonly now: string;
}

export interface Message {
  level: 'error' | 'note';
  text: string;
}

export interface RenderResult {
  stdout: string;
  messages: Message[];
  exitCode: 0 | 1 | 2;
}

export function renderManifests(
  files: readonly SourceFile[],
  settings: RenderSettings,
): RenderResult {
  const manifests = parseManifests(files, settings.namespace);
  const messages: Message[] = manifests.skipped.map((s) =>
    note(`Skipped ${s}: render plans InferenceModels.`),
  );
  const admission = new Admission();
  const models = admitAll(admission, manifests.models, messages) as InferenceModel[];
  const profiles = admitAll(admission, manifests.profiles, messages) as QuantizationProfile[];
  const capabilities = { keda: settings.keda, serviceMonitor: settings.serviceMonitor };
  const rendered = planModels({ models, profiles, capabilities, now: settings.now });
  messages.push(...rendered.flatMap(messagesOf));
  const objects = rendered.filter((r) => !r.blocked).flatMap((r) => r.objects);
  const admitted = models.length + profiles.length;
  const invalid = admitted < manifests.models.length + manifests.profiles.length;
  const blocked = rendered.some((r) => r.blocked);
  return {
    stdout: formatDocuments(objects, settings.output),
    messages,
    exitCode: invalid ? 1 : blocked ? 2 : 0,
  };
}

/** The admitted documents; each invalid one is reported and left out. */
function admitAll(
  admission: Admission,
  objects: readonly ManifestObject[],
  messages: Message[],
): ManifestObject[] {
  return objects.flatMap((object) => {
    const admitted = admission.admit(object);
    if ('object' in admitted) return [admitted.object];
    messages.push({
      level: 'error',
      text: `${describe(object)} was not rendered: ${admitted.error}`,
    });
    return [];
  });
}

/** Offline, a profile is "not found" most often because its file was not given. */
const OFFLINE_HINTS: Record<string, string> = {
  QuantizationProfileNotFound:
    ' (offline, render sees only the files it is given: add the profile with -f or --profile-file)',
};

function messagesOf({ model, blocked, objects }: RenderedModel): Message[] {
  if (blocked) {
    const hint = OFFLINE_HINTS[blocked.reason] ?? '';
    const text = `InferenceModel ${model} is blocked (${blocked.reason}): ${blocked.message}${hint}`;
    return [{ level: 'error', text }];
  }
  if (objects.length > 0) return [];
  return [note(`InferenceModel ${model} runs no workload (provider external): nothing to create.`)];
}

const note = (text: string): Message => ({ level: 'note', text });
