import { Journey, STEP_MS } from '../support/journey.js';

interface Condition {
  readonly type: string;
  readonly status: string;
}
interface Item {
  readonly metadata: {
    readonly name: string;
    readonly uid: string;
    readonly ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
  };
  readonly spec: Record<string, unknown>;
  readonly status?: { readonly conditions?: readonly Condition[] };
}
interface Container {
  readonly args: string[];
  readonly resources: { readonly limits?: Record<string, string> };
}
interface Deployment extends Item {
  readonly spec: { template: { spec: { containers: Container[] } } };
}

const EXAMPLE_MODELS = ['gpt-4o', 'llama-3-1-8b-awq', 'qwen2-5-32b-fp8', 'ticket-classifier'];
const SMALL = 'llama-3-1-8b-awq';

/** The value after `flag` in a container's args. */
const argOf = (args: readonly string[], flag: string): string | undefined =>
  args[args.indexOf(flag) + 1];

// SPEC journey 1: the platform engineer applies the examples and gets serving workloads.
describe('journey: platform engineer applies the examples', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await Journey.start(11);
  }, 120_000);

  afterAll(() => journey.stop(), 60_000);

  it(
    'sees every example model Ready',
    async () => {
      const list = JSON.parse(await journey.kubectl(['get', 'inferencemodels', '-o', 'json'])) as {
        items: Item[];
      };
      const ready = list.items.map((m) => [
        m.metadata.name,
        m.status?.conditions?.find((c) => c.type === 'Ready')?.status,
      ]);
      expect(ready.filter(([name]) => EXAMPLE_MODELS.includes(name ?? ''))).toEqual(
        EXAMPLE_MODELS.map((name) => [name, 'True']),
      );
    },
    STEP_MS,
  );

  it(
    'runs the vLLM model as the example says: args, GPUs, owned by the model',
    async () => {
      const model = JSON.parse(
        await journey.kubectl(['get', 'inferencemodel', SMALL, '-o', 'json']),
      ) as Item;
      const deployment = JSON.parse(
        await journey.kubectl(['get', 'deployment', SMALL, '-o', 'json']),
      ) as Deployment;
      const [vllm] = deployment.spec.template.spec.containers;
      const args = vllm?.args ?? [];
      expect({
        model: argOf(args, '--model'),
        served: argOf(args, '--served-model-name'),
        maxNumSeqs: argOf(args, '--max-num-seqs'),
        maxModelLen: argOf(args, '--max-model-len'),
        gpuMemory: argOf(args, '--gpu-memory-utilization'),
        tensorParallel: argOf(args, '--tensor-parallel-size'),
        prefixCaching: args.includes('--enable-prefix-caching'),
      }).toEqual({
        model: 'hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4',
        served: 'llama-3.1-8b-instruct',
        maxNumSeqs: '128',
        maxModelLen: '8192',
        gpuMemory: '0.9',
        tensorParallel: '1',
        prefixCaching: true,
      });
      expect(vllm?.resources.limits?.['nvidia.com/gpu']).toBe('1');
      expect(deployment.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'InferenceModel',
          name: SMALL,
          uid: model.metadata.uid,
          controller: true,
        }),
      ]);
    },
    STEP_MS,
  );

  it.each(['service', 'horizontalpodautoscaler', 'poddisruptionbudget'])(
    'has the %s of the vLLM model, owned by it',
    async (kind) => {
      const object = JSON.parse(await journey.kubectl(['get', kind, SMALL, '-o', 'json'])) as Item;
      expect(object.metadata.ownerReferences?.map((o) => [o.kind, o.name])).toEqual([
        ['InferenceModel', SMALL],
      ]);
    },
  );

  it(
    'reads readiness, replicas, tier, quantization and prices from kubectl get',
    async () => {
      const [head = '', ...rows] = (await journey.kubectl(['get', 'inferencemodels']))
        .trim()
        .split('\n');
      expect(head.split(/\s+/)).toEqual(
        expect.arrayContaining(['NAME', 'READY', 'REPLICAS', 'TIER', 'QUANT', '$/1M-TOKENS']),
      );
      const row = (name: string) => rows.find((r) => r.startsWith(`${name} `))?.split(/\s+/);
      expect(row(SMALL)).toEqual(expect.arrayContaining([SMALL, 'True', 'small', '1', 'awq-int4']));
      expect(row('gpt-4o')).toEqual(
        expect.arrayContaining(['gpt-4o', 'True', 'frontier', '2.50/10.00']),
      );
    },
    STEP_MS,
  );
});
