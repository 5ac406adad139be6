import { countTokens as exactCount } from 'gpt-tokenizer/encoding/o200k_base';
import { bpePieces, MAX_RUN } from './bpe-pieces.js';
import { countTokens, measurePrompt } from './tokens.js';

const longestRun = (pieces: string[]): number =>
  Math.max(...pieces.map((p) => Math.max(0, ...(p.match(/\S+/gu) ?? []).map((r) => r.length))));

describe('bpePieces (keeping gpt-tokenizer out of its quadratic case)', () => {
  it('leaves ordinary text whole, so its count stays exact', () => {
    const text = 'Summarize the attached incident report in three bullet points. '.repeat(200);
    expect(bpePieces(text)).toEqual([text]);
    expect(countTokens(text)).toBe(exactCount(text));
    expect(bpePieces('')).toEqual(['']);
  });

  it.each([
    ['letters', 'a'.repeat(84_000)],
    ['punctuation', '"'.repeat(20_000)],
    ['a run inside text', `Explain this: ${'x'.repeat(3_000)} please`],
    ['astral characters', `a${'😀'.repeat(2_000)}`],
  ])('cuts long runs of %s into parts of at most MAX_RUN, losing nothing', (_, text) => {
    const pieces = bpePieces(text);
    expect(pieces.join('')).toBe(text);
    expect(longestRun(pieces)).toBeLessThanOrEqual(MAX_RUN);
    // No piece ends in the first half of a surrogate pair.
    expect(pieces.some((p) => /[\uD800-\uDBFF]$/.test(p))).toBe(false);
  });

  it('counts a long run within about one token per cut of the exact count', () => {
    const run = 'lorem'.repeat(1_000); // 5,000 characters: exact BPE still takes only milliseconds
    const cuts = Math.ceil(run.length / MAX_RUN);
    expect(Math.abs(countTokens(run) - exactCount(run))).toBeLessThanOrEqual(cuts);
  });

  it('still refuses a prompt over the token limit when it is one long run', () => {
    const limits = { maxPromptTokens: 1_000, maxPromptBytes: 1 << 20 };
    expect(measurePrompt({ text: 'a'.repeat(84_000) }, limits)).toMatchObject({
      field: 'prompt',
    });
    expect(measurePrompt({ text: 'a'.repeat(4_000) }, limits)).toEqual(expect.any(Number));
  });
});
