/**
 * Turns texts into vectors for the semantic cache. Vectors of different embedders live in
 * different spaces, so `id` is part of the index identity: switching a policy's embedding
 * model starts a fresh index instead of comparing incomparable vectors.
 */
export interface Embedder {
  /** Stable name of the vector space, e.g. `lexical-v1-512` or `openai:bge-small:384`. */
  readonly id: string;
  readonly dimensions: number;
  /** `lexical` matches shared words, not meaning (SPEC section 5); `semantic` is a real model. */
  readonly kind: 'lexical' | 'semantic';
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Scales a vector to unit length in place; the zero vector stays zero (no direction). */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}

/** Cosine similarity of two vectors of equal length; 0 when either has no direction. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
