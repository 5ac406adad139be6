import { create } from '@bufbuild/protobuf';
import { ProviderKind, RouteDecisionSchema } from '@sluice/proto';
import { callable, hashText, ModelCaller, syntheticAnswer } from './model-call.js';

describe('synthetic model answers', () => {
  it.each([
    [120, 'Classify ticket 1', undefined],
    [120, 'Classify ticket 1', 16],
    [3000, 'Analyze step by step', 2048],
  ])('prompt %d tokens, %j, max_tokens %j', (promptTokens, text, maxTokens) => {
    const answer = syntheticAnswer(promptTokens, text, maxTokens);
    expect(answer).toEqual(syntheticAnswer(promptTokens, text, maxTokens));
    expect(answer.inputTokens).toBe(promptTokens);
    expect(answer.outputTokens).toBeGreaterThanOrEqual(Math.min(20, maxTokens ?? 20));
    expect(answer.outputTokens).toBeLessThanOrEqual(Math.min(219, maxTokens ?? 219));
    expect(answer.called).toBe(false);
  });

  it('hashes texts apart', () => {
    expect(hashText('a')).not.toBe(hashText('b'));
    expect(hashText('')).toBe(0x811c9dc5);
  });

  it.each([
    ['an external model', ProviderKind.EXTERNAL, 'https://api.openai.com/v1'],
    ['a self-hosted model with no endpoint', ProviderKind.VLLM, ''],
  ])('never calls %s', async (_name, provider, endpointUrl) => {
    const decision = create(RouteDecisionSchema, {
      promptTokens: 42,
      target: { provider, endpointUrl, servedModelName: 'm' },
    });
    const answer = await new ModelCaller().answer(decision, 'hello');
    expect(answer).toEqual(syntheticAnswer(42, 'hello'));
  });
});

describe('callable', () => {
  it.each([
    [ProviderKind.VLLM, 'http://llama.default.svc:8000/v1', true],
    [ProviderKind.VLLM, '', false],
    [ProviderKind.EXTERNAL, 'https://api.openai.com/v1', false],
    [ProviderKind.EXTERNAL, 'http://127.0.0.1:45691/v1', true],
    [ProviderKind.EXTERNAL, 'http://localhost:8000/v1', true],
    [ProviderKind.EXTERNAL, 'http://[::1]:8000/v1', true],
    [ProviderKind.EXTERNAL, 'not a url', false],
    [undefined, 'http://127.0.0.1:1/v1', true],
  ])('%s %j: %s', (provider, url, expected) => {
    expect(callable(provider, url)).toBe(expected);
  });
});
