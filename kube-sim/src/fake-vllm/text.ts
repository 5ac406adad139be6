// TEST FIXTURE. The fake vLLM's "model": deterministic text and vectors derived from the prompt, so
// tests can assert exact answers and token counts. Nothing here resembles a language model.
import { createHash } from 'node:crypto';

const VOCABULARY = (
  'the answer is a short reply from fake vllm model tokens cost cache route small tier served ' +
  'quickly and cheaply with batching prefix caching on one gpu per request output ends here'
).split(' ');
/** Natural answer lengths, before max_tokens cuts them. */
const MIN_LENGTH = 8;
const LENGTH_SPREAD = 24;

/**
 * The tokenizer rule: a word or a single punctuation mark is one token. Real BPE tokenizers give
 * other counts; tests compare the fake with itself, never with a real model.
 */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)?.length ?? 0;
}

/** 32 bits of SHA-256 of the parts: a stable seed for one prompt. */
export function hash32(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** mulberry32: a tiny PRNG, so the same seed gives the same words everywhere. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Completion {
  /** One token per entry; the text is their join with spaces. */
  tokens: string[];
  finishReason: 'stop' | 'length';
}

/** The answer to a prompt: same prompt and seed, same words; cut at maxTokens ('length'). */
export function complete(prompt: string, seed: number, maxTokens?: number): Completion {
  const next = random(hash32(seed, prompt));
  const natural = MIN_LENGTH + Math.floor(next() * LENGTH_SPREAD);
  const length = maxTokens === undefined ? natural : Math.min(natural, maxTokens);
  const tokens = Array.from(
    { length },
    () => VOCABULARY[Math.floor(next() * VOCABULARY.length)] ?? 'the',
  );
  return { tokens, finishReason: length < natural ? 'length' : 'stop' };
}

/**
 * A unit vector by feature hashing of the lower-cased tokens: texts sharing words point the same
 * way, so a semantic-cache threshold behaves plausibly. Lexical, not semantic.
 */
export function embed(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const token of text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) {
    const h = hash32('embed', token);
    const index = h % dimensions;
    vector[index] = (vector[index] ?? 0) + (h & 0x80000000 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}
