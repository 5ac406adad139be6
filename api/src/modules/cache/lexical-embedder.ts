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

/** FNV-1a, 32 bits: fast, deterministic across processes and versions of Node. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

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
    const add = (feature: string, weight: number): void => {
      const hash = fnv1a(feature);
      const index = hash % this.dimensions;
      vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -weight : weight);
    };
    const words = tokenize(text);
    words.forEach((word, i) => {
      add(`w:${word}`, COMMON.has(word) ? COMMON_WEIGHT : WORD_WEIGHT);
      const next = words[i + 1];
      if (next !== undefined) add(`b:${word} ${next}`, BIGRAM_WEIGHT);
      const padded = `^${word}$`;
      for (let c = 0; c + 3 <= padded.length; c++)
        add(`c:${padded.slice(c, c + 3)}`, TRIGRAM_WEIGHT);
    });
    return l2Normalize(vector);
  }
}
