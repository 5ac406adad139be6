import { ASCII_CLASSES, CharClass, isWordCode } from './char-classes.js';
import { CharCounts, writeDense } from './dense-features.js';
import { DENSE_FEATURES, featureDims, type FeatureConfig } from './feature-config.js';
import { charGramHash, combine, fmix32, fnvStep, SEED_WORD } from './hash.js';
import { promptWindow } from './prompt-window.js';

/**
 * 1 + ln(count) for the counts a window really has: Math.log per feature was a fifth of extract()
 * (measured with --cpu-prof). The same doubles as Math.log gives, so the artifact does not move.
 */
const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, count) => 1 + Math.log(count));

/** A sparse vector: `length` (index, value) pairs, in no particular index order. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly length: number;
}

/**
 * Prompt -> hashed word unigrams and bigrams and char n-grams (sublinear TF, L2-normalized) plus
 * the dense features. One pass over the window's char codes; one instance reuses its buffers, so
 * extract() allocates nothing per n-gram, and its result is valid until the next call.
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
    if (
      config.charNgramMin < 2 ||
      config.charNgramMax > 4 ||
      config.charNgramMin > config.charNgramMax
    ) {
      throw new Error('Char n-grams are 2 to 4 code units long (two packed pairs hold four)');
    }
    this.counts = new Float32Array(featureDims(config));
    this.mask = 2 ** config.hashBits - 1;
    this.maxWindow = config.headChars + config.tailChars + 1;
    const capacity =
      (config.charNgramMax - config.charNgramMin + 3) * this.maxWindow + DENSE_FEATURES;
    this.touched = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
  }

  extract(text: string): SparseVector {
    let window = promptWindow(text, this.config.headChars, this.config.tailChars);
    // NFKC can lengthen text (ligatures, compatibility forms); the buffers are sized for the window.
    if (window.length > this.maxWindow) window = window.slice(0, this.maxWindow);
    this.nnz = 0;
    this.chars.reset();
    this.scan(window);
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

  /**
   * Words (runs of isWordCode, each also joined to the one before as a bigram) and the char
   * n-grams ending at each position, from a rolling register of the last four code units (two
   * 16-bit units per int32): no restart per position, no substring. State stays in locals: as
   * object fields, int32 values past V8's small-integer range would be boxed.
   */
  private scan(window: string): void {
    const { charNgramMin: min, charNgramMax: max } = this.config;
    let word = SEED_WORD;
    let previous = 0;
    let high = 0;
    let low = 0;
    for (let i = 0; i <= window.length; i++) {
      const code = i < window.length ? window.charCodeAt(i) : 0x20;
      if (isWordCode(code)) {
        word = fnvStep(word, code);
      } else if (word !== SEED_WORD) {
        this.addWord(word, previous);
        previous = word;
        word = SEED_WORD;
      }
      high = (high << 16) | (low >>> 16);
      low = (low << 16) | code;
      for (let n = min; n <= max && n <= i + 1 && i < window.length; n++)
        this.add(charGramHash(high, low, n));
      if (code < 0x80) this.countChar(code, window, i);
    }
  }

  private addWord(word: number, previous: number): void {
    this.add(word);
    if (previous !== 0) this.add(combine(previous, word));
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

  /** Sublinear TF (1 + ln count), L2 norm over the hashed part; clears the counts for next time. */
  private weigh(): void {
    let norm = 0;
    for (let k = 0; k < this.nnz; k++) {
      const index = this.touched[k] ?? 0;
      const count = this.counts[index] ?? 1;
      const weight = count < SUBLINEAR_TF.length ? (SUBLINEAR_TF[count] ?? 0) : 1 + Math.log(count);
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
