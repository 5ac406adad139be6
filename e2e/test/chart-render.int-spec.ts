// charts/sluice really rendered: charts/tools/helm-render executes every template with the engine
// Helm uses (Go's text/template, Sprig, Helm's include/tpl/required/toYaml), with values.yaml and
// each ci/ override, and what it outputs must be Kubernetes objects an API server would accept.
// Then edits that break the chart under Helm, applied to a copy, must each fail here.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiEnvSchema, operatorEnvSchema } from '@sluice/common';
import type { z } from 'zod';
import { stringify } from 'yaml';
import { CHART_DIR, ciValueFiles, readSchema, readValuesFile } from '../src/chart/chart-files.js';
import { checkManifests, unmodelled } from '../src/chart/manifest-check.js';
import { coalesceValues, validateValues } from '../src/chart/values.js';
import {
  parseManifests,
  RENDERER,
  rendererBuilt,
  renderChart,
  type Manifest,
} from '../src/chart/renderer.js';

const VALUE_SETS: Array<[string, string[]]> = [
  ['values.yaml', []],
  ...ciValueFiles().map((file): [string, string[]] => [file, [join(CHART_DIR, file)]]),
];

/** Every finding of a render: Helm's error if it failed, else what an install would refuse. */
function findings(chartDir: string, valueFiles: string[]): string[] {
  const rendered = renderChart(chartDir, valueFiles);
  if (!rendered.ok) return [rendered.output];
  try {
    return checkManifests(parseManifests(rendered.output));
  } catch (error) {
    return [String(error)];
  }
}

const renders = (valueFiles: string[]): Manifest[] =>
  parseManifests(renderChart(CHART_DIR, valueFiles).output);

it('the renderer is built (make chart-renderer; CI builds it before the tests)', () => {
  // Outside CI a machine without Go skips the rest; in CI a missing renderer is a failure.
  if (process.env.CI) expect(`${RENDERER}: ${rendererBuilt()}`).toBe(`${RENDERER}: true`);
});

const whenBuilt = rendererBuilt() ? describe : describe.skip;

whenBuilt('charts/sluice rendered as helm template renders it', () => {
  it.each(VALUE_SETS)('with %s, every document is an object an API server accepts', (_, files) => {
    expect(findings(CHART_DIR, files)).toEqual([]);
    // Every kind the chart renders has a vendored specification (kube-sim/vendor/).
    expect(unmodelled(renders(files))).toEqual([]);
  });

  it('production values turn on every optional object', () => {
    const kinds = renders([join(CHART_DIR, 'ci/production-values.yaml')]).map(
      ({ source, object }) => `${String(object.kind)} ${source.split('/').pop()}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'NetworkPolicy networkpolicy.yaml',
        'ConfigMap grafana-dashboard-configmap.yaml',
        'ConfigMap prometheus-adapter-rules-configmap.yaml',
        'ServiceMonitor servicemonitor.yaml',
      ]),
    );
  });

  it.each(VALUE_SETS)('with %s, each container gets settings its process accepts', (_, files) => {
    const deployments = renders(files).filter(({ object }) => object.kind === 'Deployment');
    expect(deployments.map(({ source }) => source).sort()).toEqual([
      'sluice/templates/api-deployment.yaml',
      'sluice/templates/operator-deployment.yaml',
    ]);
    for (const { source, object } of deployments) {
      const schema = source.includes('api-') ? apiEnvSchema : operatorEnvSchema;
      for (const container of podContainers(object)) {
        expect(envIssues(schema, container)).toEqual([]);
      }
    }
  });

  it('renders NOTES.txt with the release and the Secrets to create', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-notes-'));
    const notes = join(dir, 'NOTES.txt');
    const args = ['--release-name', 'prod', '--namespace', 'llm', '--notes', notes];
    expect(renderChart(CHART_DIR, [], args).ok).toBe(true);
    const text = readFileSync(notes, 'utf8');
    rmSync(dir, { recursive: true });
    expect(text).toContain('kubectl -n llm create secret generic sluice-database');
    expect(text).toContain('prod-sluice-api.llm.svc:50051');
    expect(text).not.toMatch(/%!|<no value>/);
  });

  it("refuses a Kubernetes older than Chart.yaml's kubeVersion, as Helm does", () => {
    expect(renderChart(CHART_DIR, [], ['--kube-version', 'v1.26.3'])).toEqual({
      ok: false,
      output:
        'Error: chart requires kubeVersion: >=1.27.0-0 which is incompatible with Kubernetes v1.26.3',
    });
  });

  it('refuses values that values.schema.json refuses, before any template runs, as Helm does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-schema-'));
    const bad = join(dir, 'bad-values.yaml');
    writeFileSync(bad, stringify({ api: { grpcPort: 70000 } }));
    const result = renderChart(CHART_DIR, [bad]);
    rmSync(dir, { recursive: true });
    expect(result).toEqual({
      ok: false,
      output: [
        "Error: values don't meet the specifications of the schema(s) in the following chart(s):",
        'sluice:',
        '- api.grpcPort: Must be less than or equal to 65535',
      ].join('\n'),
    });
  });

  it('fails a required value with its message and where, as Helm does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-required-'));
    const values = join(dir, 'values.yaml');
    writeFileSync(values, stringify({ operator: { serviceAccount: { create: false } } }));
    const result = renderChart(CHART_DIR, [values]);
    rmSync(dir, { recursive: true });
    expect(result.output).toMatch(
      /^Error: execution error at \(sluice\/templates\/[a-z-]+\.yaml:\d+:\d+\): operator\.serviceAccount\.name is required when create is false$/,
    );
  });

  it('renders as a dependency would, with the global values a parent chart passes', () => {
    // Helm gives every subchart the parent's `global` (coalesceGlobals), then checks its schema.
    const parentValues = { global: { imageRegistry: 'registry.example.com' } };
    const values = coalesceValues(readValuesFile('values.yaml'), parentValues);
    expect(validateValues(readSchema(), values)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'chart-global-'));
    const parent = join(dir, 'parent-values.yaml');
    writeFileSync(parent, stringify(parentValues));
    const result = findings(CHART_DIR, [parent]);
    rmSync(dir, { recursive: true });
    expect(result).toEqual([]);
  });
});

// Each edit breaks the chart for Helm; `from` must occur exactly once, so a template change that
// removes it fails this test instead of letting the edit silently do nothing.
interface Edit {
  name: string;
  file: string;
  from: string;
  to: string;
  finding: string;
}

const EDITS: Edit[] = [
  {
    name: 'toYaml misspelt toYAML',
    file: 'api-deployment.yaml',
    from: 'toYaml .Values.podSecurityContext',
    to: 'toYAML .Values.podSecurityContext',
    finding:
      'parse error at (sluice/templates/api-deployment.yaml:28): function "toYAML" not defined',
  },
  {
    name: 'a missing {{- end }}',
    file: 'api-deployment.yaml',
    from: 'affinity:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n',
    to: 'affinity:\n        {{- toYaml . | nindent 8 }}\n',
    finding: 'parse error at (sluice/templates/api-deployment.yaml:138): unexpected EOF',
  },
  {
    name: 'a wrong nindent under the pod labels',
    file: 'api-deployment.yaml',
    from: '{{- include "sluice.labels" (dict "ctx" $ "component" "api") | nindent 8 }}',
    to: '{{- include "sluice.labels" (dict "ctx" $ "component" "api") | nindent 6 }}',
    finding:
      'Deployment release-name-sluice-api: strict decoding error: unknown field "spec.template.metadata.helm.sh/chart"',
  },
  {
    name: 'a wrong nindent in the dashboard ConfigMap',
    file: 'grafana-dashboard-configmap.yaml',
    from: '"files/dashboards/sluice.json" | nindent 4',
    to: '"files/dashboards/sluice.json" | nindent 2',
    finding: 'YAML parse error on sluice/templates/grafana-dashboard-configmap.yaml',
  },
  {
    name: 'int dropped before printf "%d"',
    file: 'api-deployment.yaml',
    from: 'printf "0.0.0.0:%d" (int .Values.api.grpcPort)',
    to: 'printf "0.0.0.0:%d" .Values.api.grpcPort',
    finding: 'a Go fmt error in a value: "0.0.0.0:%!d(float64=50051)"',
  },
];

whenBuilt('edits that break the chart under Helm fail here', () => {
  it.each(EDITS)('$name', ({ file, from, to, finding }) => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-edit-'));
    const chart = join(dir, 'sluice');
    cpSync(CHART_DIR, chart, { recursive: true });
    const path = join(chart, 'templates', file);
    const parts = readFileSync(path, 'utf8').split(from);
    expect(parts).toHaveLength(2);
    writeFileSync(path, parts.join(to));
    const all = VALUE_SETS.flatMap(([, files]) => findings(chart, files));
    rmSync(dir, { recursive: true });
    expect(all).toContainEqual(expect.stringContaining(finding));
  });
});

interface Container {
  env?: Array<{ name: string; value?: string; valueFrom?: Record<string, unknown> }>;
}

function podContainers(deployment: Record<string, unknown>): Container[] {
  const pod = (deployment.spec as { template: { spec: Record<string, Container[] | undefined> } })
    .template.spec;
  return [...(pod.containers ?? []), ...(pod.initContainers ?? [])];
}

// What a Secret or the downward API would supply, so that only the chart's own values are judged.
const FROM_OUTSIDE: Record<string, string> = {
  DATABASE_URL: 'postgres://sluice@postgres:5432/sluice',
  REDIS_URL: 'redis://redis:6379',
  POD_NAME: 'sluice-0',
  LEADER_ELECTION_NAMESPACE: 'sluice',
};

function envIssues(schema: z.ZodType, container: Container): string[] {
  const env = Object.fromEntries(
    (container.env ?? []).map((e) => [e.name, e.valueFrom ? FROM_OUTSIDE[e.name] : e.value]),
  );
  const result = schema.safeParse(env);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
