// Loads the CRDs and example manifests the schema tests check.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export interface Rule {
  rule: string;
  message: string;
  fieldPath?: string;
}

/** The subset of a structural OpenAPI v3 schema the tests walk. */
export interface Schema {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-validations'?: Rule[];
}

export interface Crd {
  file: string;
  kind: string;
  schema: Schema;
  /** The whole CustomResourceDefinition, as the API server receives it. */
  document: Record<string, unknown>;
}

export interface Manifest {
  file: string;
  kind: string;
  object: Record<string, unknown>;
  expect?: string;
}

interface CrdDocument {
  spec: {
    names: { kind: string };
    versions: { storage: boolean; schema: { openAPIV3Schema: Schema } }[];
  };
}

export const root = join(import.meta.dirname, '..', '..');
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));

export function loadCrds(): Crd[] {
  const crdFiles = yamlFiles(join(root, 'crds')).filter((f) => /\/sluice\.dev_[^/]+$/.test(f));
  return crdFiles.map((file) => {
    const doc = parse(readFileSync(file, 'utf8')) as CrdDocument;
    const version = doc.spec.versions.find((v) => v.storage);
    if (!version) throw new Error(`${file}: no storage version`);
    return {
      file,
      kind: doc.spec.names.kind,
      schema: version.schema.openAPIV3Schema,
      document: doc as unknown as Record<string, unknown>,
    };
  });
}

/** Every document of every YAML file in dir; `# expect: <text>` on line 1 is kept. */
export function loadManifests(dir: string): Manifest[] {
  return yamlFiles(join(root, dir)).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const expect = /^# expect: (.+)$/m.exec(text.split('\n')[0] ?? '')?.[1];
    return parseAllDocuments(text).map((doc) => {
      const object = doc.toJS() as Record<string, unknown>;
      const manifest = { file, kind: String(object.kind), object };
      return expect === undefined ? manifest : { ...manifest, expect };
    });
  });
}

/** A deep copy through JSON: under jest's VM, structuredClone returns arrays of another realm. */
export const jsonClone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
