// The platform engineer's first journey (SPEC section 1) against the Kubernetes-API test server,
// or the real cluster E2E_KUBECONFIG names, with the real kubectl: install the CRDs, apply every
// example, read the printer columns, see every deliberately invalid manifest refused with its
// field named, delete.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startKubeServer, type KubeServer } from '@sluice/kube-sim';
import { REAL_CLUSTER } from './support/journey.js';
import { ROOT } from './support/processes.js';

const execFileAsync = promisify(execFile);
const examples = join(ROOT, 'examples');
const yamlIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));

let server: KubeServer | undefined;
let kubeconfig: string;
let dir: string;

async function kubectl(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, KUBECONFIG: kubeconfig };
  try {
    const { stdout, stderr } = await execFileAsync('kubectl', args, { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const lines = (text: string): string[] => text.trim().split('\n').filter(Boolean);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-examples-'));
  if (REAL_CLUSTER === undefined) {
    server = await startKubeServer({ kubeconfigPath: join(dir, 'kubeconfig') });
  }
  kubeconfig = REAL_CLUSTER ?? server?.kubeconfigPath ?? '';
  const installed = await kubectl('apply', '-k', join(ROOT, 'crds'));
  expect(installed).toMatchObject({ code: 0 });
  expect(lines(installed.stdout)).toHaveLength(3);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A Secret written with stringData reads "configured" on every re-apply, as on a real cluster:
 * the server turns stringData into data, so kubectl's three-way diff always finds stringData
 * missing (kubernetes/kubernetes#87736). Our examples' Secrets use stringData for readability.
 */
const isStringDataSecret = (line: string): boolean => /^secret\/\S+ configured$/.test(line);

describe('kubectl apply of the examples', () => {
  it.each(yamlIn(examples))('%s is created, then unchanged on re-apply', async (file) => {
    const created = await kubectl('apply', '-f', file);
    expect(created.stderr).toBe('');
    expect(lines(created.stdout).every((l) => l.endsWith(' created'))).toBe(true);
    const again = await kubectl('apply', '-f', file);
    expect(lines(again.stdout).filter((l) => !l.endsWith(' unchanged'))).toEqual(
      lines(again.stdout).filter(isStringDataSecret),
    );
  });

  it('kubectl get inferencemodels shows the printer columns', async () => {
    const table = lines((await kubectl('get', 'inferencemodels')).stdout);
    expect(table[0]?.split(/\s+/)).toEqual(
      expect.arrayContaining(['NAME', 'READY', 'PROVIDER', 'TIER', 'REPLICAS', 'QUANT', 'AGE']),
    );
    expect(table.length).toBeGreaterThan(3);
    expect((await kubectl('get', 'sluice')).stdout).toContain('routingpolicy.sluice.dev/');
  });
});

describe('kubectl apply of examples/invalid', () => {
  it.each(yamlIn(join(examples, 'invalid')))('%s is refused naming the field', async (file) => {
    const expected = /^# expect: (.+)$/m.exec(readFileSync(file, 'utf8').split('\n')[0] ?? '')?.[1];
    expect(expected).toBeDefined();
    const result = await kubectl('apply', '-f', file);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('is invalid');
    expect(result.stderr).toContain(expected);
  });
});

describe('kubectl delete of the examples', () => {
  it('deletes every example and leaves no Sluice resources', async () => {
    const deleted = await kubectl('delete', '-f', examples);
    expect(deleted.code).toBe(0);
    expect(lines(deleted.stdout).every((l) => l.endsWith(' deleted'))).toBe(true);
    const left = lines((await kubectl('get', 'sluice', '-o', 'name')).stdout);
    // A real cluster may hold Sluice resources of its own; none of the examples may remain.
    if (REAL_CLUSTER === undefined) expect(left).toEqual([]);
    // `kind.group "name" deleted` as `-o name` writes it: kind.group/name
    const gone = lines(deleted.stdout).map((l) => l.replace(/^(\S+) "(.+)" deleted$/, '$1/$2'));
    expect(left.filter((name) => gone.includes(name))).toEqual([]);
  });
});
