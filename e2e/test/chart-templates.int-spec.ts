// charts/sluice's templates checked without a helm binary: every value, helper and file they
// use exists; their YAML parses once the template actions are taken out; the Deployments set only
// settings their processes read, take credentials from Secrets, listen on every interface, probe
// /healthz and /readyz, and run hardened; Services and policies point at ports the pods name.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiEnvSchema, operatorEnvSchema } from '@sluice/common';
import {
  CHART_DIR,
  readChartFile,
  readSchema,
  readValuesFile,
  templateFiles,
} from '../src/chart/chart-files.js';
import { skeletonDocuments } from '../src/chart/skeleton.js';
import { templateRefs } from '../src/chart/template-refs.js';
import { schemaHasPath, valuesHavePath } from '../src/chart/value-paths.js';

const schema = readSchema();
const defaults = readValuesFile('values.yaml');
const manifests = templateFiles().filter((file) => file.endsWith('.yaml'));
const template = (file: string): string => readChartFile(join('templates', file));

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

describe('ports by name', () => {
  type Doc = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };
  const docs = (file: string) => skeletonDocuments(template(file)) as Doc[];
  const containerPorts = (file: string) =>
    podSpec(file).containers.flatMap((c) => c.ports.map((p) => p.name));
  const servicePorts = (file: string) =>
    (docs(file)[0]?.spec.ports as Array<{ name: string; targetPort: string }>) ?? [];
  const pods = {
    api: containerPorts('api-deployment.yaml'),
    operator: containerPorts('operator-deployment.yaml'),
  };

  it.each([
    ['api-service.yaml', pods.api],
    ['operator-service.yaml', pods.operator],
  ])(
    '%s targets ports its pods name, and names the http port ServiceMonitors scrape',
    (file, names) => {
      const ports = servicePorts(file);
      expect(ports.map((p) => p.targetPort).filter((t) => !names.includes(t))).toEqual([]);
      expect(ports.map((p) => p.name)).toContain('http');
      const endpoints = docs('servicemonitor.yaml')[0]?.spec.endpoints as Array<{ port: string }>;
      expect(endpoints.map((e) => e.port)).toEqual(['http']);
    },
  );

  it('NetworkPolicies admit ports the selected pods name', () => {
    const [api, operator] = docs('networkpolicy.yaml').map((d) =>
      (d.spec.ingress as Array<{ ports: Array<{ port: string }> }>).flatMap((rule) =>
        rule.ports.map((p) => p.port),
      ),
    );
    expect(api).toEqual(pods.api);
    expect(operator).toEqual(pods.operator);
  });
});
