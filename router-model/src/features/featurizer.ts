import { ASCII_CLASSES, CharClass, isWordCode } from './char-classes.js';
import { CharCounts, writeDense } from './dense-features.js';
import { DENSE_FEATURES, featureDims, type FeatureConfig } from './feature-config.js';
import { combine, fmix32, fnvStep, SEED_CHAR, SEED_WORD } from './hash.js';
import { promptWindow } from './prompt-window.js';

/** A sparse vector: `length` (index, value) pairs, indices ascending is NOT promised. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly length: number;
}

/**
 * Prompt -> hashed word unigrams and bigrams and char n-grams (sublinear TF, L2-normalized) plus
 * the dense features. One instance reuses its buffers: extract() allocates nothing per n-gram,
 * and its result is valid until the next call (copy it to keep it).
 */
export class Featurizer {
  private readonly counts: Float32Array;
  private readonly touched: Int32Array;
  private readonly values: Float32Array;
  private readonly dense = new Float32Array(DENSE_FEATURES);
  private readonly chars = new CharCounts();
  private readonly mask: number;
  private readonly maxWindow: number;
  private nnz = 0;

  constructor(readonly config: FeatureConfig) {
    this.counts = new Float32Array(featureDims(config));
    this.mask = 2 ** config.hashBits - 1;
    this.maxWindow = config.headChars + config.tailChars + 1;
    const ngramsPerChar = config.charNgramMax - config.charNgramMin + 1;
    const capacity = (ngramsPerChar + 2) * this.maxWindow + DENSE_FEATURES;
    this.touched = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  extract(text: string): SparseVector {
    let window = promptWindow(text, this.config.headChars, this.config.tailChars);
    // NFKC can lengthen text (ligatures, compatibility forms); the buffers are sized for the window.
    if (window.length > this.maxWindow) window = window.slice(0, this.maxWindow);
    this.nnz = 0;
    this.chars.reset();
    this.scanWords(window);
    this.scanCharNgrams(window);
    this.weigh();
    this.appendDense(text.length, window.length);
    const length = this.nnz;
    return {
      indices: this.touched.subarray(0, length),
      values: this.values.subarray(0, length),
      length,
    };
  }

  private add(hash: number): void {
    const index = fmix32(hash) & this.mask;
    if (this.counts[index] === 0) this.touched[this.nnz++] = index;
    this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  /** Words are runs of isWordCode; a bigram joins each word to the one before it. */
  private scanWords(window: string): void {
    let word = SEED_WORD;
    let previous = 0;
    let inWord = false;
    for (let i = 0; i <= window.length; i++) {
      const code = i < window.length ? window.charCodeAt(i) : 0x20;
      if (isWordCode(code)) {
        word = fnvStep(word, code);
        inWord = true;
      } else if (inWord) {
        this.add(word);
        if (previous !== 0) this.add(combine(previous, word));
        previous = word;
        word = SEED_WORD;
        inWord = false;
      }
      if (code < 0x80) this.countChar(code, window, i);
    }
  }

  private countChar(code: number, window: string, i: number): void {
    const flags = ASCII_CLASSES[code] ?? 0;
    if (flags === 0) return;
    const c = this.chars;
    if (flags & CharClass.Code) c.code++;
    if (flags & CharClass.Math) c.math++;
    if (flags & CharClass.Digit) c.digits++;
    if (flags & CharClass.Question) c.questions++;
    if (flags & CharClass.Newline) c.newlines++;
    if (flags & CharClass.Backtick && window.startsWith('```', i)) c.fence = true;
  }

  /** Every n-gram of charNgramMin..charNgramMax starting at each position, hashed as it extends. */
  private scanCharNgrams(window: string): void {
    const { charNgramMin: min, charNgramMax: max } = this.config;
    const end = window.length;
    for (let i = 0; i + min <= end; i++) {
      let hash = SEED_CHAR;
      const last = Math.min(end, i + max);
      for (let j = i; j < last; j++) {
        hash = fnvStep(hash, window.charCodeAt(j));
        if (j - i + 1 >= min) this.add(hash);
      }
    }
  }

  /** Sublinear TF (1 + ln count), L2 norm over the hashed part; clears the counts for next time. */
  private weigh(): void {
    let norm = 0;
    for (let k = 0; k < this.nnz; k++) {
      const index = this.touched[k] ?? 0;
      const weight = 1 + Math.log(this.counts[index] ?? 1);
      this.counts[index] = 0;
      this.values[k] = weight;
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < this.nnz; k++) this.values[k] = (this.values[k] ?? 0) * scale;
  }

  private appendDense(promptLength: number, windowLength: number): void {
    writeDense(this.chars, promptLength, windowLength, this.dense);
    const base = 2 ** this.config.hashBits;
    for (let d = 0; d < DENSE_FEATURES; d++) {
      const value = this.dense[d] ?? 0;
      if (value === 0) continue;
      this.touched[this.nnz] = base + d;
      this.values[this.nnz++] = value;
    }
  }
}
