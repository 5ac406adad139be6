// charts/sluice's values checked without a helm binary (none can be installed here): values.yaml
// and every example override in ci/ against values.schema.json as `helm install` validates them,
// bad overrides refused naming the field, and Chart.yaml's metadata as `helm lint` wants it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  CHART_DIR,
  ciValueFiles,
  readChartFile,
  readSchema,
  readValuesFile,
} from '../src/chart/chart-files.js';
import { coalesceValues, validateValues, type Values } from '../src/chart/values.js';

const schema = readSchema();
const defaults = readValuesFile('values.yaml');

describe('values', () => {
  it('values.yaml validates against values.schema.json', () => {
    expect(validateValues(schema, defaults)).toEqual([]);
  });

  it.each(ciValueFiles())('%s, coalesced into values.yaml, validates', (file) => {
    expect(validateValues(schema, coalesceValues(defaults, readValuesFile(file)))).toEqual([]);
  });

  it('accepts the global values Helm passes it as a dependency of another chart', () => {
    const asDependency = coalesceValues(defaults, {
      global: { imageRegistry: 'registry.example' },
    });
    expect(validateValues(schema, asDependency)).toEqual([]);
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
      'running as root',
      { podSecurityContext: { runAsUser: 0 } },
      'podSecurityContext.runAsUser: must be >= 1',
    ],
    [
      'dropping the non-root requirement',
      { podSecurityContext: { runAsNonRoot: null } },
      "podSecurityContext.runAsNonRoot: must have required property 'runAsNonRoot'",
    ],
    [
      'two operators without leader election',
      { operator: { replicas: 2, leaderElection: { enabled: false } } },
      'operator.replicas: must be <= 1',
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

interface SchemaNode {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
}

/** The dotted path of every property the schema declares without saying what it is for. */
function undescribed(node: SchemaNode, path: string, seen: Set<string>): string[] {
  const definitions = (schema as { definitions: Record<string, SchemaNode> }).definitions;
  const target = node.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
  if (!target || seen.has(path)) return [];
  seen.add(path);
  const missing = path && !node.description && !target.description ? [path] : [];
  const children = Object.entries(target.properties ?? {}).flatMap(([key, child]) =>
    undescribed(child, path ? `${path}.${key}` : key, seen),
  );
  return [...missing, ...children];
}

describe('chart metadata', () => {
  const chart = parse(readChartFile('Chart.yaml')) as Record<string, unknown>;

  it('is a v2 chart named after its folder, versioned with SemVer, at the release it ships', () => {
    const pkg = JSON.parse(readFileSync(join(CHART_DIR, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(chart).toEqual(
      expect.objectContaining({ apiVersion: 'v2', name: 'sluice', appVersion: pkg.version }),
    );
    expect(String(chart.version)).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('values.schema.json describes every value', () => {
    expect(undescribed(schema as SchemaNode, '', new Set())).toEqual([]);
  });
});
