// FNV-1a over UTF-16 code units, stepped one unit at a time so no n-gram string is ever built;
// murmur3's finalizer then spreads FNV's weak low bits before the bucket mask. Hashes stay int32
// (`| 0`, never `>>> 0`): V8 keeps those unboxed, and a uint32 above 2^30 would allocate.
// http://www.isthe.com/chongo/tech/comp/fnv/ and https://github.com/aappleby/smhasher

const FNV_PRIME = 0x01000193;

/** A distinct offset basis per feature family, so a word and a char n-gram spelled alike differ. */
export const SEED_WORD = 0x811c9dc5 | 0;
export const SEED_BIGRAM = 0x050c5d1f;
export const SEED_CHAR = 0x2b8f1a37;

export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

export function fmix32(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Order matters: "a b" and "b a" are different bigrams. */
export function combine(first: number, second: number): number {
  return fmix32((Math.imul(first, 31) + second) ^ SEED_BIGRAM) | 0;
}

/** A string's hash from `seed`, the same value the featurizer reaches stepping through it. */
export function hashString(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}
