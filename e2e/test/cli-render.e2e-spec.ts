// `sluice render` as a user runs it (the built CLI), offline: GitOps review of what the operator
// would create, and its output applied as is with the real kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { V1Deployment } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { startKubeServer, type KubeServer } from '@sluice/kube-sim';
import { requireBuilt, run, SLUICE_CLI } from './support/processes.js';

const render = (...args: string[]) => run([requireBuilt(SLUICE_CLI), 'render', ...args]);
const kinds = (yaml: string) =>
  parseAllDocuments(yaml).map((d) => (d.toJS() as { kind: string }).kind);
const dir = mkdtempSync(join(tmpdir(), 'sluice-render-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice render (built CLI)', () => {
  it('prints the vLLM Deployment of the small example with its profile', async () => {
    const result = await render(
      '-f',
      'examples/small-llama-8b-awq.yaml',
      '--profile-file',
      'examples/quantization-profiles.yaml',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(kinds(result.stdout)).toEqual([
      'PersistentVolumeClaim',
      'Job',
      'Deployment',
      'Service',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
    ]);
    const deployment = parseAllDocuments(result.stdout)
      .map((d) => d.toJS() as V1Deployment)
      .find((o) => o.kind === 'Deployment');
    const container = deployment?.spec?.template.spec?.containers[0];
    expect(container?.args?.join(' ')).toContain('--quantization awq_marlin --kv-cache-dtype fp8');
    expect(container?.resources?.limits).toEqual({ 'nvidia.com/gpu': '1', memory: '24Gi' });
  });

  it('exits 2 naming the missing QuantizationProfile, with nothing on stdout', async () => {
    const result = await render('-f', 'examples/small-llama-8b-awq.yaml');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(
      'InferenceModel default/llama-3-1-8b-awq is blocked (QuantizationProfileNotFound)',
    );
  });

  it('exits 2 with the memory figures for a model that cannot fit its GPU', async () => {
    const path = join(dir, 'too-big.yaml');
    writeFileSync(
      path,
      `apiVersion: sluice.dev/v1alpha1
kind: InferenceModel
metadata: { name: llama-70b-on-l4 }
spec:
  provider: vllm
  tier: medium
  pricing: { gpuHourlyUSD: '0.80' }
  vllm:
    model: meta-llama/Llama-3.1-70B-Instruct
    gpu: { type: nvidia-l4, count: 1 }
    batching: { maxModelLen: 8192 }
`,
    );
    const result = await render('-f', path);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(
      /InsufficientGPUMemory\): The model needs [\d.]+ GiB per GPU .* but [\d.]+ GiB usable on nvidia-l4/,
    );
  });

  it('exits 1 for an invalid manifest, naming the field as the API server would', async () => {
    const result = await render('-f', 'examples/invalid/gpu-memory-utilization-out-of-range.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('spec.vllm.batching.gpuMemoryUtilization');
  });

  it('renders the examples directory as a JSON List', async () => {
    const result = await render('-f', 'examples/', '-o', 'json', '--service-monitor');
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { kind: string; items: { kind: string }[] };
    expect(list.kind).toBe('List');
    expect(list.items.filter((i) => i.kind === 'Deployment')).toHaveLength(4);
    expect(list.items.filter((i) => i.kind === 'ServiceMonitor')).toHaveLength(4);
  });

  it('prints YAML that the real kubectl applies as is', async () => {
    const result = await render('-f', 'examples/');
    expect(result.code).toBe(0);
    writeFileSync(join(dir, 'rendered.yaml'), result.stdout);
    const server: KubeServer = await startKubeServer({ kubeconfigPath: join(dir, 'kubeconfig') });
    try {
      const env = { ...process.env, KUBECONFIG: server.kubeconfigPath ?? '' };
      const kubectl = ['apply', '-f', join(dir, 'rendered.yaml')];
      const applied = await promisify(execFile)('kubectl', kubectl, { env, timeout: 30_000 });
      expect(applied.stdout).toContain('deployment.apps/qwen2-5-32b-fp8 created');
      expect(applied.stdout).toContain(
        'horizontalpodautoscaler.autoscaling/llama-3-1-8b-awq created',
      );
    } finally {
      await server.close();
    }
  }, 60_000);
});
