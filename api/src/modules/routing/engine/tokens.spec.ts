import { isRouteError } from './errors.js';
import { countChatTokens, countTokens, DEFAULT_PROMPT_LIMITS, measurePrompt } from './tokens.js';

describe('countTokens (o200k_base)', () => {
  it.each([
    ['', 0],
    ['hello world', 2],
    ['Classify this ticket: refund request', 7],
  ])('counts %j as %i tokens', (text, expected) => {
    expect(countTokens(text)).toBe(expected);
  });

  it('treats special-token text in user input as plain text instead of throwing', () => {
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });
});

describe('countChatTokens', () => {
  it.each([
    ['no messages: reply priming only', [], 3],
    [
      'one message: framing, role and content',
      [{ role: 'user', content: 'hello world' }],
      3 + 3 + 1 + 2,
    ],
    [
      'a named message adds the name and its marker',
      [{ role: 'user', content: 'hello world', name: 'bob' }],
      3 + 3 + 1 + 2 + 1 + 1,
    ],
  ])('%s', (_label, messages, expected) => {
    expect(countChatTokens(messages)).toBe(expected);
  });
});

describe('measurePrompt', () => {
  const limits = { maxPromptTokens: 10, maxPromptBytes: 100 };

  it.each([
    ['text within limits', { text: 'hello world' }, 2],
    ['chat within limits', { messages: [{ role: 'user', content: 'hello' }] }, 8],
    ['text at exactly the token limit', { text: 'a '.repeat(9) + 'a' }, 10],
  ])('counts %s', (_label, input, expected) => {
    expect(measurePrompt(input, limits)).toBe(expected);
  });

  it.each([
    ['text over the token limit', { text: 'word '.repeat(11) }, 'prompt', 'more than 10 tokens'],
    ['text over the byte limit', { text: 'x'.repeat(101) }, 'prompt', 'larger than 100 bytes'],
    [
      'multi-byte text over the byte limit',
      { text: 'é'.repeat(51) },
      'prompt',
      'larger than 100 bytes',
    ],
    [
      'chat over the token limit',
      { messages: [{ role: 'user', content: 'one two three four five six' }] },
      'messages',
      'more than 10 tokens',
    ],
    [
      'chat whose messages together pass the byte limit',
      {
        messages: [
          { role: 'user', content: 'x'.repeat(60) },
          { role: 'user', content: 'y'.repeat(60) },
        ],
      },
      'messages',
      'larger than 100 bytes',
    ],
  ])('rejects %s naming the field', (_label, input, field, message) => {
    const result = measurePrompt(input, limits);
    expect(isRouteError(result) && result).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    expect(isRouteError(result) && result.message).toContain(message);
  });

  it('rejects a prompt far over the default limits without counting it', () => {
    const huge = 'token '.repeat(1_000_000);
    expect(measurePrompt({ text: huge }, DEFAULT_PROMPT_LIMITS)).toMatchObject({ field: 'prompt' });
  });
});
