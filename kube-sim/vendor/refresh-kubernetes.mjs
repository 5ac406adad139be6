#!/usr/bin/env node
// Refreshes kube-sim/vendor/kubernetes/<version>/ from Kubernetes' own OpenAPI v3 documents
// (kubernetes/kubernetes api/openapi-spec/v3 on the release-<version> branch, or the same files
// as kubectl-validate embeds them under pkg/openapiclient/builtins/<version>/).
//
//   node kube-sim/vendor/refresh-kubernetes.mjs <dir> <version> [<source note>]
//
// <dir> holds either the kubernetes layout (api__v1_openapi.json, apis__apps__v1_openapi.json)
// or kubectl-validate's (api/v1.json, apis/apps/v1.json). Only the group-versions of the kinds the
// test server serves or the chart renders are kept, and only `components.schemas` without
// `description` (the prose is 80% of the bytes and validates nothing).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GROUP_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'autoscaling/v2',
  'policy/v1',
  'coordination.k8s.io/v1',
  'events.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  // Not served by the test server, but written by the chart (checked after rendering it).
  'rbac.authorization.k8s.io/v1',
  'networking.k8s.io/v1',
];

const [dir, version, note] = process.argv.slice(2);
if (!dir || !version) {
  console.error('usage: refresh-kubernetes.mjs <dir> <version> [<source note>]');
  process.exit(2);
}

const sourceFile = (gv) => {
  const path = gv === 'v1' ? 'api/v1' : `apis/${gv}`;
  const kubectlValidate = join(dir, `${path}.json`);
  if (existsSync(kubectlValidate)) return kubectlValidate;
  return join(dir, `${path.replaceAll('/', '__')}_openapi.json`);
};

// `description` the schema keyword goes; a property named description (CRD columns) stays.
const strip = (node) => {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description') continue;
    out[k] = k === 'properties' ? stripEach(v) : strip(v);
  }
  return out;
};
const stripEach = (properties) =>
  Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, strip(schema)]));

const out = join(dirname(fileURLToPath(import.meta.url)), 'kubernetes', version);
mkdirSync(out, { recursive: true });
for (const gv of GROUP_VERSIONS) {
  const doc = JSON.parse(readFileSync(sourceFile(gv), 'utf8'));
  const kept = {
    openapi: doc.openapi,
    info: doc.info,
    components: { schemas: stripEach(doc.components.schemas) },
  };
  const file = join(out, `${gv.replaceAll('/', '__')}.json`);
  writeFileSync(file, JSON.stringify(kept, null, 1) + '\n');
  console.log(`${file}: ${Object.keys(kept.components.schemas).length} schemas`);
}
if (note) writeFileSync(join(out, 'SOURCE'), `${note}\n`);
