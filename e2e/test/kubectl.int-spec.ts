// The Kubernetes-API test server through the REAL kubectl binary, with its default validation:
// apply (created / unchanged / configured), printer columns, -o json, delete, fieldValidation
// (Strict by default, Warn) and server-side dry run.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startKubeServer, type KubeServer } from '../src/kube-server/index.js';
import { uniqueName, widget, widgetCrd } from './support/widgets.js';

const run = promisify(execFile);
let server: KubeServer;
let dir: string;

const kubectl = async (...args: string[]): Promise<string> => {
  const env = { ...process.env, KUBECONFIG: server.kubeconfigPath ?? '' };
  const { stdout } = await run('kubectl', args, { env, timeout: 20_000, maxBuffer: 16 << 20 });
  return stdout;
};

/** kubectl's stdout and stderr together, and whether it failed. */
const kubectlOutcome = async (...args: string[]): Promise<{ ok: boolean; output: string }> => {
  const env = { ...process.env, KUBECONFIG: server.kubeconfigPath ?? '' };
  try {
    const { stdout, stderr } = await run('kubectl', args, { env, timeout: 20_000 });
    return { ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
};

const file = (name: string, doc: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, stringify(doc));
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubectl-'));
  server = await startKubeServer({ kubeconfigPath: join(dir, 'kubeconfig') });
});

afterAll(async () => {
  await server.close();
});

describe('kube-server with the real kubectl', () => {
  it('applies a CRD, then an object: created, unchanged, configured; gets and deletes it', async () => {
    expect(await kubectl('apply', '-f', file('crd.yaml', widgetCrd))).toContain(
      'customresourcedefinition.apiextensions.k8s.io/widgets.test.sluice.dev created',
    );
    const name = uniqueName('kw');
    const path = file('w.yaml', widget(name, 3));
    expect(await kubectl('apply', '-f', path)).toContain(`widget.test.sluice.dev/${name} created`);
    expect(await kubectl('apply', '-f', path)).toContain(
      `widget.test.sluice.dev/${name} unchanged`,
    );
    file('w.yaml', widget(name, 4));
    expect(await kubectl('apply', '-f', path)).toContain(
      `widget.test.sluice.dev/${name} configured`,
    );

    const table = (await kubectl('get', 'widgets')).split('\n');
    expect(table[0]?.split(/\s+/)).toEqual(['NAME', 'SIZE', 'READY', 'AGE']);
    expect(table.find((l) => l.startsWith(name))).toMatch(new RegExp(`^${name}\\s+4\\s+\\d+s$`));

    const json = JSON.parse(await kubectl('get', 'wd', name, '-o', 'json')) as {
      spec: { size: number };
      metadata: { generation: number };
    };
    expect(json.spec.size).toBe(4);
    expect(json.metadata.generation).toBe(2);

    expect(await kubectl('delete', 'widget', name)).toContain(
      `widget.test.sluice.dev "${name}" deleted`,
    );
    expect(await kubectl('get', 'widgets', '-o', 'name')).not.toContain(name);
  });

  it('refuses a misspelt field by default (fieldValidation=Strict), as a real server does', async () => {
    await kubectl('apply', '-f', file('crd.yaml', widgetCrd));
    const name = uniqueName('typo');
    const typo = { ...widget(name, 2), spec: { size: 2, sise: 3 } };
    const strict = await kubectlOutcome('apply', '-f', file('typo.yaml', typo));
    expect(strict.ok).toBe(false);
    expect(strict.output).toContain('strict decoding error: unknown field "spec.sise"');
    expect(await kubectl('get', 'widgets', '-o', 'name')).not.toContain(name);

    const warned = await kubectlOutcome('apply', '--validate=warn', '-f', file('typo.yaml', typo));
    expect(warned).toMatchObject({ ok: true });
    expect(warned.output).toContain('unknown field "spec.sise"');
    const stored = JSON.parse(await kubectl('get', 'widget', name, '-o', 'json')) as {
      spec: Record<string, unknown>;
    };
    expect(stored.spec).toEqual({ size: 2 });
  });

  it('stores nothing on --dry-run=server, yet answers as if it had', async () => {
    await kubectl('apply', '-f', file('crd.yaml', widgetCrd));
    const name = uniqueName('dry');
    const output = await kubectl(
      'apply',
      '--dry-run=server',
      '-f',
      file('dry.yaml', widget(name, 1)),
    );
    expect(output).toContain(`widget.test.sluice.dev/${name} created (server dry run)`);
    expect(await kubectl('get', 'widgets', '-o', 'name')).not.toContain(name);
  });

  it('applies built-in kinds with a strategic merge patch', async () => {
    const name = uniqueName('cm');
    const cm = (value: string): unknown => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default', labels: { app: 'x' } },
      data: { key: value },
    });
    const path = file('cm.yaml', cm('a'));
    expect(await kubectl('apply', '-f', path)).toContain(`configmap/${name} created`);
    file('cm.yaml', cm('b'));
    expect(await kubectl('apply', '-f', path)).toContain(`configmap/${name} configured`);
    expect(await kubectl('get', 'cm', name, '-o', 'jsonpath={.data.key}')).toBe('b');
    expect(await kubectl('get', 'cm', '-l', 'app in (x)', '-o', 'name')).toContain(
      `configmap/${name}`,
    );
  });

  // README "Routing decisions": a router model artifact handed over in a ConfigMap. kubectl's
  // typed `create configmap` sends protobuf, which this server does not speak, so the object is
  // built by kubectl (--dry-run=client) and sent as YAML.
  const createConfigMap = async (name: string, from: string): Promise<string> => {
    const yaml = await kubectl('create', 'configmap', name, from, '--dry-run=client', '-o', 'yaml');
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, yaml);
    return kubectl('create', '-f', path);
  };

  it('puts a binary file in binaryData, and refuses one over 1 MiB as kube-apiserver does', async () => {
    const name = uniqueName('model');
    const fits = join(dir, 'fits.bin');
    writeFileSync(fits, randomBytes(721_808));
    await createConfigMap(name, `--from-file=router-model.bin=${fits}`);
    await kubectl('label', 'configmap', name, 'sluice.dev/router-model=true');
    const stored = JSON.parse(
      await kubectl('get', 'cm', '-l', 'sluice.dev/router-model=true', '-o', 'json'),
    ) as { items: { binaryData?: Record<string, string> }[] };
    const data = stored.items[0]?.binaryData?.['router-model.bin'] ?? '';
    expect(Buffer.from(data, 'base64').equals(readFileSync(fits))).toBe(true);

    const big = join(dir, 'big.bin');
    writeFileSync(big, randomBytes(1_048_577));
    const refused = await createConfigMap('too-big', `--from-file=m.bin=${big}`)
      .then(() => 'created')
      .catch((error: { stderr?: string }) => error.stderr ?? '');
    expect(refused).toContain(
      'ConfigMap "too-big" is invalid: []: Too long: must have at most 1048576 bytes',
    );
  });
});
