// charts/tools/helm-render, the chart rendered as `helm template` renders it (Go's text/template,
// Sprig, Helm's own functions; see its README). `make chart-renderer` builds it into
// .sluice/bin/helm-render; HELM_RENDER names another build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { CHART_DIR } from './chart-files.js';

export const RENDERER =
  process.env.HELM_RENDER ?? join(CHART_DIR, '..', '..', '.sluice', 'bin', 'helm-render');

export const rendererBuilt = (): boolean => existsSync(RENDERER);

export interface Rendered {
  ok: boolean;
  /** The manifests on success, Helm's error otherwise. */
  output: string;
}

/** Renders a chart directory with values files (paths), as `helm template -f` does. */
export function renderChart(
  chartDir: string,
  valueFiles: string[],
  extra: string[] = [],
): Rendered {
  const args = [chartDir, ...valueFiles.flatMap((f) => ['-f', f]), ...extra];
  const result = spawnSync(RENDERER, args, { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  const ok = result.status === 0;
  return { ok, output: ok ? result.stdout : result.stderr.trim() };
}

export interface Manifest {
  /** The template it came from (`# Source:`), e.g. sluice/templates/api-deployment.yaml. */
  source: string;
  object: Record<string, unknown>;
}

/** The documents of `helm template` output; a document that is not YAML throws, naming it. */
export function parseManifests(output: string): Manifest[] {
  return output
    .split(/^---\n/m)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const source = /^# Source: (\S+)/.exec(chunk)?.[1] ?? '(unknown)';
      const doc = parseDocument(chunk);
      const error = doc.errors[0];
      if (error) throw new Error(`${source}: ${error.message}`);
      return { source, object: (doc.toJS() ?? {}) as Record<string, unknown> };
    });
}
