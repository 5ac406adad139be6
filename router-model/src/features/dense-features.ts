import { DENSE_FEATURES } from './feature-config.js';

/** What the scan counted in the window, for the dense features. */
export class CharCounts {
  code = 0;
  math = 0;
  digits = 0;
  questions = 0;
  newlines = 0;
  fence = false;

  reset(): void {
    this.code = this.math = this.digits = this.questions = this.newlines = 0;
    this.fence = false;
  }
}

/** Upper bounds (chars) of the prompt-length buckets; the last bucket is everything longer. */
const LENGTH_BUCKETS = [64, 256, 1024, 4096];

/**
 * The dense features, written into `out` from `offset`: a one-hot length bucket (of the whole
 * prompt, not the window), then shares of code punctuation, fences, digits, question marks,
 * newlines and math operators, each scaled so a typical prompt of that sort lands near 1.
 */
export function writeDense(
  counts: CharCounts,
  promptLength: number,
  windowLength: number,
  out: Float32Array,
): void {
  out.fill(0, 0, DENSE_FEATURES);
  let bucket = LENGTH_BUCKETS.findIndex((limit) => promptLength < limit);
  if (bucket < 0) bucket = LENGTH_BUCKETS.length;
  out[bucket] = 1;
  const n = Math.max(1, windowLength);
  out[5] = Math.min(1, (4 * counts.code) / n);
  out[6] = counts.fence ? 1 : 0;
  out[7] = Math.min(1, (4 * counts.digits) / n);
  out[8] = Math.min(3, counts.questions) / 3;
  out[9] = Math.min(1, (10 * counts.newlines) / n);
  out[10] = Math.min(1, (8 * counts.math) / n);
}
