// `sluice render`: the objects the operator would create for the given InferenceModels, offline
// (no cluster), for GitOps review. Each document is admitted as the API server would store it
// (CRD schema, defaults), then planned by the operator's own pure planner (render/).
import type { DocumentFormat } from '../output/documents.js';
import { paint } from '../output/colour.js';
import { renderManifests } from './render/render-manifests.js';
import { readSources } from './render/sources.js';

export interface RenderOptions {
  readonly filename: string[];
  readonly profileFile: string[];
  readonly output: DocumentFormat;
  readonly namespace: string;
  readonly keda: boolean;
  readonly serviceMonitor: boolean;
}

export async function render(options: RenderOptions): Promise<void> {
  const files = await readSources([...options.filename, ...options.profileFile]);
  const result = renderManifests(files, { ...options, now: new Date().toISOString() });
  for (const { level, text } of result.messages) {
    const label =
      level === 'error'
        ? paint('red', 'error:', process.stderr)
        : paint('dim', 'note:', process.stderr);
    process.stderr.write(`${label} ${text}\n`);
  }
  process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
}
