/**
 * gpt-tokenizer's BPE is quadratic in the length of one pre-token (a run of letters, or of
 * punctuation, without whitespace): a prompt of 84,000 `a`s took 10 s of CPU to count, blocking
 * every other caller of the process (found by the fuzz suite). Text is therefore handed to the
 * BPE in pieces: ordinary text as it is, and any run of MAX_RUN or more non-space characters cut
 * into MAX_RUN-sized parts. The count stays exact for text without such runs; inside one it may
 * differ by about one token per cut, which routing thresholds do not notice (the count is already
 * an o200k estimate of another model's tokenizer, tokens.ts).
 */
export const MAX_RUN = 512;

const LONG_RUN = new RegExp(`\\S{${MAX_RUN},}`, 'gu');

/** The pieces to tokenize, in order; their concatenation is the text. */
export function bpePieces(text: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    if (match.index > at) pieces.push(text.slice(at, match.index));
    pieces.push(...cut(match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length || pieces.length === 0) pieces.push(text.slice(at));
  return pieces;
}

/** MAX_RUN-character parts, never splitting a surrogate pair. */
function cut(run: string): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < run.length) {
    let end = Math.min(at + MAX_RUN, run.length);
    const last = run.charCodeAt(end - 1);
    if (end < run.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(run.slice(at, end));
    at = end;
  }
  return parts;
}
