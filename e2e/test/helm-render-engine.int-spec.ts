// charts/tools/helm-render on a chart that uses what charts/sluice does not: tpl, printf with and
// without int, a missing value, Capabilities, lookup, toToml, fromYaml, a value deleted by a null
// override, Template/Chart/Release fields, Files.Glob/AsConfig/Lines, and a template rendering to
// nothing. The expected text is what Helm 3 prints for the same chart and flags.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_DIR } from '../src/chart/chart-files.js';
import { rendererBuilt, renderChart } from '../src/chart/renderer.js';

const ENGINE_CHART = join(CHART_DIR, '..', 'tools', 'helm-render', 'testdata', 'engine');

const EXPECTED = `---
# Source: engine/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: engine-hello
data:
  tpl: "hello from rel"
  printfInt: "8080"
  printfFloat: "%!d(float64=8080)"
  quoted: "8080"
  missing: ""
  kubeMinor: "32"
  hasApps: "true"
  lookup: "0"
  toToml: "a = 1.0\\n\\n[b]\\n  c = \\"two\\"\\n"
  fromYaml: "[1,2]"
  dropped: "false"
  template: "engine/templates/configmap.yaml"
  chart: "engine-1.2.3-4.5"
  release: "ns/rel true 1"
  toYaml: "a: 1\\nb:\\n  c: two"
---
# Source: engine/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: files
data:
  a.txt: |
    A
  b.txt: B
  line: "A"
`;

(rendererBuilt() ? describe : describe.skip)('helm-render, the engine', () => {
  it('renders functions and objects as Helm does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-values-'));
    const override = join(dir, 'override.yaml');
    writeFileSync(override, 'dropped: null\n');
    const args = ['--release-name', 'rel', '--namespace', 'ns'];
    const result = renderChart(ENGINE_CHART, [override], args);
    rmSync(dir, { recursive: true });
    expect(result).toEqual({ ok: true, output: EXPECTED });
  });

  it('refuses a release name Helm refuses', () => {
    const result = renderChart(ENGINE_CHART, [], ['--release-name', 'Rel_1']);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('Error: invalid release name "Rel_1"');
  });

  it('refuses a directory without Chart.yaml', () => {
    const result = renderChart(join(ENGINE_CHART, 'templates'), []);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^Error: .*templates: Chart.yaml file is missing$/);
  });
});
