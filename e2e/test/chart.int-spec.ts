// charts/sluice checked without a helm binary (none can be installed here): its values and example
// overrides against values.schema.json as `helm install` validates them, its templates' static
// YAML and every value, helper and file they refer to, its CRDs against crds/, and its
// ClusterRoles against the rules files the RBAC run checks (chart-rbac.e2e-spec.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiEnvSchema, operatorEnvSchema } from '@sluice/common';
import { readRuleFile } from '../src/kube-server/rbac-file.js';
import {
  CHART_DIR,
  ciValueFiles,
  readChartFile,
  readSchema,
  readValuesFile,
  templateFiles,
} from '../src/chart/chart-files.js';
import { includedRulesFile } from '../src/chart/rbac-check.js';
import { skeletonDocuments } from '../src/chart/skeleton.js';
import { templateRefs } from '../src/chart/template-refs.js';
import { schemaHasPath, valuesHavePath } from '../src/chart/value-paths.js';
import { coalesceValues, validateValues, type Values } from '../src/chart/values.js';

const schema = readSchema();
const defaults = readValuesFile('values.yaml');
const manifests = templateFiles().filter((file) => file.endsWith('.yaml'));
const template = (file: string): string => readChartFile(join('templates', file));

describe('values', () => {
  it('values.yaml validates against values.schema.json', () => {
    expect(validateValues(schema, defaults)).toEqual([]);
  });

  it.each(ciValueFiles())('%s, coalesced into values.yaml, validates', (file) => {
    expect(validateValues(schema, coalesceValues(defaults, readValuesFile(file)))).toEqual([]);
  });

  it.each<[string, Values, string]>([
    [
      'a writable root filesystem',
      { securityContext: { readOnlyRootFilesystem: false } },
      'securityContext.readOnlyRootFilesystem: must be equal to constant',
    ],
    [
      'privilege escalation',
      { securityContext: { allowPrivilegeEscalation: true } },
      'securityContext.allowPrivilegeEscalation: must be equal to constant',
    ],
    ['a misspelt key', { api: { replica: 3 } }, 'api.replica: must NOT have additional properties'],
    [
      'a replica count as text',
      { operator: { replicas: 'two' } },
      'operator.replicas: must be integer',
    ],
    [
      'an empty Secret name',
      { api: { database: { existingSecret: '' } } },
      'api.database.existingSecret: must NOT have fewer than 1 characters',
    ],
    [
      'a dropped Secret key',
      { api: { redis: { urlKey: null } } },
      "api.redis.urlKey: must have required property 'urlKey'",
    ],
    [
      'an unknown log level',
      { api: { logLevel: 'verbose' } },
      'api.logLevel: must be equal to one of the allowed values',
    ],
    [
      'a lease duration without unit',
      { operator: { leaderElection: { leaseDuration: '15' } } },
      'operator.leaderElection.leaseDuration: must match pattern',
    ],
    ['a port out of range', { api: { grpcPort: 70000 } }, 'api.grpcPort: must be <= 65535'],
    [
      'an unknown pull policy',
      { api: { image: { pullPolicy: 'Sometimes' } } },
      'api.image.pullPolicy: must be equal to one of the allowed values',
    ],
    [
      'a switch as text',
      { serviceMonitor: { enabled: 'yes' } },
      'serviceMonitor.enabled: must be boolean',
    ],
  ])('refuses %s, naming the field', (_, override, finding) => {
    const findings = validateValues(schema, coalesceValues(defaults, override));
    expect(findings).toContainEqual(expect.stringContaining(finding));
  });
});

describe('templates', () => {
  const helpers = templateFiles()
    .filter((f) => f.endsWith('.tpl'))
    .map(template);
  const defined = new Set(helpers.flatMap((text) => templateRefs(text).defines));

  it.each(templateFiles())(
    '%s reads only values that values.yaml and the schema define',
    (file) => {
      const paths = templateRefs(template(file)).values.map((p) => p.join('.'));
      const undefinedPaths = paths.filter((p) => !valuesHavePath(defaults, p.split('.')));
      const undeclared = paths.filter((p) => !schemaHasPath(schema, p.split('.')));
      expect({ undefinedPaths, undeclared }).toEqual({ undefinedPaths: [], undeclared: [] });
    },
  );

  it.each(templateFiles())('%s includes only defined helpers and existing files', (file) => {
    const refs = templateRefs(template(file));
    expect(refs.includes.filter((name) => !defined.has(name))).toEqual([]);
    expect(refs.files.filter((f) => !existsSync(join(CHART_DIR, f)))).toEqual([]);
  });

  it.each(manifests)('%s is YAML of Kubernetes objects once its actions are taken out', (file) => {
    for (const doc of skeletonDocuments(template(file))) {
      const { apiVersion, kind, metadata } = doc as {
        apiVersion: unknown;
        kind: unknown;
        metadata?: { name?: unknown };
      };
      expect([typeof apiVersion, typeof kind, typeof metadata?.name]).toEqual([
        'string',
        'string',
        'string',
      ]);
    }
  });
});

interface EnvVar {
  name: string;
  valueFrom?: { secretKeyRef?: unknown; fieldRef?: { fieldPath: string } };
}
interface Container {
  name: string;
  env: EnvVar[];
  ports: Array<{ name: string }>;
  securityContext: unknown;
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  volumeMounts: Array<{ mountPath: string }>;
}
interface PodSpec {
  securityContext: unknown;
  containers: Container[];
  initContainers?: Container[];
}

const podSpec = (file: string): PodSpec =>
  (skeletonDocuments(template(file))[0] as { spec: { template: { spec: PodSpec } } }).spec.template
    .spec;

describe.each([
  ['operator-deployment.yaml', Object.keys(operatorEnvSchema.shape)],
  ['api-deployment.yaml', Object.keys(apiEnvSchema.shape)],
])('%s', (file, known) => {
  const spec = podSpec(file);
  const containers = [...spec.containers, ...(spec.initContainers ?? [])];
  const main = spec.containers[0] as Container;

  it('sets only settings its process reads (common/src/config/schemas.ts)', () => {
    const names = containers.flatMap((c) => c.env.map((e) => e.name));
    expect(names.filter((name) => !known.includes(name))).toEqual([]);
  });

  it('listens on every interface and probes /healthz and /readyz on its http port', () => {
    const text = template(file);
    const addrs = text.match(/name: (API|OPERATOR)_\w+_ADDR\n\s+value: .*/g) ?? [];
    expect(addrs.length).toBeGreaterThan(0);
    for (const addr of addrs) expect(addr).toContain('printf "0.0.0.0:%d"');
    expect(main.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(main.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(main.ports.map((p) => p.name)).toContain('http');
  });

  it('runs every container with the hardened security context and a writable /tmp only', () => {
    const text = template(file);
    expect(text).toContain('toYaml .Values.podSecurityContext');
    expect(text.match(/toYaml \.Values\.securityContext/g)).toHaveLength(containers.length);
    expect(main.volumeMounts.map((m) => m.mountPath)).toEqual(['/tmp']);
  });
});

describe('settings from outside the chart', () => {
  const env = (file: string): Map<string, EnvVar> =>
    new Map(podSpec(file).containers[0]?.env.map((e) => [e.name, e]));

  it('the API takes DATABASE_URL and REDIS_URL from Secrets, never from values', () => {
    const api = env('api-deployment.yaml');
    for (const name of ['DATABASE_URL', 'REDIS_URL']) {
      expect(api.get(name)?.valueFrom?.secretKeyRef).toBeDefined();
    }
    const migrate = podSpec('api-deployment.yaml').initContainers?.[0]?.env ?? [];
    expect(migrate.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef).toBeDefined();
  });

  it('the operator elects its leader in its own namespace, under its pod name', () => {
    const operator = env('operator-deployment.yaml');
    expect(operator.get('LEADER_ELECTION_NAMESPACE')?.valueFrom?.fieldRef).toEqual({
      fieldPath: 'metadata.namespace',
    });
    expect(operator.get('POD_NAME')?.valueFrom?.fieldRef).toEqual({ fieldPath: 'metadata.name' });
  });
});

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
    description?: string;
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

  it('queries only metrics the processes export, or panels marked as placeholders', () => {
    const known = exported();
    const real = dashboard.panels.filter((p) => !p.description?.startsWith('PLACEHOLDER'));
    expect(real.flatMap(metricsIn).filter((name) => !known.has(name))).toEqual([]);
    // Routing, cache and cost metrics are being built: until then their panels say PLACEHOLDER
    // and use only these agreed names.
    const placeholders = dashboard.panels.filter((p) => p.description?.startsWith('PLACEHOLDER'));
    expect([...new Set(placeholders.flatMap(metricsIn))].sort()).toEqual([
      'sluice_cache_lookups_total',
      'sluice_cost_usd_total',
      'sluice_route_decisions_total',
    ]);
  });
});
