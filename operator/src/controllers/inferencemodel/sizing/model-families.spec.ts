import { architectureFor, parseBillions } from './model-families.js';
import { aModel } from '../testing/model-builder.js';

describe('architectureFor', () => {
  it.each([
    ['meta-llama/Llama-3.1-8B-Instruct', 'known-family:llama-3-8b'],
    ['hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4', 'known-family:llama-3-8b'],
    ['meta-llama/Meta-Llama-3-8B', 'known-family:llama-3-8b'],
    ['meta-llama/Llama-3.3-70B-Instruct', 'known-family:llama-3-70b'],
    ['Qwen/Qwen2.5-7B-Instruct', 'known-family:qwen2.5-7b'],
    ['Qwen/Qwen2.5-32B-Instruct-AWQ', 'known-family:qwen2.5-32b'],
    ['Qwen/Qwen2.5-72B-Instruct', 'known-family:qwen2.5-72b'],
    ['mistralai/Mistral-7B-Instruct-v0.3', 'known-family:mistral-7b'],
    ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'known-family:mixtral-8x7b'],
    ['google/gemma-2-9b-it', 'known-family:gemma-2-9b'],
    ['google/gemma-2-27b-it', 'known-family:gemma-2-27b'],
    ['microsoft/Phi-3-mini-4k-instruct', 'known-family:phi-3-mini'],
    ['acme/secret-model', 'unknown'],
    ['pvc://models/llama', 'unknown'],
  ])('%s -> %s', (model, source) => {
    expect(architectureFor(aModel(model).obj().spec!.vllm!).source).toBe(source);
  });

  it('prefers a complete spec.vllm.architecture', () => {
    const arch = { parameterCountB: '8.03', numLayers: 30, numKVHeads: 4, headDim: 64 };
    const resolved = architectureFor(aModel('llama').arch(arch).obj().spec!.vllm!);
    expect(resolved).toEqual({
      source: 'spec',
      arch: { paramsM: 8030, numLayers: 30, numKVHeads: 4, headDim: 64 },
    });
  });

  it('lets set spec fields override a known family', () => {
    const resolved = architectureFor(aModel('llama').arch({ numLayers: 40 }).obj().spec!.vllm!);
    expect(resolved.source).toBe('known-family:llama-3-8b');
    expect(resolved.arch).toMatchObject({ numLayers: 40, numKVHeads: 8, paramsM: 8030 });
  });

  it.each([
    ['8.03', 8030],
    ['70', 70000],
    ['0.5', 500],
    ['32.764', 32764],
  ])('parseBillions(%s) = %d million', (text, millions) =>
    expect(parseBillions(text)).toBe(millions),
  );
});
