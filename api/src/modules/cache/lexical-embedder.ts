import { l2Normalize, type Embedder } from './embedder.js';

/** Words so common they say little about what is asked; they still count, with less weight. */
const COMMON = new Set(
  'a an the is are was were be of to in on at for and or it this that what how do does can i you me my please'.split(
    ' ',
  ),
);

const WORD_WEIGHT = 1;
const COMMON_WEIGHT = 0.25;
const BIGRAM_WEIGHT = 0.5;
const TRIGRAM_WEIGHT = 0.2;

/**
 * FNV-1a, 32 bits: fast, deterministic across processes and versions of Node. Continued over
 * `text` from `hash`, so a feature ("w:" + word, "b:" + word + " " + next, "c:" + a
 * trigram of "^word$") is hashed without building its string: the same code units in the same
 * order give the same hash as hashing the joined string, and a long prompt makes no garbage of
 * ten thousand little strings per embedding (issue 15).
 */
function fnv1a(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

const FNV_OFFSET = 0x811c9dc5;
const WORD = fnv1a(FNV_OFFSET, 'w:');
const BIGRAM = fnv1a(FNV_OFFSET, 'b:');
const TRIGRAM = fnv1a(FNV_OFFSET, 'c:');
const SPACE = ' '.charCodeAt(0);
const START = '^'.charCodeAt(0);
const END = '$'.charCodeAt(0);

const step = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193);

/** The i-th code unit of "^word$". */
const paddedAt = (word: string, i: number): number =>
  i === 0 ? START : i === word.length + 1 ? END : word.charCodeAt(i - 1);

export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * A deterministic local embedder: hashed word, word-bigram and character-trigram features,
 * L2-normalized (the "hashing trick"; a sign bit halves the bias of collisions). It needs no
 * model or network, so the semantic cache works on a laptop and in tests, but it is LEXICAL:
 * "reset my password" and "password reset" are close, "car" and "automobile" are not. It is
 * labelled as such (SPEC section 5); production policies name an embedding model instead.
 */
export class LexicalEmbedder implements Embedder {
  readonly kind = 'lexical';
  readonly id: string;

  constructor(readonly dimensions = 512) {
    this.id = `lexical-v1-${dimensions}`;
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((text) => this.embedOne(text)));
  }

  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    const add = (hash: number, weight: number): void => {
      const unsigned = hash >>> 0;
      const index = unsigned % this.dimensions;
      vector[index] = (vector[index] ?? 0) + (unsigned & 0x80000000 ? -weight : weight);
    };
    const words = tokenize(text);
    // The same features, added in the same order as ever: float sums depend on the order.
    words.forEach((word, i) => {
      add(fnv1a(WORD, word), COMMON.has(word) ? COMMON_WEIGHT : WORD_WEIGHT);
      const next = words[i + 1];
      if (next !== undefined) add(fnv1a(step(fnv1a(BIGRAM, word), SPACE), next), BIGRAM_WEIGHT);
      for (let c = 0; c + 3 <= word.length + 2; c++) {
        const trigram = step(
          step(step(TRIGRAM, paddedAt(word, c)), paddedAt(word, c + 1)),
          paddedAt(word, c + 2),
        );
        add(trigram, TRIGRAM_WEIGHT);
      }
    });
    return l2Normalize(vector);
  }
}
