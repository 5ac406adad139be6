// Fluent fixtures for the planner's tests (lws style): aModel('llama').gpus(2).tp(2).quant('awq-int4').obj().
// Each call returns a new builder, so a base builder can be shared between table rows.
import type {
  Condition,
  InferenceModel,
  InferenceModelSpec,
  QuantizationProfile,
} from '@sluice/crds';

type Spec = InferenceModelSpec;
type Vllm = NonNullable<Spec['vllm']>;

/** Short names for well-known models; anything with a slash is used as the model id. */
const MODELS: Record<string, string> = {
  llama: 'meta-llama/Llama-3.1-8B-Instruct',
  'llama-awq': 'hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4',
  'llama-70b': 'meta-llama/Llama-3.1-70B-Instruct',
  qwen: 'Qwen/Qwen2.5-7B-Instruct',
  'qwen-32b': 'Qwen/Qwen2.5-32B-Instruct',
  mistral: 'mistralai/Mistral-7B-Instruct-v0.3',
};

export class ModelBuilder {
  constructor(private readonly model: InferenceModel) {}

  private with(edit: (m: InferenceModel) => void): ModelBuilder {
    const copy = structuredClone(this.model);
    edit(copy);
    return new ModelBuilder(copy);
  }

  private vllm(edit: (v: Vllm) => void): ModelBuilder {
    return this.with((m) => edit(m.spec!.vllm!));
  }

  name(name: string) {
    return this.with((m) => (m.metadata!.name = name));
  }
  namespace(ns: string) {
    return this.with((m) => (m.metadata!.namespace = ns));
  }
  generation(g: number) {
    return this.with((m) => (m.metadata!.generation = g));
  }
  tier(tier: string) {
    return this.with((m) => (m.spec!.tier = tier));
  }
  vllmModel(model: string) {
    return this.vllm((v) => (v.model = model));
  }
  gpus(count: number) {
    return this.vllm((v) => (v.gpu.count = count));
  }
  gpuType(type: string) {
    return this.vllm((v) => (v.gpu.type = type));
  }
  gpuMemoryGiB(gib: number) {
    return this.vllm((v) => (v.gpu.memoryGiB = gib));
  }
  tp(size: number) {
    return this.vllm((v) => (v.tensorParallelSize = size));
  }
  quant(profile: string) {
    return this.vllm((v) => (v.quantizationProfileRef = { name: profile }));
  }
  image(image: string) {
    return this.vllm((v) => (v.image = image));
  }
  servedAs(name: string) {
    return this.vllm((v) => (v.servedModelName = name));
  }
  batching(b: NonNullable<Vllm['batching']>) {
    return this.vllm((v) => (v.batching = { ...v.batching, ...b }));
  }
  maxModelLen(n: number) {
    return this.batching({ maxModelLen: n });
  }
  maxNumSeqs(n: number) {
    return this.batching({ maxNumSeqs: n });
  }
  arch(a: NonNullable<Vllm['architecture']>) {
    return this.vllm((v) => (v.architecture = a));
  }
  lora(l: NonNullable<Vllm['lora']>) {
    return this.vllm((v) => (v.lora = { enabled: true, ...l }));
  }
  extraArgs(...args: string[]) {
    return this.vllm((v) => (v.extraArgs = args));
  }
  resources(r: NonNullable<Vllm['resources']>) {
    return this.vllm((v) => (v.resources = r));
  }
  modelCache(c: NonNullable<Vllm['modelCache']>) {
    return this.vllm((v) => (v.modelCache = c));
  }
  rollout(r: NonNullable<Vllm['rollout']>) {
    return this.vllm((v) => (v.rollout = r));
  }
  hfToken(name: string, key?: string) {
    return this.vllm((v) => (v.hfTokenSecretRef = key ? { name, key } : { name }));
  }
  autoscaling(a: NonNullable<Spec['autoscaling']>) {
    return this.with((m) => (m.spec!.autoscaling = a));
  }
  price(gpuHourlyUSD: string) {
    return this.with((m) => (m.spec!.pricing = { gpuHourlyUSD }));
  }
  fineTune(f: Partial<NonNullable<Spec['fineTune']>> = {}) {
    return this.with((m) => {
      m.spec!.fineTune = {
        datasetURI: 's3://data/train.jsonl',
        trainerImage: 'ghcr.io/example/trainer:1',
        outputURI: 's3://models/out/',
        ...f,
      };
    });
  }
  /** Switches to provider external (an OpenAI-compatible API). */
  external(baseURL = 'https://api.openai.com/v1') {
    return this.with((m) => {
      const spec = m.spec!;
      delete spec.vllm;
      spec.provider = 'external';
      spec.tier = 'frontier';
      spec.external = {
        baseURL,
        modelId: 'gpt-4o',
        apiKeySecretRef: { name: 'openai', key: 'api-key' },
      };
      spec.pricing = { inputPer1M: '2.50', outputPer1M: '10.00' };
    });
  }
  conditions(conditions: Condition[]) {
    return this.with((m) => (m.status = { ...m.status, conditions }));
  }
  obj(): InferenceModel {
    return structuredClone(this.model);
  }
}

export function aModel(model = 'llama'): ModelBuilder {
  return new ModelBuilder({
    apiVersion: 'sluice.dev/v1alpha1',
    kind: 'InferenceModel',
    metadata: { name: 'm1', namespace: 'ml', uid: 'uid-1', generation: 1 },
    spec: {
      provider: 'vllm',
      tier: 'small',
      vllm: { model: MODELS[model] ?? model, gpu: { type: 'nvidia-l4' } },
      pricing: { gpuHourlyUSD: '0.80' },
    },
  });
}

/** The profiles of examples/quantization-profiles.yaml, plus variants. */
const PROFILES: Record<string, NonNullable<QuantizationProfile['spec']>> = {
  'awq-int4': { method: 'awq', weightBits: 4, kvCacheDtype: 'fp8' },
  'awq-int4-autokv': { method: 'awq', weightBits: 4, kvCacheDtype: 'auto' },
  'gptq-int4': { method: 'gptq', weightBits: 4 },
  fp8: { method: 'fp8', weightBits: 8, kvCacheDtype: 'fp8_e4m3' },
  'bnb-int4': { method: 'bitsandbytes', weightBits: 4 },
  none: { method: 'none', weightBits: 16, kvCacheDtype: 'auto' },
};

export function aProfile(name: string): QuantizationProfile {
  const spec = PROFILES[name];
  if (!spec) throw new Error(`no test profile ${name}`);
  return {
    apiVersion: 'sluice.dev/v1alpha1',
    kind: 'QuantizationProfile',
    metadata: { name },
    spec,
  };
}
