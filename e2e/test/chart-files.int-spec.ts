// charts/sluice's files checked against their sources of truth: the CRDs against crds/, the
// ClusterRoles against the rules files (which chart-rbac.e2e-spec.ts checks against real runs),
// and the Grafana dashboard against the metrics the API and the operator export.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readRuleFile } from '@sluice/kube-sim';
import { CHART_DIR, readChartFile } from '../src/chart/chart-files.js';
import { includedRulesFile } from '../src/chart/rbac-check.js';

const template = (file: string): string => readChartFile(join('templates', file));

describe('CRDs and RBAC', () => {
  const crdFiles = ['inferencemodels', 'quantizationprofiles', 'routingpolicies'].map(
    (plural) => `sluice.dev_${plural}.yaml`,
  );

  it.each(crdFiles)(
    'crds/%s is the same as the source of truth in crds/ (make generate)',
    (file) => {
      const source = readFileSync(join(CHART_DIR, '..', '..', 'crds', file), 'utf8');
      expect(readChartFile(join('crds', file))).toBe(source);
    },
  );

  it.each([
    ['operator-clusterrole.yaml', 'files/operator-rbac-rules.yaml'],
    ['api-clusterrole.yaml', 'files/api-rbac-rules.yaml'],
  ])('%s grants exactly the rules of %s', (file, rules) => {
    expect(includedRulesFile(template(file))).toBe(rules);
    expect(readRuleFile(readChartFile(rules)).rules.length).toBeGreaterThan(0);
  });
});

describe('Grafana dashboard (files/dashboards/sluice.json)', () => {
  interface Panel {
    title: string;
    description?: string;
    gridPos: { x: number; y: number; w: number; h: number };
    targets?: Array<{ expr: string }>;
  }
  const dashboard = JSON.parse(readChartFile('files/dashboards/sluice.json')) as {
    panels: Panel[];
  };
  const metricsIn = (panel: Panel): string[] =>
    (panel.targets ?? []).flatMap((t) =>
      [...t.expr.matchAll(/\bsluice_[a-z0-9_]+/g)].map((m) =>
        m[0].replace(/_(bucket|sum|count)$/, ''),
      ),
    );
  /** Every sluice_* metric name the API and the operator register (prom-client `name:`). */
  const exported = (): Set<string> => {
    const names = new Set<string>();
    for (const pkg of ['api', 'operator']) {
      const src = join(CHART_DIR, '..', '..', pkg, 'src');
      for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
        const text = readFileSync(join(src, file), 'utf8');
        for (const m of text.matchAll(/name: '(sluice_[a-z0-9_]+)'/g)) names.add(m[1] ?? '');
      }
    }
    return names;
  };

  it('queries only metrics the processes export', () => {
    const known = exported();
    const queried = dashboard.panels.flatMap(metricsIn);
    expect(queried.filter((name) => !known.has(name))).toEqual([]);
    expect(queried).toEqual(
      expect.arrayContaining([
        'sluice_route_decisions_total',
        'sluice_cache_lookups_total',
        'sluice_cost_usd_total',
        'sluice_tokens_total',
        'sluice_usage_ingest_lag_seconds',
        'sluice_grpc_server_handling_seconds',
        'sluice_router_buffered',
      ]),
    );
  });

  it('lays the panels out on the 24-column grid without overlapping', () => {
    const overlaps = (a: Panel['gridPos'], b: Panel['gridPos']) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const { panels } = dashboard;
    const clashes = panels.flatMap((a, i) =>
      panels
        .slice(i + 1)
        .flatMap((b) => (overlaps(a.gridPos, b.gridPos) ? [[a.title, b.title]] : [])),
    );
    expect(clashes).toEqual([]);
    expect(panels.filter((p) => p.gridPos.x + p.gridPos.w > 24).map((p) => p.title)).toEqual([]);
  });
});

describe('prometheus-adapter rules', () => {
  // What the operator's HPAs ask the custom metrics API for (desired-autoscaler.ts: vllm:<metric>,
  // one per value of the CRD's autoscaling.metric enum) must be what the rules expose, unrenamed.
  type Node = { properties?: Record<string, Node>; enum?: string[] };
  const crd = parse(
    readFileSync(join(CHART_DIR, 'crds', 'sluice.dev_inferencemodels.yaml'), 'utf8'),
  ) as { spec: { versions: { schema: { openAPIV3Schema: Node } }[] } };
  const root = crd.spec.versions[0]?.schema.openAPIV3Schema;
  const metrics = root?.properties?.spec?.properties?.autoscaling?.properties?.metric?.enum ?? [];
  const { rules } = parse(readChartFile('files/prometheus-adapter-rules.yaml')) as {
    rules: { seriesQuery: string; name: { matches: string; as: string } }[];
  };

  it.each(metrics.map((m) => `vllm:${m}`))('exposes %s under its own name', (series) => {
    const rule = rules.find((r) => {
      const name = /__name__=~"([^"]+)"/.exec(r.seriesQuery)?.[1];
      return name !== undefined && new RegExp(name).test(series);
    });
    expect(rule).toBeDefined();
    expect(
      series.replace(new RegExp(rule!.name.matches), rule!.name.as.replace('${1}', '$1')),
    ).toBe(series);
  });

  it('reads the metrics the CRD lets an autoscaler use', () => {
    expect(metrics).toHaveLength(2);
  });

  it("exposes the API's routed demand per model as an external metric in the model's namespace", () => {
    const { externalRules } = parse(readChartFile('files/prometheus-adapter-rules.yaml')) as {
      externalRules: {
        seriesQuery: string;
        resources: { overrides: Record<string, { resource: string }> };
        metricsQuery: string;
      }[];
    };
    const demand = externalRules.find((r) =>
      r.seriesQuery.startsWith('sluice_model_demand_total{'),
    );
    expect(demand?.resources.overrides).toEqual({ model_namespace: { resource: 'namespace' } });
    expect(demand?.metricsQuery).toContain('rate(<<.Series>>{<<.LabelMatchers>>}[2m])');
  });
});
