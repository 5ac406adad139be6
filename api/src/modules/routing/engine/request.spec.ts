import { isRouteError } from './errors.js';
import { measureRequest, type RouteRequest } from './request.js';

const limits = { maxPromptTokens: 100, maxPromptBytes: 2000 };

describe('measureRequest', () => {
  it.each<[string, RouteRequest, { text: string; tokens: number }]>([
    ['a prompt', { prompt: 'hello world' }, { text: 'hello world', tokens: 2 }],
    ['a token count alone', { promptTokens: 42 }, { text: '', tokens: 42 }],
    ['a zero token count', { promptTokens: 0 }, { text: '', tokens: 0 }],
    [
      'chat messages: user turns are read, every turn is counted',
      {
        messages: [
          { role: 'system', content: 'You analyze tickets.' },
          { role: 'user', content: 'hello world' },
        ],
      },
      { text: 'hello world', tokens: 3 + (3 + 1 + 4) + (3 + 1 + 2) },
    ],
    [
      'chat without a user turn: every turn is read',
      { messages: [{ role: 'system', content: 'hello' }] },
      { text: 'hello', tokens: 3 + 3 + 1 + 1 },
    ],
    [
      'a prompt over a token count',
      { prompt: 'hello world', promptTokens: 5000 },
      { text: 'hello world', tokens: 2 },
    ],
  ])('measures %s', (_label, request, expected) => {
    expect(measureRequest(request, limits)).toEqual(expected);
  });

  it.each<[string, RouteRequest, string]>([
    ['nothing to route', {}, 'prompt'],
    ['empty messages', { messages: [] }, 'prompt'],
    [
      'both prompt and messages',
      { prompt: 'a', messages: [{ role: 'user', content: 'b' }] },
      'messages',
    ],
    ['an oversized prompt', { prompt: 'word '.repeat(101) }, 'prompt'],
    ['an oversized chat', { messages: [{ role: 'user', content: 'x'.repeat(2001) }] }, 'messages'],
    ['an oversized token count', { promptTokens: 101 }, 'promptTokens'],
    ['a negative token count', { promptTokens: -1 }, 'promptTokens'],
    ['a fractional token count', { promptTokens: 1.5 }, 'promptTokens'],
    ['a zero max_tokens', { prompt: 'a', maxTokens: 0 }, 'maxTokens'],
    ['a fractional max_tokens', { prompt: 'a', maxTokens: 2.5 }, 'maxTokens'],
    ['a NaN max_tokens', { prompt: 'a', maxTokens: Number.NaN }, 'maxTokens'],
  ])('rejects %s naming the field', (_label, request, field) => {
    const result = measureRequest(request, limits);
    expect(isRouteError(result) && { code: result.code, field: result.field }).toEqual({
      code: 'INVALID_ARGUMENT',
      field,
    });
  });
});
