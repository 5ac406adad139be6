// Checks the CRD schemas and the examples without an API server: every field is documented,
// every example validates (the test server's pipeline: prune, default, schema, CEL rules),
// and every invalid example is rejected with a message containing its `# expect:` text. The same
// invalid examples are applied with kubectl against the Kubernetes-API test server in e2e/.
import { parse } from '@marcbachmann/cel-js';
import { loadManifests } from './crd-files.js';
import type { Manifest, Schema } from './crd-files.js';
import { crds, rejections, schemas } from './reject.js';

const ours = (m: Manifest): boolean => schemas.has(m.kind);

/** Paths of properties without a description, walking properties, items and map values. */
function undocumented(schema: Schema, path: string): string[] {
  const own = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => [
    ...(child.description ? [] : [`${path}.${key}`]),
    ...undocumented(child, `${path}.${key}`),
  ]);
  const items = schema.items ? undocumented(schema.items, `${path}[]`) : [];
  const extra = schema.additionalProperties;
  return [...own, ...items, ...(typeof extra === 'object' ? undocumented(extra, `${path}.*`) : [])];
}

function rules(schema: Schema): string[] {
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
  ];
  return [
    ...(schema['x-kubernetes-validations'] ?? []).map((r) => r.rule),
    ...children.flatMap(rules),
  ];
}

describe('CRD schemas', () => {
  it.each(crds.map((c) => [c.kind, c.schema] as const))('%s documents every field', (_, schema) => {
    expect(undocumented(schema, '')).toEqual([]);
  });

  it.each(crds.flatMap((c) => rules(c.schema).map((r) => [c.kind, r] as const)))(
    '%s rule parses as CEL: %s',
    (_, rule) => {
      expect(() => parse(rule)).not.toThrow();
    },
  );
});

describe('valid examples', () => {
  const manifests = loadManifests('examples').filter(ours);

  it('cover every kind', () => {
    expect(new Set(manifests.map((m) => m.kind))).toEqual(new Set(schemas.keys()));
  });

  it.each(manifests.map((m) => [`${m.file.split('/').pop()} ${m.kind}`, m] as const))(
    '%s is accepted',
    (_, m) => {
      expect(rejections(m.kind, m.object).errors).toEqual([]);
    },
  );
});

describe('invalid examples', () => {
  const manifests = loadManifests('examples/invalid');

  it('are at least eight, one per file, each with an expectation', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(8);
    expect(new Set(manifests.map((m) => m.file)).size).toBe(manifests.length);
    expect(manifests.filter((m) => !m.expect || !ours(m))).toEqual([]);
  });

  it.each(manifests.map((m) => [m.file.split('/').pop(), m] as const))(
    '%s is rejected naming the field',
    (_, m) => {
      const { errors } = rejections(m.kind, m.object);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toContain(m.expect);
    },
  );
});
