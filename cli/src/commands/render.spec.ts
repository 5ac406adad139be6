// `sluice render` on the examples and on specs the operator would refuse; renderManifests is the
// whole command minus reading files and writing streams.
import { readFileSync } from 'node:fs';
import type { V1Deployment } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { renderManifests, type RenderSettings } from './render/render-manifests.js';

const EXAMPLES = new URL('../../../examples/', import.meta.url);
const example = (name: string) => ({ name, text: readFileSync(new URL(name, EXAMPLES), 'utf8') });
const PROFILES = example('quantization-profiles.yaml');
const SETTINGS: RenderSettings = {
  output: 'yaml',
  namespace: 'default',
  keda: false,
  serviceMonitor: false,
  now: '2026-11-28T00:00:00Z',
};

type Obj = { kind: string; metadata: { name: string; ownerReferences?: unknown } };
const objectsOf = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as Obj);
const deploymentOf = (yaml: string) =>
  objectsOf(yaml).find((o) => o.kind === 'Deployment') as V1Deployment | undefined;
const containerOf = (yaml: string) => deploymentOf(yaml)?.spec?.template.spec?.containers[0];

/** A model with the given vLLM block, as a user writes it (no defaults). */
const model = (name: string, vllm: object, extra = '') => ({
  name: `${name}.yaml`,
  text: `apiVersion: sluice.dev/v1alpha1
kind: InferenceModel
metadata: { name: ${name} }
spec: { provider: vllm, tier: small, pricing: { gpuHourlyUSD: '1.00' }, vllm: ${JSON.stringify(vllm)}${extra} }
`,
});
const LLAMA_8B = {
  model: 'meta-llama/Llama-3.1-8B-Instruct',
  gpu: { type: 'nvidia-a100-80gb' },
  batching: { maxModelLen: 8192 },
};
const LLAMA_70B = {
  model: 'meta-llama/Llama-3.1-70B-Instruct',
  gpu: { type: 'nvidia-l4', count: 1 },
  batching: { maxModelLen: 8192 },
  architecture: { parameterCountB: '70.6', numLayers: 80, numKVHeads: 8, headDim: 128 },
};

describe('renderManifests on the examples', () => {
  it.each([
    [
      'small-llama-8b-awq.yaml',
      '1',
      ['--quantization awq_marlin', '--kv-cache-dtype fp8', '--max-num-seqs 128'],
    ],
    [
      'medium-fp8.yaml',
      '2',
      ['--tensor-parallel-size 2', '--quantization fp8', '--max-model-len 32768'],
    ],
  ])('%s: a vLLM Deployment with %s GPU(s) and the profile flags', (file, gpus, flags) => {
    const result = renderManifests([example(file), PROFILES], SETTINGS);
    expect(result).toMatchObject({ exitCode: 0, messages: [] });
    const container = containerOf(result.stdout);
    expect(container?.resources?.limits).toMatchObject({ 'nvidia.com/gpu': gpus });
    const args = (container?.args ?? []).join(' ');
    for (const flag of flags) expect(args).toContain(flag);
  });

  it('prints the model cache, Deployment, Service, PDB and HPA, without owner references', () => {
    const { stdout } = renderManifests([example('small-llama-8b-awq.yaml'), PROFILES], SETTINGS);
    const objects = objectsOf(stdout);
    expect(objects.map((o) => o.kind)).toEqual([
      'PersistentVolumeClaim',
      'Job',
      'Deployment',
      'Service',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
    ]);
    expect(objects.every((o) => o.metadata.ownerReferences === undefined)).toBe(true);
    expect(stdout).not.toMatch(/[&*]a\d/);
  });

  it.each([
    [{ keda: false, serviceMonitor: true }, ['HorizontalPodAutoscaler', 'ServiceMonitor']],
    [{ keda: true, serviceMonitor: false }, ['ScaledObject']],
  ])('follows the capabilities %j', (capabilities, kinds) => {
    const keda = model('keda-llama', LLAMA_8B, ', autoscaling: { scaler: keda }');
    const { stdout } = renderManifests([keda], { ...SETTINGS, ...capabilities });
    const rendered = objectsOf(stdout).map((o) => o.kind);
    for (const kind of kinds) expect(rendered).toContain(kind);
  });

  it('prints a JSON List with --output json', () => {
    const result = renderManifests([example('small-llama-8b-awq.yaml'), PROFILES], {
      ...SETTINGS,
      output: 'json',
    });
    const list = JSON.parse(result.stdout) as { kind: string; items: Obj[] };
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(6);
  });

  it('renders a minimal model with the defaults of the CRD and the planner', () => {
    const result = renderManifests([model('bare', LLAMA_8B)], SETTINGS);
    expect(result.exitCode).toBe(0);
    const container = containerOf(result.stdout);
    expect(container?.image).toBe('vllm/vllm-openai:v0.10.1.1');
    expect(container?.args?.join(' ')).toContain(
      '--max-num-seqs 256 --enable-prefix-caching --enable-chunked-prefill --gpu-memory-utilization 0.9',
    );
  });

  it('notes the external model and the routing policy, and renders nothing for them', () => {
    const result = renderManifests(
      [example('frontier-external.yaml'), example('routing-policy.yaml')],
      SETTINGS,
    );
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.messages.map((m) => m.level)).toEqual(['note', 'note']);
  });
});

describe('renderManifests on specs the operator would refuse', () => {
  it('exits 2 with the numbers when the model does not fit the GPU, printing nothing for it', () => {
    const small = example('small-llama-8b-awq.yaml');
    const result = renderManifests([model('llama-70b', LLAMA_70B), small, PROFILES], SETTINGS);
    expect(result.exitCode).toBe(2);
    const [message] = result.messages;
    expect(message?.level).toBe('error');
    expect(message?.text).toMatch(
      /^InferenceModel default\/llama-70b is blocked \(InsufficientGPUMemory\): The model needs [\d.]+ GiB per GPU .* but [\d.]+ GiB usable on nvidia-l4/,
    );
    expect(objectsOf(result.stdout).map((o) => o.metadata.name)).not.toContain('llama-70b');
    expect(deploymentOf(result.stdout)?.metadata?.name).toBe('llama-3-1-8b-awq');
  });

  it('exits 2 for an fp8 model on a T4, as the operator blocks it, printing nothing for it', () => {
    const t4 = { ...LLAMA_8B, gpu: { type: 'nvidia-t4' }, quantizationProfileRef: { name: 'fp8' } };
    const result = renderManifests([model('llama-t4', t4), PROFILES], SETTINGS);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.messages[0]?.text).toMatch(
      /^InferenceModel default\/llama-t4 is blocked \(QuantizationUnsupportedOnGPU\): QuantizationProfile fp8 uses fp8, .* nvidia-t4 has 7\.5/,
    );
  });

  it('exits 2 when the quantization profile is not among the files', () => {
    const result = renderManifests([example('small-llama-8b-awq.yaml')], SETTINGS);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.messages[0]?.text).toContain('QuantizationProfileNotFound');
    expect(result.messages[0]?.text).toContain('add the profile with -f or --profile-file');
  });

  it.each([
    [
      'tensor-parallel-not-dividing-gpus.yaml',
      'gpu.count must be a multiple of tensorParallelSize',
    ],
    ['missing-tier.yaml', 'spec.tier: Required value'],
  ])('exits 1 for the invalid example %s, naming the field', (file, text) => {
    const result = renderManifests([example(`invalid/${file}`)], SETTINGS);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.messages[0]?.text).toContain(text);
  });

  it('reports a YAML syntax error with the file name', () => {
    expect(() => renderManifests([{ name: 'bad.yaml', text: 'a: [' }], SETTINGS)).toThrow(
      /^bad\.yaml: /,
    );
  });
});
