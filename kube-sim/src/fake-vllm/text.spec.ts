import { complete, countTokens, embed } from './text.js';

describe('countTokens (the fake tokenizer rule)', () => {
  it.each([
    ['', 0],
    ['hello', 1],
    ['hello world', 2],
    ['Hello, world!', 4],
    ['  spaced   out  ', 2],
    ['max_tokens=16', 3],
    ['naïve café', 2],
  ])('%j has %i tokens', (text, tokens) => {
    expect(countTokens(text)).toBe(tokens);
  });
});

describe('complete', () => {
  it('gives the same answer for the same prompt and seed', () => {
    expect(complete('Classify this ticket', 7)).toEqual(complete('Classify this ticket', 7));
  });

  it.each([
    ['another prompt', 'Classify that ticket', 7],
    ['another seed', 'Classify this ticket', 8],
  ])('gives a different answer for %s', (_case, prompt, seed) => {
    expect(complete(prompt, seed).tokens).not.toEqual(complete('Classify this ticket', 7).tokens);
  });

  it('stops on its own between 8 and 31 tokens', () => {
    const { tokens, finishReason } = complete('Summarize the quarter', 0);
    expect(tokens.length).toBeGreaterThanOrEqual(8);
    expect(tokens.length).toBeLessThan(32);
    expect(finishReason).toBe('stop');
  });

  it.each([1, 3, 7])('is cut at max_tokens %i with finish reason length', (maxTokens) => {
    const full = complete('Summarize the quarter', 0);
    expect(complete('Summarize the quarter', 0, maxTokens)).toEqual({
      tokens: full.tokens.slice(0, maxTokens),
      finishReason: 'length',
    });
  });

  it('keeps finish reason stop when max_tokens is not reached', () => {
    expect(complete('Summarize the quarter', 0, 64).finishReason).toBe('stop');
  });

  it('counts as many tokens as it produced once joined', () => {
    const { tokens } = complete('Count me', 3);
    expect(countTokens(tokens.join(' '))).toBe(tokens.length);
  });
});

describe('embed', () => {
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

  it.each([
    ['reset my password', 1],
    ['', 0],
  ])('%j has length %i', (text, norm) => {
    expect(Math.hypot(...embed(text, 64))).toBeCloseTo(norm, 9);
  });

  it('is deterministic and case-insensitive', () => {
    expect(embed('Reset my Password', 32)).toEqual(embed('reset my password', 32));
  });

  it('puts texts sharing words closer than unrelated texts', () => {
    const a = embed('how do I reset my password', 256);
    const b = embed('reset my password please', 256);
    const c = embed('quarterly revenue forecast', 256);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
  });
});
