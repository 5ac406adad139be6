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

  // Built-in kinds are checked against Kubernetes' own OpenAPI documents (1.27 and 1.33, vendored
  // in kube-sim/vendor/kubernetes), as a real server's decoder and validation would.
  const deployment = (name: string, spec: Record<string, unknown>): unknown => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.10.1.1' }] },
      },
      ...spec,
    },
  });

  it('refuses a built-in object with a misspelt field, a mistyped value or a missing required one', async () => {
    const name = uniqueName('dep');
    const typo = await kubectlOutcome(
      'apply',
      '-f',
      file('d1.yaml', deployment(name, { replica: 2 })),
    );
    expect(typo.ok).toBe(false);
    expect(typo.output).toContain(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );

    const mistyped = await kubectlOutcome(
      'apply',
      '-f',
      file('d2.yaml', deployment(name, { replicas: 'two' })),
    );
    expect(mistyped.ok).toBe(false);
    expect(mistyped.output).toContain(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );

    const noSelector = deployment(name, {}) as { spec: Record<string, unknown> };
    delete noSelector.spec.selector;
    const missing = await kubectlOutcome('apply', '-f', file('d3.yaml', noSelector));
    expect(missing.ok).toBe(false);
    expect(missing.output).toContain(
      `The Deployment "${name}" is invalid: spec.selector: Required value`,
    );
    expect(await kubectl('get', 'deployments', '-o', 'name')).not.toContain(name);

    expect(
      await kubectl('apply', '-f', file('d4.yaml', deployment(name, { replicas: 2 }))),
    ).toContain(`deployment.apps/${name} created`);
  });

  it('shows an Event recorded through events.k8s.io/v1 in kubectl describe (core/v1)', async () => {
    const name = uniqueName('described');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } };
    await kubectl('apply', '-f', file('described.yaml', cm));
    const uid = (await kubectl('get', 'cm', name, '-o', 'jsonpath={.metadata.uid}')).trim();
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: `${name}.1`, namespace: 'default' },
      // metav1.MicroTime: six fractional digits, or the server refuses the Event.
      eventTime: new Date().toISOString().replace(/Z$/, '000Z'),
      regarding: { apiVersion: 'v1', kind: 'ConfigMap', name, namespace: 'default', uid },
      reason: 'RouterModelLoaded',
      note: 'loaded router-model.bin (721808 bytes)',
      type: 'Normal',
      action: 'Load',
      reportingController: 'sluice.dev/api',
      reportingInstance: 'api-0',
    };
    const post = (body: unknown): Promise<Response> =>
      fetch(`${server.url}/apis/events.k8s.io/v1/namespaces/default/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const milliseconds = await post({ ...event, eventTime: '2026-12-07T21:22:44.389Z' });
    expect(milliseconds.status).toBe(400);
    expect(await milliseconds.text()).toContain(
      'parsing time \\"2026-12-07T21:22:44.389Z\\" as \\"2006-01-02T15:04:05.000000Z07:00\\": cannot parse \\".389Z\\" as \\".000000\\"',
    );
    expect((await post(event)).status).toBe(201);

    const described = await kubectl('describe', 'configmap', name);
    expect(described).toMatch(
      /Normal\s+RouterModelLoaded\s+\S+\s+sluice\.dev\/api\s+loaded router-model\.bin \(721808 bytes\)/,
    );
    const core = JSON.parse(
      await kubectl('get', 'events', '--field-selector', `involvedObject.uid=${uid}`, '-o', 'json'),
    ) as { items: { apiVersion: string; message: string; involvedObject: { name: string } }[] };
    expect(core.items).toHaveLength(1);
    expect(core.items[0]).toMatchObject({
      apiVersion: 'v1',
      message: event.note,
      involvedObject: { name },
    });
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
