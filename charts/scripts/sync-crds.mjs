// Copies the CRDs (crds/sluice.dev_*.yaml, the source of truth) into the chart's crds/ folder,
// which Helm installs before the templates and never templates or upgrades
// (https://helm.sh/docs/chart_best_practices/custom_resource_definitions/). Run by `make generate`;
// `make check-generated` fails when the committed copies differ.
import { copyFile, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'crds');
const target = join(root, 'charts', 'sluice', 'crds');
const isCrd = (file) => /^sluice\.dev_.+\.yaml$/.test(file);

// A CRD removed from the source must disappear from the chart too.
for (const file of (await readdir(target)).filter(isCrd)) await rm(join(target, file));
for (const file of (await readdir(source)).filter(isCrd)) {
  await copyFile(join(source, file), join(target, file));
}
