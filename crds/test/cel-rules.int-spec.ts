// Table tests of the CRDs' CEL rules beyond the invalid examples: each case edits a valid example
// and states whether the API server must accept it or which message it must print.
import { jsonClone, loadManifests, type Manifest } from './crd-files.js';
import { rejections } from './reject.js';

type Obj = Record<string, unknown>;
const examples = loadManifests('examples');
const named = (name: string): Manifest => {
  const found = examples.find((m) => (m.object.metadata as Obj).name === name);
  if (!found) throw new Error(`no example named ${name}`);
  return found;
};

/** A deep copy of the example's spec with `edit` applied, as a full object of its kind. */
function edited(name: string, edit: (spec: Obj) => void): [string, Obj] {
  const { kind, object } = named(name);
  const copy = jsonClone(object);
  edit(copy.spec as Obj);
  return [kind, copy];
}
const at = (o: Obj, key: string): Obj => o[key] as Obj;

const cases: [string, [string, Obj], string | null][] = [
  [
    'scale to zero with hpa',
    edited('llama-3-1-8b-awq', (s) => (at(s, 'autoscaling').minReplicas = 0)),
    'autoscaling.minReplicas 0 requires scaler keda',
  ],
  [
    'scale to zero with keda',
    edited('llama-3-1-8b-awq', (s) =>
      Object.assign(at(s, 'autoscaling'), { minReplicas: 0, scaler: 'keda' }),
    ),
    null,
  ],
  [
    'min above the default max',
    edited('gpt-4o', (s) => (s.autoscaling = { minReplicas: 2 })),
    'autoscaling.minReplicas must be less than or equal to autoscaling.maxReplicas',
  ],
  [
    'a rollout that can move no pod',
    edited('llama-3-1-8b-awq', (s) => (at(s, 'vllm').rollout = { maxSurge: 0, maxUnavailable: 0 })),
    'rollout.maxSurge and rollout.maxUnavailable cannot both be 0',
  ],
  [
    'a surge rollout for clusters with a spare GPU',
    edited('llama-3-1-8b-awq', (s) => (at(s, 'vllm').rollout = { maxSurge: 1, maxUnavailable: 0 })),
    null,
  ],
  [
    'cpu and memory as quantities',
    edited(
      'llama-3-1-8b-awq',
      (s) =>
        (at(s, 'vllm').resources = {
          requests: { cpu: '5500m', memory: '24Gi' },
          limits: { memory: '3e10' },
        }),
    ),
    null,
  ],
  [
    'unknown GPU without memory',
    edited('llama-3-1-8b-awq', (s) => (at(at(s, 'vllm'), 'gpu').type = 'amd-mi300x')),
    'gpu.memoryGiB must be set for a GPU type Sluice does not know',
  ],
  [
    'unknown GPU with memory',
    edited('llama-3-1-8b-awq', (s) =>
      Object.assign(at(at(s, 'vllm'), 'gpu'), { type: 'amd-mi300x', memoryGiB: 192 }),
    ),
    null,
  ],
  [
    'tensor parallel 2 on the default single GPU',
    edited('llama-3-1-8b-awq', (s) => (at(s, 'vllm').tensorParallelSize = 2)),
    'gpu.count must be a multiple of tensorParallelSize',
  ],
  [
    'chunked prefill turned off (vLLM V1 ignores it)',
    edited('llama-3-1-8b-awq', (s) =>
      Object.assign(at(at(s, 'vllm'), 'batching'), { enableChunkedPrefill: false }),
    ),
    'batching.enableChunkedPrefill false has no effect',
  ],
  [
    'an adapter named like the served model',
    edited('llama-3-1-8b-awq', (s) => {
      delete at(s, 'vllm').servedModelName; // served as metadata.name, llama-3-1-8b-awq
      at(s, 'vllm').lora = {
        enabled: true,
        adapters: [{ name: 'llama-3-1-8b-awq', source: 'org/a' }],
      };
    }),
    'spec.vllm.lora.adapters[].name must differ from the served model name',
  ],
  [
    'an adapter named like the explicit served name',
    edited('llama-3-1-8b-awq', (s) => {
      at(s, 'vllm').servedModelName = 'llama';
      at(s, 'vllm').lora = { enabled: true, adapters: [{ name: 'llama', source: 'org/a' }] };
    }),
    'spec.vllm.lora.adapters[].name must differ from the served model name',
  ],
  [
    'an adapter with its own name',
    edited('llama-3-1-8b-awq', (s) => {
      at(s, 'vllm').lora = { enabled: true, adapters: [{ name: 'sql-lora', source: 'org/a' }] };
    }),
    null,
  ],
  [
    'LoRA adapters while LoRA is off',
    edited(
      'llama-3-1-8b-awq',
      (s) => (at(s, 'vllm').lora = { adapters: [{ name: 'a', source: 'org/a' }] }),
    ),
    'lora.enabled must be true when lora.adapters are listed',
  ],
  [
    'self-hosted without a GPU price',
    edited('llama-3-1-8b-awq', (s) => (s.pricing = {})),
    'pricing.gpuHourlyUSD must be set when provider is vllm',
  ],
  [
    'external with a vllm block',
    edited('gpt-4o', (s) => (s.vllm = { model: 'org/m', gpu: { type: 'nvidia-l4' } })),
    'vllm must not be set when provider is external',
  ],
  [
    'fine-tune of an external model',
    edited(
      'gpt-4o',
      (s) =>
        (s.fineTune = { datasetURI: 's3://d/x.jsonl', trainerImage: 'i', outputURI: 's3://o/' }),
    ),
    'fineTune requires provider vllm',
  ],
  [
    'fine-tuned adapter while LoRA is off',
    edited('ticket-classifier', (s) => delete at(s, 'vllm').lora),
    'vllm.lora.enabled must be true when fineTune.serveAs is adapter',
  ],
  [
    'fine-tuned adapter of a rank vLLM will not load',
    edited('ticket-classifier', (s) => (at(at(s, 'fineTune'), 'hyperparameters').loraRank = 64)),
    'fineTune.hyperparameters.loraRank must not exceed vllm.lora.maxLoraRank',
  ],
  [
    'fine-tune served as a model needs no LoRA',
    edited('ticket-classifier', (s) => {
      delete at(s, 'vllm').lora;
      at(s, 'fineTune').serveAs = 'model';
    }),
    null,
  ],
  [
    'fp8 at 4 bits',
    edited('fp8', (s) => (s.weightBits = 4)),
    'weightBits must be 8 when method is fp8',
  ],
  [
    'none at 8 bits',
    edited('none', (s) => (s.weightBits = 8)),
    'weightBits must be 16 when method is none',
  ],
  [
    'quantization job for method none',
    edited(
      'none',
      (s) => (s.quantizationJob = { image: 'i', sourceModel: 'org/m', outputURI: 's3://o/' }),
    ),
    'quantizationJob must not be set when method is none',
  ],
  [
    'default route to an undeclared tier',
    edited('default', (s) => (at(s, 'defaultRoute').tier = 'huge')),
    'defaultRoute.tier must name a tier declared in tiers',
  ],
  [
    'shadow to an undeclared tier',
    edited('default', (s) => (at(s, 'shadow').tier = 'huge')),
    'shadow.tier must name a tier declared in tiers',
  ],
  [
    'budget downgrading to an undeclared tier',
    edited('default', (s) => ((s.budgets as Obj[])[0]!.downgradeTo = 'tiny')),
    'every budgets[].downgradeTo must name a tier declared in tiers',
  ],
  [
    'rejecting budget without a downgrade tier',
    edited(
      'default',
      (s) =>
        (s.budgets = [
          { name: 'b', tag: { key: 'team', value: 'x' }, monthlyUSD: '1', action: 'reject' },
        ]),
    ),
    null,
  ],
  [
    'prompt token range upside down',
    edited('default', (s) =>
      Object.assign(at((s.rules as Obj[])[0]!, 'match'), {
        minPromptTokens: 900,
        maxPromptTokens: 100,
      }),
    ),
    'match.minPromptTokens must be less than or equal to match.maxPromptTokens',
  ],
];

describe('CEL rules', () => {
  it.each(cases)('%s', (_, [kind, object], message) => {
    const { errors } = rejections(kind, object);
    if (message === null) {
      expect(errors).toEqual([]);
      return;
    }
    // A failed CEL rule on an object reads `<path>: Invalid value: "object": <message>`.
    expect(errors.join('\n')).toContain(`Invalid value: "object": ${message}`);
  });
});

/**
 * The learned classifier (classifier.type learned, thresholds, target, routes without a tier):
 * each case starts from the example policy with small 70 / medium 30 / frontier 0.
 */
const learned = (edit: (spec: Obj, classifier: Obj) => void = () => undefined) =>
  edited('default', (s) => {
    s.classifier = {
      type: 'learned',
      thresholds: [
        { tier: 'small', minSmallOkPercent: 70 },
        { tier: 'medium', minSmallOkPercent: 30 },
        { tier: 'frontier', minSmallOkPercent: 0 },
      ],
    };
    edit(s, at(s, 'classifier'));
  });
const thresholds =
  (...entries: [string, number][]) =>
  (_: Obj, c: Obj) =>
    (c.thresholds = entries.map(([tier, minSmallOkPercent]) => ({ tier, minSmallOkPercent })));
const untiered = (s: Obj) => {
  delete at(s, 'defaultRoute').tier;
  delete at((s.rules as Obj[])[0]!, 'route').tier;
};
const learnedCases: [string, [string, Obj], string | null][] = [
  ['learned with routes that take its tier', learned(untiered), null],
  ['learned with a target', learned((_, c) => (c.target = { maxFrontierPercent: 30 })), null],
  ['learned with two tiers', learned(thresholds(['small', 50], ['frontier', 0])), null],
  [
    'a route without a tier under the rules classifier',
    edited('default', (s) => {
      s.classifier = { type: 'rules' };
      untiered(s);
    }),
    "a route without a tier takes the classifier's tier, which only classifier.type learned gives",
  ],
  [
    'learned without thresholds',
    learned((_, c) => delete c.thresholds),
    'classifier.type learned needs classifier.thresholds',
  ],
  [
    'thresholds on an undeclared tier',
    learned(thresholds(['small', 70], ['huge', 0])),
    'every classifier.thresholds[].tier must name a tier declared in tiers',
  ],
  [
    'thresholds under the rules classifier',
    learned((_, c) => (c.type = 'rules')),
    'classifier.thresholds and classifier.target apply to classifier.type learned only',
  ],
  [
    'a target under the rules classifier',
    edited(
      'default',
      (s) => (s.classifier = { type: 'rules', target: { maxFrontierPercent: 30 } }),
    ),
    'classifier.thresholds and classifier.target apply to classifier.type learned only',
  ],
  [
    'a last threshold above 0',
    learned(thresholds(['small', 70], ['medium', 30], ['frontier', 5])),
    'the last classifier.thresholds entry must have minSmallOkPercent 0, so every query has a tier',
  ],
  [
    'a tier twice in the thresholds',
    learned(thresholds(['small', 70], ['small', 30], ['frontier', 0])),
    'each tier appears once in classifier.thresholds',
  ],
  [
    'equal thresholds',
    learned(thresholds(['small', 30], ['medium', 30], ['frontier', 0])),
    'classifier.thresholds[].minSmallOkPercent must strictly decrease from the first entry to the last',
  ],
  [
    'increasing thresholds',
    learned(thresholds(['small', 30], ['medium', 70], ['frontier', 0])),
    'classifier.thresholds[].minSmallOkPercent must strictly decrease from the first entry to the last',
  ],
  [
    'a single threshold',
    learned(thresholds(['frontier', 0])),
    'spec.classifier.thresholds in body should have at least 2 items',
  ],
  [
    'a threshold past 100 percent',
    learned(thresholds(['small', 101], ['frontier', 0])),
    'spec.classifier.thresholds[0].minSmallOkPercent in body should be less than or equal to 100',
  ],
  [
    'a target with two goals',
    learned((_, c) => (c.target = { maxFrontierPercent: 30, minQualityPercent: 95 })),
    'spec.classifier.target: Too many: 2: must have at most 1 item',
  ],
  [
    'an empty target',
    learned((_, c) => (c.target = {})),
    'spec.classifier.target in body should have at least 1 properties',
  ],
  [
    'learned with its own router model',
    learned((_, c) => (c.model = { configMapRef: { name: 'my-router', key: 'model.bin' } })),
    null,
  ],
  [
    'a router model under the rules classifier',
    edited(
      'default',
      (s) => (s.classifier = { type: 'rules', model: { configMapRef: { name: 'my-router' } } }),
    ),
    'classifier.model applies to classifier.type learned only',
  ],
  [
    'a router model ConfigMap without a name',
    learned((_, c) => (c.model = { configMapRef: {} })),
    'spec.classifier.model.configMapRef.name: Required value',
  ],
  [
    'a router model key a ConfigMap cannot hold',
    learned((_, c) => (c.model = { configMapRef: { name: 'my-router', key: 'a/b' } })),
    'spec.classifier.model.configMapRef.key in body should match',
  ],
  [
    'a learned rule route to an undeclared tier',
    learned((s) => (at((s.rules as Obj[])[0]!, 'route').tier = 'huge')),
    'every rules[].route.tier must name a tier declared in tiers',
  ],
];

describe('CEL rules of the learned classifier', () => {
  it.each(learnedCases)('%s', (_, [kind, object], message) => {
    const { errors } = rejections(kind, object);
    if (message === null) expect(errors).toEqual([]);
    else expect(errors.join('\n')).toContain(message);
  });
});

/** Bounds on money and counts (a price of 1e14 USD/hour was accepted): at the bound and past it. */
const price = (name: string, field: string, value: string) =>
  edited(name, (s) => (at(s, 'pricing')[field] = value));
const budget = (monthlyUSD: string) =>
  edited('default', (s) => (((s.budgets as Obj[])[0] as Obj).monthlyUSD = monthlyUSD));
const bounds: [string, [string, Obj], string | null][] = [
  ['GPU price at its bound', price('llama-3-1-8b-awq', 'gpuHourlyUSD', '1000.000000'), null],
  [
    'GPU price past its bound',
    price('llama-3-1-8b-awq', 'gpuHourlyUSD', '1000.000001'),
    'spec.pricing.gpuHourlyUSD: Invalid value: "string": gpuHourlyUSD must be at most 1000 (USD per GPU-hour)',
  ],
  [
    'GPU price of 1e14 USD per hour',
    price('llama-3-1-8b-awq', 'gpuHourlyUSD', '100000000000000'),
    'gpuHourlyUSD must be at most 1000',
  ],
  ['token price at its bound', price('gpt-4o', 'outputPer1M', '10000'), null],
  [
    'input token price past its bound',
    price('gpt-4o', 'inputPer1M', '10000.5'),
    'spec.pricing.inputPer1M: Invalid value: "string": inputPer1M must be at most 10000 (USD per 1M tokens)',
  ],
  [
    'cached input token price past its bound',
    price('gpt-4o', 'cachedInputPer1M', '20000'),
    'cachedInputPer1M must be at most 10000',
  ],
  ['budget at its bound', budget('100000000'), null],
  [
    'budget past its bound',
    budget('100000000.01'),
    'spec.budgets[0].monthlyUSD: Invalid value: "string": monthlyUSD must be at most 100000000 (USD per month)',
  ],
  [
    'a model of more than 10 trillion parameters',
    edited('qwen2-5-32b-fp8', (s) => {
      at(s, 'vllm').architecture = {
        parameterCountB: '10000.5',
        numLayers: 64,
        numKVHeads: 8,
        headDim: 128,
      };
    }),
    'parameterCountB must be at most 10000',
  ],
  [
    "a price the pattern refuses is the pattern's to report, not a CEL error",
    price('llama-3-1-8b-awq', 'gpuHourlyUSD', '1e14'),
    'spec.pricing.gpuHourlyUSD: Invalid value: "1e14": spec.pricing.gpuHourlyUSD in body should match',
  ],
];

describe('bounds on money and counts', () => {
  it.each(bounds)('%s', (_, [kind, object], message) => {
    const { errors } = rejections(kind, object);
    if (message === null) expect(errors).toEqual([]);
    else expect(errors.join('\n')).toContain(message);
    expect(errors.join('\n')).not.toContain('evaluation error');
  });
});
